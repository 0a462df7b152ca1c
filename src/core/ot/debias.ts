import {type Power, pairOperator} from '../../kernels/index.js'

/**
 * OT_ε(P̂, P̂), the self-transport term of the debiased Sinkhorn divergence S_ε = OT_ε(P,Q) − ½OT_ε(P,P) − ½OT_ε(Q,Q)
 * (Genevay, Peyré & Cuturi 2018; Feydy et al. 2019, AISTATS, Eq. 4). For a symmetric problem the optimal potentials
 * coincide (f = g), and the averaged fixed-point update
 *   f ← ½ ( f − ε·LSE_j( log a_j + (f_j − C_ij)/ε ) )
 * converges in a few steps (Feydy et al. 2019, §3; GeomLoss's `sinkhorn_loop`), so it is annealed from epsilonStart
 * down to ε with one update per halving, then iterated at ε until f moves by less than 1e-9·ε.
 * Returns 2·Σ a_i f_i (the dual value ⟨a, f⟩ + ⟨a, g⟩ at f = g), and whether f settled within `maxIter` iterations.
 * The LSE runs on the f32 pair operator (src/kernels), shifted by the previous −f/ε; its rounding (≈ 1e-7 of the
 * largest cost per potential) sets how still f can get, so f32 runs settle at 1e-9·ε + 2⁻²⁰·epsilonStart;
 * `precision` lets a caller ask for float64.
 */
export function selfTransport(
  x: Float64Array,
  n: number,
  d: number,
  a: Float64Array,
  power: Power,
  epsilonStart: number,
  epsilon: number,
  maxIter = 100,
  cacheBytes = 0,
  precision: 'f32' | 'f64' = 'f32',
): {value: number; converged: boolean} {
  const la = a.map(Math.log)
  const f = new Float64Array(n),
    h = new Float64Array(n),
    out = new Float64Array(n),
    shift = new Float64Array(n)
  const op = pairOperator(x, n, x, n, d, power, {precision, cacheBytes})
  const step = (eps: number): number => {
    for (let i = 0; i < n; i++) {
      h[i] = la[i] + f[i] / eps
      shift[i] = -f[i] / eps
    }
    op.lseRows(0, n, h, 1 / eps, shift, out)
    let moved = 0
    for (let i = 0; i < n; i++) {
      const next = 0.5 * (f[i] - eps * out[i])
      moved = Math.max(moved, Math.abs(next - f[i]))
      f[i] = next
    }
    return moved
  }
  let converged = false
  try {
    for (let eps = Math.max(epsilonStart, epsilon); eps > epsilon; eps /= 2) step(eps)
    // f32 sums leave each potential ~2⁻²³ of the largest cost (≤ epsilonStart) from the float64 fixed point.
    const settled = 1e-9 * epsilon + (op.precision === 'f32' ? 2 ** -20 * epsilonStart : 0)
    for (let k = 0; k < maxIter && !converged; k++) converged = step(epsilon) <= settled
  } finally {
    op.dispose()
  }
  let total = 0
  for (let i = 0; i < n; i++) total += a[i] * f[i]
  return {value: 2 * total, converged}
}
