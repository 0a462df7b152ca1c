import {InputError} from '../errors.js'
import {sqDistTile, type Power} from '../../kernels/index.js'

/** Largest n (= m) the assignment solver takes: its cost matrix is 8·n² bytes (128 MB at 4000). */
export const ASSIGNMENT_MAX_N = 4096

/**
 * Exact optimal transport between two uniform empirical measures of the same size n: then an optimal plan is a
 * permutation (Birkhoff–von Neumann; Peyré & Cuturi 2019, Prop. 2.1), so W_p^p = min_σ (1/n) Σ_i ‖x_i − y_σ(i)‖^p.
 * Solved by the Hungarian method in its shortest-augmenting-path form with dual potentials (Kuhn 1955; Jonker &
 * Volgenant 1987; the O(n³) formulation of Burkard, Dell'Amico & Martello 2012, Alg. 4.9), preceded by the column
 * reduction v_j = min_i C_ij and its free matches. Exact up to floating-point rounding; deterministic (ties go to the lowest index).
 * The n × n cost matrix is filled by the shared distance kernel.
 *
 * @param x n×d row-major (scaled near 1), y n×d row-major
 * @returns (1/n) Σ_i C_{i σ(i)} for an optimal σ
 */
export function assignmentCost(x: Float64Array, y: Float64Array, n: number, d: number, power: Power, onProgress?: (done: number, total: number) => void): number {
  if (n > ASSIGNMENT_MAX_N) throw new InputError(`exact W1 on ${n} × ${n} points is too large for the exact solver (its cost matrix would need ${Math.round(8 * n * n / 2 ** 20)} MB; limit n = ${ASSIGNMENT_MAX_N}); use --method sinkhorn (certified bracket) or --sample N`)
  const C = new Float64Array(n * n)
  const block = 256
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block)
    sqDistTile(x, i0, i1, y, 0, n, d, C.subarray(i0 * n, i1 * n))
  }
  if (power === 1) for (let k = 0; k < C.length; k++) C[k] = Math.sqrt(C[k])

  // 1-indexed arrays as in the textbook formulation; column 0 is the virtual start of each augmenting path.
  const u = new Float64Array(n + 1), v = new Float64Array(n + 1)
  const rowOf = new Int32Array(n + 1), way = new Int32Array(n + 1)
  const minv = new Float64Array(n + 1)
  const used = new Uint8Array(n + 1)
  // Column reduction (Jonker & Volgenant 1987): v_j = min_i C_ij with u = 0 is dual feasible, and each column's
  // argmin row, if still free, can be matched at reduced cost 0 — complementary slackness holds, so the augmenting
  // phase only has to place the rows left free.
  const matched = new Uint8Array(n + 1)
  for (let j = 1; j <= n; j++) {
    let min = Infinity, arg = 0
    for (let i = 0; i < n; i++) if (C[i * n + j - 1] < min) { min = C[i * n + j - 1]; arg = i + 1 }
    v[j] = min
    if (!matched[arg]) { matched[arg] = 1; rowOf[j] = arg }
  }
  for (let i = 1; i <= n; i++) {
    if (matched[i]) continue
    rowOf[0] = i
    let j0 = 0
    minv.fill(Infinity)
    used.fill(0)
    do {
      used[j0] = 1
      const i0 = rowOf[j0], row = (i0 - 1) * n - 1, ui = u[i0]
      let delta = Infinity, j1 = 0
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue
        const cur = C[row + j] - ui - v[j]
        if (cur < minv[j]) { minv[j] = cur; way[j] = j0 }
        if (minv[j] < delta) { delta = minv[j]; j1 = j }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) { u[rowOf[j]] += delta; v[j] -= delta } else minv[j] -= delta
      }
      j0 = j1
    } while (rowOf[j0] !== 0)
    do {
      const j1 = way[j0]
      rowOf[j0] = rowOf[j1]
      j0 = j1
    } while (j0 !== 0)
    if (onProgress && i % 64 === 0) onProgress(i, n)
  }
  let total = 0
  for (let j = 1; j <= n; j++) total += C[(rowOf[j] - 1) * n + j - 1]
  return total / n
}
