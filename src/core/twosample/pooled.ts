import {freemem} from 'node:os'
import {QF_TILE, quadraticForms, quadraticFormsBytes, sqDistTile} from '../../kernels/index.js'
import {InputError, opt} from '../errors.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'
import type {SampleSet} from '../sampleset.js'

/**
 * The pooled pairwise Euclidean distances of Z = [P; Q] (N = n + m points), computed once; every relabelling of a
 * two-sample test re-sums them (Székely & Rizzo 2004, "Testing for equal distributions in high dimension", InterStat,
 * §3: the permutation test needs only the N×N distance matrix). Up to F64_MAX_POINTS points the full matrix is kept
 * in float64 and each relabelling's within-group sum is gathered in float64; above, the kernels' float32 tiles
 * (src/kernels/quadratic-forms.ts: 2N² bytes, all relabellings in one blocked pass on the worker pool) — each entry
 * within 2⁻²⁴ relative of its float64 value and the 128-term partial sums in float32 (`precision` says which).
 * When the matrix does not fit the memory budget it is refused with the way out (⟨sample⟩, ⟨memory⟩); the tests never
 * ask for that, since ./blocked.ts first splits P ∪ Q into blocks whose matrices fit.
 */
export interface PooledDistances {
  /** Total points N = n + m; rows 0..n−1 are P, n..N−1 are Q. */
  N: number
  n: number
  m: number
  precision: 'float64' | 'float32'
  /** Row sums of the stored matrix (zero diagonal), in float64. */
  rowSums: Float64Array
  /** The largest distance (0 when every point coincides). */
  max: number
  /** Σ_{i,j ∈ G} M_ij over the stored matrix for each group (sorted indices). */
  within(groups: Uint32Array[]): Float64Array
  /** Turns the stored distances into the Gaussian kernel at σ (off the diagonal), and updates rowSums. */
  toGaussianKernel(sigma: number): void
  dispose(): void
}

/**
 * The pooled matrix's budget when none is given: min(2 GiB, a quarter of the memory free now) — twice the cost
 * caches' default (src/kernels/memory.ts), so 10 000 + 10 000 points fit (their float32 tiles take 0.8 GB).
 */
export function defaultPooledBudget(): number {
  return Math.min(2 ** 31, Math.floor(freemem() / 4))
}

/** Points up to which the pooled matrix is kept in float64 (8N² bytes: 128 MiB at 4096). */
export const F64_MAX_POINTS = 4096

/** The pooled distance matrix of P and Q (see PooledDistances), within `memory` bytes. */
export function pooledDistances(p: SampleSet, q: SampleSet, memory: number): PooledDistances {
  const n = p.n,
    m = q.n,
    N = n + m,
    d = p.d
  const precision = N <= F64_MAX_POINTS ? 'float64' : 'float32'
  const bytes = precision === 'float64' ? 8 * N * N : quadraticFormsBytes(N)
  if (bytes > memory)
    throw new InputError(
      `the permutation tests keep the ${N} × ${N} pooled distance matrix (${(bytes / 2 ** 30).toFixed(1)} GiB), above the memory budget of ${(memory / 2 ** 30).toFixed(1)} GiB; use ${opt('sample')} N to test random subsets, or raise ${opt('memory')}`,
    )
  // Coordinates scaled by a power of two (exact) so squares cannot overflow; distances are scaled back.
  const s = powerOfTwoScale(p.data, q.data)
  const z = new Float64Array(N * d)
  z.set(divided(p.data, s), 0)
  z.set(divided(q.data, s), n * d)
  const full = precision === 'float64' ? new Float64Array(N * N) : undefined
  const tiles = full ? undefined : quadraticForms(N)
  // Upper triangle only, one panel of rows at a time (columns from the panel's first row): the rest is its mirror.
  const tile = new Float64Array(QF_TILE * N)
  let max = 0
  for (let i0 = 0; i0 < N; i0 += QF_TILE) {
    const i1 = Math.min(N, i0 + QF_TILE),
      w = N - i0
    sqDistTile(z, i0, i1, z, i0, N, d, tile)
    for (let t = 0; t < (i1 - i0) * w; t++) {
      const v = Math.sqrt(tile[t]) * s
      tile[t] = v
      if (v > max) max = v
    }
    if (tiles) tiles.setRows(i0, i1, tile)
    else
      for (let i = i0; i < i1; i++)
        for (let j = i0; j < N; j++) full![i * N + j] = full![j * N + i] = i === j ? 0 : tile[(i - i0) * w + j - i0]
  }
  const sumRows = (): Float64Array => {
    if (tiles) return tiles.rowSums()
    const out = new Float64Array(N)
    for (let i = 0; i < N; i++) {
      let acc = 0
      for (let j = 0; j < N; j++) acc += full![i * N + j]
      out[i] = acc
    }
    return out
  }
  const pd: PooledDistances = {
    N,
    n,
    m,
    precision,
    rowSums: sumRows(),
    max,
    within(groups) {
      if (tiles) return tiles.forms(groups)
      return Float64Array.from(groups, (g) => {
        let total = 0
        for (let a = 0; a < g.length; a++) {
          const base = g[a] * N
          let row = 0
          for (let c = a + 1; c < g.length; c++) row += full![base + g[c]]
          total += row
        }
        return 2 * total
      })
    },
    toGaussianKernel(sigma) {
      const c = 1 / (2 * sigma * sigma)
      const k = (v: number) => Math.exp(-v * v * c)
      if (tiles) tiles.map(k)
      else for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (i !== j) full![i * N + j] = k(full![i * N + j])
      pd.rowSums = sumRows()
      pd.max = 1
    },
    dispose() {
      tiles?.dispose()
    },
  }
  return pd
}
