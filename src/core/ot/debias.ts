import {lseRowsOfNegScaledDist, type Power} from '../../kernels/index.js'

/**
 * OT_ε(P̂, P̂), the self-transport term of the debiased Sinkhorn divergence S_ε = OT_ε(P,Q) − ½OT_ε(P,P) − ½OT_ε(Q,Q)
 * (Genevay, Peyré & Cuturi 2018; Feydy et al. 2019, AISTATS, Eq. 4). For a symmetric problem the optimal potentials
 * coincide (f = g), and the averaged fixed-point update
 *   f ← ½ ( f − ε·LSE_j( log a_j + (f_j − C_ij)/ε ) )
 * converges in a few steps (Feydy et al. 2019, §3; GeomLoss's `sinkhorn_loop`), so it is annealed from epsilonStart
 * down to ε with one update per halving, then iterated at ε until f moves by less than 1e-9·ε.
 * Returns 2·Σ a_i f_i (the dual value ⟨a, f⟩ + ⟨a, g⟩ at f = g), and whether f settled within `maxIter` iterations.
 */
export function selfTransport(x: Float64Array, n: number, d: number, a: Float64Array, power: Power, epsilonStart: number, epsilon: number, maxIter = 100): {value: number; converged: boolean} {
  const la = a.map(Math.log)
  const f = new Float64Array(n), h = new Float64Array(n), out = new Float64Array(n)
  const step = (eps: number): number => {
    for (let i = 0; i < n; i++) h[i] = la[i] + f[i] / eps
    lseRowsOfNegScaledDist(x, 0, n, x, n, d, h, 1 / eps, power, out)
    let moved = 0
    for (let i = 0; i < n; i++) {
      const next = 0.5 * (f[i] - eps * out[i])
      moved = Math.max(moved, Math.abs(next - f[i]))
      f[i] = next
    }
    return moved
  }
  for (let eps = Math.max(epsilonStart, epsilon); eps > epsilon; eps /= 2) step(eps)
  let converged = false
  for (let k = 0; k < maxIter && !converged; k++) converged = step(epsilon) <= 1e-9 * epsilon
  let total = 0
  for (let i = 0; i < n; i++) total += a[i] * f[i]
  return {value: 2 * total, converged}
}
