import {freemem} from 'node:os'
import {sqDistTile} from '../../kernels/index.js'
import {InputError, opt} from '../errors.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'
import type {SampleSet} from '../sampleset.js'

/**
 * The pooled pairwise Euclidean distances of Z = [P; Q] (N = n + m points), computed once; every permutation of a
 * two-sample test re-sums them (Székely & Rizzo 2004, "Testing for equal distributions in high dimension", InterStat,
 * §3: the permutation test needs only the N×N distance matrix). Stored full and symmetric with a zero diagonal, in
 * float64 when 8N² bytes fit the memory budget, else float32 when 4N² bytes do (each entry then within 2⁻²⁴
 * relative of its float64 value; `precision` says which). Larger N: refused with the way out (⟨sample⟩).
 */
export interface PooledDistances {
  /** Total points N = n + m; rows 0..n−1 are P, n..N−1 are Q. */
  N: number
  n: number
  m: number
  /** N×N row-major; entry (i, j) = ‖z_i − z_j‖ (or, after `toGaussianKernel`, the kernel value), diagonal 0. */
  matrix: Float64Array | Float32Array
  precision: 'float64' | 'float32'
  /** Row sums of the stored `matrix`, accumulated in float64. */
  rowSums: Float64Array
  /** The largest distance (0 when every point coincides). */
  max: number
}

/**
 * The pooled matrix's budget when none is given: min(2 GiB, a quarter of the memory free now) — twice the cost
 * caches' default (src/kernels/memory.ts), so 10 000 + 10 000 points fit in float32 (1.6 GB).
 */
export function defaultPooledBudget(): number {
  return Math.min(2 ** 31, Math.floor(freemem() / 4))
}

/** Bytes the pooled matrix of N points takes in float64, and in float32. */
export function pooledBytes(N: number): {float64: number; float32: number} {
  return {float64: 8 * N * N, float32: 4 * N * N}
}

/**
 * Rows of tiles, so a tile of distances (TILE_ROWS × N float64) stays small next to the matrix itself.
 */
const TILE_ROWS = 64

/** The pooled distance matrix of P and Q (see PooledDistances), within `memory` bytes. */
export function pooledDistances(p: SampleSet, q: SampleSet, memory: number): PooledDistances {
  const n = p.n,
    m = q.n,
    N = n + m,
    d = p.d
  const bytes = pooledBytes(N)
  const precision = bytes.float64 <= memory ? 'float64' : bytes.float32 <= memory ? 'float32' : undefined
  if (!precision)
    throw new InputError(
      `the permutation tests keep the ${N} × ${N} pooled distance matrix (${(bytes.float32 / 2 ** 30).toFixed(1)} GiB in float32), above the memory budget of ${(memory / 2 ** 30).toFixed(1)} GiB; use ${opt('sample')} N to test random subsets, or raise ${opt('memory')}`,
    )
  // Coordinates scaled by a power of two (exact) so squares cannot overflow; distances are scaled back.
  const s = powerOfTwoScale(p.data, q.data)
  const z = new Float64Array(N * d)
  z.set(divided(p.data, s), 0)
  z.set(divided(q.data, s), n * d)
  const matrix = precision === 'float64' ? new Float64Array(N * N) : new Float32Array(N * N)
  const rowSums = new Float64Array(N)
  const tile = new Float64Array(TILE_ROWS * N)
  let max = 0
  for (let i0 = 0; i0 < N; i0 += TILE_ROWS) {
    const i1 = Math.min(N, i0 + TILE_ROWS)
    // Upper triangle only (columns from i0): the lower one is its mirror.
    const w = N - i0
    sqDistTile(z, i0, i1, z, i0, N, d, tile)
    for (let i = i0; i < i1; i++) {
      const row = tile.subarray((i - i0) * w, (i - i0 + 1) * w)
      for (let j = i + 1; j < N; j++) {
        const v = Math.sqrt(row[j - i0]) * s
        if (v > max) max = v
        matrix[i * N + j] = v
        matrix[j * N + i] = v
      }
    }
  }
  // Row sums of the stored values (float32 or float64), so the permutation path sees one matrix throughout.
  for (let i = 0; i < N; i++) rowSums[i] = rowSum(matrix, i, N)
  return {N, n, m, matrix, precision, rowSums, max}
}

function rowSum(a: Float64Array | Float32Array, i: number, N: number): number {
  let acc = 0
  for (let j = 0; j < N; j++) acc += a[i * N + j]
  return acc
}

/**
 * Turns the distances into the Gaussian kernel k(z, z') = exp(−‖z − z'‖²/(2σ²)) in place, keeping a zero diagonal
 * (the unbiased MMD² leaves i = j out; Gretton et al. 2012, JMLR 13, Lemma 6), and recomputes the row sums.
 */
export function toGaussianKernel(pd: PooledDistances, sigma: number): void {
  const {N, matrix} = pd
  const c = 1 / (2 * sigma * sigma)
  for (let i = 0; i < N; i++) {
    let acc = 0
    for (let j = 0; j < N; j++) {
      if (j === i) continue
      const v = matrix[i * N + j]
      const k = Math.exp(-v * v * c)
      matrix[i * N + j] = k
      acc += k
    }
    pd.rowSums[i] = acc
  }
  pd.max = 1
}
