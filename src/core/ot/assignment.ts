import {type Power, sqDistTile} from '../../kernels/index.js'
import {InputError, opt} from '../errors.js'

/** Largest n (= m) the assignment solver takes: its cost matrix is 8·n² bytes (128 MB at 4000). */
export const ASSIGNMENT_MAX_N = 4096

/**
 * Exact optimal transport between two uniform empirical measures of the same size n: then an optimal plan is a
 * permutation (Birkhoff–von Neumann; Peyré & Cuturi 2019, Prop. 2.1), so W_p^p = min_σ (1/n) Σ_i ‖x_i − y_σ(i)‖^p.
 * Solved by the Hungarian method in its shortest-augmenting-path form with dual potentials (Kuhn 1955; Jonker &
 * Volgenant 1987; Crouse 2016's O(n³) formulation), preceded by the column reduction v_j = min_i C_ij and its free matches. Exact up to floating-point rounding; deterministic (ties go to the lowest index).
 * The n × n cost matrix is filled by the shared distance kernel.
 *
 * @param x n×d row-major (scaled near 1), y n×d row-major
 * @returns (1/n) Σ_i C_{i σ(i)} for an optimal σ
 */
export function assignmentCost(
  x: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
  power: Power,
  onProgress?: (done: number, total: number) => void,
): number {
  return assignment(x, y, n, d, power, onProgress).cost
}

/**
 * `assignmentCost` with its dual potentials u, v (C_ij − u_i − v_j ≥ 0, with equality on the matching) and the cost
 * matrix, for the certificate (./certificate.ts).
 */
export function assignment(
  x: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
  power: Power,
  onProgress?: (done: number, total: number) => void,
): {cost: number; u: Float64Array; v: Float64Array; C: Float64Array} {
  if (n > ASSIGNMENT_MAX_N)
    throw new InputError(
      `exact W1 on ${n} × ${n} points is too large for the exact solver (its cost matrix would need ${Math.round((8 * n * n) / 2 ** 20)} MB; limit n = ${ASSIGNMENT_MAX_N}); use ${opt('w1.method')} sinkhorn (certified bracket) or ${opt('sample')} N`,
    )
  const C = new Float64Array(n * n)
  const block = 256
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block)
    sqDistTile(x, i0, i1, y, 0, n, d, C.subarray(i0 * n, i1 * n))
  }
  if (power === 1) for (let k = 0; k < C.length; k++) C[k] = Math.sqrt(C[k])

  // Column reduction (Jonker & Volgenant 1987): v_j = min_i C_ij with u = 0 is dual feasible, and each column's
  // argmin row, if still free, can be matched at reduced cost 0 — complementary slackness holds, so the augmenting
  // phase only has to place the rows left free.
  const u = new Float64Array(n),
    v = new Float64Array(n)
  const rowOf = new Int32Array(n).fill(-1),
    colOf = new Int32Array(n).fill(-1)
  for (let j = 0; j < n; j++) {
    let min = Infinity,
      arg = 0
    for (let i = 0; i < n; i++)
      if (C[i * n + j] < min) {
        min = C[i * n + j]
        arg = i
      }
    v[j] = min
    if (colOf[arg] < 0) {
      colOf[arg] = j
      rowOf[j] = arg
    }
  }
  // Shortest augmenting paths in the form of Crouse 2016 (IEEE TAES 52(4), Alg. 1; SciPy's linear_sum_assignment):
  // Dijkstra on reduced costs over a shrinking list of unscanned columns, with the duals updated once per path
  // instead of at every step, which halves the work of the textbook O(n³) loop.
  const pathCost = new Float64Array(n),
    path = new Int32Array(n),
    remaining = new Int32Array(n)
  const scannedRow = new Uint8Array(n),
    scannedCol = new Uint8Array(n)
  let placed = 0
  for (let start = 0; start < n; start++) {
    if (colOf[start] >= 0) continue
    pathCost.fill(Infinity)
    scannedRow.fill(0)
    scannedCol.fill(0)
    for (let t = 0; t < n; t++) remaining[t] = n - 1 - t
    let left = n,
      minVal = 0,
      i = start,
      sink = -1
    while (sink < 0) {
      scannedRow[i] = 1
      const row = i * n,
        base = minVal - u[i]
      let lowest = Infinity,
        at = -1
      for (let t = 0; t < left; t++) {
        const j = remaining[t]
        const r = base + C[row + j] - v[j]
        if (r < pathCost[j]) {
          path[j] = i
          pathCost[j] = r
        }
        // On ties a free column wins (it ends the search); otherwise the scan order decides, which is fixed.
        const pc = pathCost[j]
        if (pc < lowest || (pc === lowest && rowOf[j] < 0)) {
          lowest = pc
          at = t
        }
      }
      if (at < 0) throw new Error('internal: assignment found no augmenting path')
      minVal = lowest
      const j = remaining[at]
      scannedCol[j] = 1
      remaining[at] = remaining[--left]
      if (rowOf[j] < 0) sink = j
      else i = rowOf[j]
    }
    u[start] += minVal
    for (let r = 0; r < n; r++) if (scannedRow[r] && r !== start) u[r] += minVal - pathCost[colOf[r]]
    for (let c = 0; c < n; c++) if (scannedCol[c]) v[c] -= minVal - pathCost[c]
    for (let j = sink; ; ) {
      const r = path[j]
      rowOf[j] = r
      const next = colOf[r]
      colOf[r] = j
      if (r === start) break
      j = next
    }
    if (onProgress && ++placed % 64 === 0) onProgress(placed, n)
  }
  let total = 0
  for (let j = 0; j < n; j++) total += C[rowOf[j] * n + j]
  return {cost: total / n, u, v, C}
}
