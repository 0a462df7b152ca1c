import {type PointCosts, pointCost} from './transport-costs.js'

export interface DualCertificate {
  /** Feasible potentials, f_i + g_j ≤ C_ij for every pair (one rounding of C_ij − g_j or C_ij − f_i aside). */
  f: Float64Array
  g: Float64Array
  /** (Σ a_i f_i + Σ b_j g_j) / Σ a_i: a lower bound on the transport cost (weak duality). */
  dualValue: number
  /** max_ij (f_i + g_j − C_ij) of the potentials as given (≤ rounding when they come from an optimal solver). */
  maxViolation: number
  /**
   * A bound on the float64 rounding in dualValue: (n + m + 2)·ε·(Σ a_i|f_i| + Σ b_j|g_j|)/Σ a_i (recursive summation,
   * Higham 2002, §4.2, with one more ε for the c-transform's subtraction). dualValue − dualRounding is a lower bound.
   */
  dualRounding: number
}

/**
 * Checks an exact solver's dual potentials over all n·m pairs in one pass: their worst violation of f_i + g_j ≤ C_ij,
 * and the two one-sided exact c-transforms (f, f^c) with f^c_j = min_i (C_ij − f_i), and (g^c, g) with
 * g^c_i = min_j (C_ij − g_j). Each pair is feasible by construction and its dual value a lower bound (weak duality;
 * Peyré & Cuturi 2019, §3.1 and Prop. 3.1; the same c-transform that closes Sinkhorn's bracket); the larger is kept.
 * At an optimum it equals the primal value (strong duality), which is what makes lower = upper = value a checked fact.
 *
 * One side, not both in turn (f^c then f^cc, the code before): a potential that is large against the rest (a far
 * point's, ~max C) is rounded at ~ε·max C, and transforming through it hands that error to every potential of the
 * other side it is tight with — with one point at 1e12 of weight 1e-12, 2e-6 of the value. Transforming the side that
 * holds it confines its error to its own tiny mass. O(n·m) reads of the cached costs, or O(n·m·d) from coordinates.
 * f0 and g0 are not modified.
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
  // A common shift (f − s, g + s) changes neither feasibility nor the value (Σa = Σb); it keeps the sums small. It is
  // the mass-weighted median of f, so the potentials of the bulk of the mass stay near 0 with their full precision
  // (max f, used before, lay at a far point of weight 1e-12 and cost the bulk's potentials every significant digit).
  const shift = weightedMedian(f0, a)
  const f = new Float64Array(n),
    g = new Float64Array(m)
  for (let i = 0; i < n; i++) f[i] = f0[i] - shift
  for (let j = 0; j < m; j++) g[j] = g0[j] + shift
  const fc = new Float64Array(m).fill(Infinity),
    gc = new Float64Array(n).fill(Infinity)
  for (let i = 0; i < n; i++) {
    const fi = f[i],
      row = i * m
    let min = Infinity
    if (C) {
      for (let j = 0; j < m; j++) {
        const c = C[row + j]
        const v = c - fi
        if (v < fc[j]) fc[j] = v
        const w = c - g[j]
        if (w < min) min = w
      }
    } else {
      const {x, y, d, power} = points!
      for (let j = 0; j < m; j++) {
        const c = pointCost(x, i, y, j, d, power)
        const v = c - fi
        if (v < fc[j]) fc[j] = v
        const w = c - g[j]
        if (w < min) min = w
      }
    }
    gc[i] = min
  }
  return chooseSide(f, g, fc, gc, a, b)
}

/**
 * The better of the two one-sided c-transforms, given f^c (m) and g^c (n) from a pass over all pairs (./certificate.ts
 * `certifyPotentials`, or the tiled shortlist check): the dual values of (f, f^c) and (g^c, g), the potentials of the
 * larger, the violation max_ij (f_i + g_j − C_ij) = max_j (g_j − f^c_j), and the rounding bound.
 */
export function chooseSide(
  f: Float64Array,
  g: Float64Array,
  fc: Float64Array,
  gc: Float64Array,
  a: Float64Array,
  b: Float64Array,
): DualCertificate {
  const n = a.length,
    m = b.length
  let total = 0,
    sf = 0,
    sgc = 0,
    magF = 0,
    magGc = 0
  for (let i = 0; i < n; i++) {
    total += a[i]
    sf += a[i] * f[i]
    sgc += a[i] * gc[i]
    magF += a[i] * Math.abs(f[i])
    magGc += a[i] * Math.abs(gc[i])
  }
  let sg = 0,
    sfc = 0,
    magG = 0,
    magFc = 0,
    maxViolation = 0
  for (let j = 0; j < m; j++) {
    sg += b[j] * g[j]
    sfc += b[j] * fc[j]
    magG += b[j] * Math.abs(g[j])
    magFc += b[j] * Math.abs(fc[j])
    maxViolation = Math.max(maxViolation, g[j] - fc[j])
  }
  const first = (sf + sfc) / total,
    second = (sgc + sg) / total
  const rounding = (mag: number) => (n + m + 2) * Number.EPSILON * (mag / total)
  // Ties (and NaN-free equal values) keep (f, f^c), deterministically.
  if (first >= second) return {f, g: fc, dualValue: first, maxViolation, dualRounding: rounding(magF + magFc)}
  return {f: gc, g, dualValue: second, maxViolation, dualRounding: rounding(magGc + magG)}
}

/** The value v_k of the smallest k with Σ_{v_i ≤ v_k} w_i ≥ half the total (0 when every weight is 0). */
function weightedMedian(v: Float64Array, w: Float64Array): number {
  const idx = new Uint32Array(v.length)
  let total = 0
  for (let i = 0; i < v.length; i++) {
    idx[i] = i
    total += w[i]
  }
  idx.sort((i, j) => v[i] - v[j] || i - j)
  let acc = 0
  for (let k = 0; k < idx.length; k++) {
    acc += w[idx[k]]
    if (2 * acc >= total && w[idx[k]] > 0) return v[idx[k]]
  }
  return v.length ? v[idx[idx.length - 1]] : 0
}
