import {type PointCosts, pointCost} from './transport-costs.js'

export interface DualCertificate {
  /** Potentials after two exact c-transforms: f_i + g_j ≤ C_ij for every pair (one rounding of C_ij − f_i aside). */
  f: Float64Array
  g: Float64Array
  /** (Σ a_i f_i + Σ b_j g_j) / Σ a_i: a lower bound on the transport cost (weak duality). */
  dualValue: number
  /** max_ij (f_i + g_j − C_ij) of the potentials as given (≤ rounding when they come from an optimal solver). */
  maxViolation: number
}

/**
 * Checks an exact solver's dual potentials over all n·m pairs: their worst violation of f_i + g_j ≤ C_ij, then
 * g ← min_i (C_ij − f_i) and f ← min_j (C_ij − g_j) — exact c-transforms, which make the pair feasible and only
 * raise the dual value (Peyré & Cuturi 2019, §3.1 and Prop. 3.1; the same c-transform that closes Sinkhorn's bracket)
 * — and the dual value. At an optimum it equals the primal value (strong duality), which is what makes
 * lower = upper = value a checked fact. O(n·m) reads of the cached costs, or O(n·m·d) from coordinates.
 * f and g are not modified.
 */
export function certifyPotentials(
  f0: Float64Array,
  g0: Float64Array,
  a: Float64Array,
  b: Float64Array,
  C: Float64Array | null,
  points?: PointCosts,
): DualCertificate {
  const n = a.length,
    m = b.length
  // A common shift (f − s, g + s) changes neither feasibility nor the value (Σa = Σb); it keeps the sums small.
  let shift = -Infinity
  for (let i = 0; i < n; i++) shift = Math.max(shift, f0[i])
  const f = new Float64Array(n),
    g = new Float64Array(m).fill(Infinity)
  for (let i = 0; i < n; i++) f[i] = f0[i] - shift
  for (let i = 0; i < n; i++) {
    const fi = f[i],
      row = i * m
    if (C) {
      for (let j = 0; j < m; j++) {
        const v = C[row + j] - fi
        if (v < g[j]) g[j] = v
      }
    } else {
      const {x, y, d, power} = points!
      for (let j = 0; j < m; j++) {
        const v = pointCost(x, i, y, j, d, power) - fi
        if (v < g[j]) g[j] = v
      }
    }
  }
  let maxViolation = 0
  for (let j = 0; j < m; j++) maxViolation = Math.max(maxViolation, g0[j] + shift - g[j])
  for (let i = 0; i < n; i++) {
    const row = i * m
    let min = Infinity
    if (C) {
      for (let j = 0; j < m; j++) {
        const v = C[row + j] - g[j]
        if (v < min) min = v
      }
    } else {
      const {x, y, d, power} = points!
      for (let j = 0; j < m; j++) {
        const v = pointCost(x, i, y, j, d, power) - g[j]
        if (v < min) min = v
      }
    }
    f[i] = min
  }
  let dual = 0,
    total = 0
  for (let i = 0; i < n; i++) {
    dual += a[i] * f[i]
    total += a[i]
  }
  for (let j = 0; j < m; j++) dual += b[j] * g[j]
  return {f, g, dualValue: dual / total, maxViolation}
}
