import {dotTiles} from '../../kernels/index.js'
import {ensureOption} from '../errors.js'
import type {SampleSet} from '../sampleset.js'
import {createRng, sampleIndices} from '../stats/rng.js'
import {ensureAffordable, pairWork} from '../work-budget.js'

/** The kernel inception distance over random subsets. */
export interface KernelDistance {
  /** Mean of the subsets' unbiased MMD² estimates. */
  mean: number
  /** Their standard deviation (ddof = 0, as torch-fidelity's kernel_inception_distance_std). */
  std: number
  subsets: number
  /** Points drawn from each of P and Q per subset. */
  subsetSize: number
  /** True when subsetSize was lowered to the smaller set's size. */
  reduced: boolean
}

/** Rows per dot-product tile of the kernel sums: a 64 × 2000 float64 tile is 1 MB. */
const KID_ROW_BLOCK = 64

/**
 * The unbiased MMD² between rows x (a×d) and y (b×d) with the polynomial kernel k(u, v) = (u·v/d + 1)³
 * (Bińkowski et al. 2018, "Demystifying MMD GANs", eq. 3 and §4; the kernel of their KID):
 *   MMD²_u = Σ_{i≠j} k(xᵢ, xⱼ)/(a(a−1)) + Σ_{i≠j} k(yᵢ, yⱼ)/(b(b−1)) − 2 Σ_{i,j} k(xᵢ, yⱼ)/(a·b).
 * x and y are stacked into one operand z (y from row a rounded up to 4, the rows between zero and never summed), so
 * the kernels' memory receives and lays out one copy per subset for all three sums. The dot products are float64,
 * each the k-order sum (`dotTiles` in src/kernels: the blocked SIMD kernel gives the plain loop's value bit for bit,
 * for any thread count), taken 64 rows of z at a time so memory stays one tile: a row of x takes the columns of x
 * after it (k is symmetric: the self sums take j > i once and double it) and all of y; a row of y the columns of y
 * after it. Sums in row order, each row's in column order.
 */
export function unbiasedMmd2(x: Float64Array, a: number, y: Float64Array, b: number, d: number): number {
  const yAt = (a + 3) & ~3
  const z = new Float64Array((yAt + b) * d)
  z.set(x.subarray(0, a * d))
  z.set(y.subarray(0, b * d), yAt * d)
  return stackedMmd2(z, a, yAt, b, d)
}

/** MMD²_u of unbiasedMmd2 on the stacked z: x in rows 0 … a−1, y in rows yAt … yAt + b − 1 (yAt a multiple of 4). */
function stackedMmd2(z: Float64Array, a: number, yAt: number, b: number, d: number): number {
  const k = (s: number) => {
    const t = s / d + 1
    return t * t * t
  }
  const rows = yAt + b
  const tiles = dotTiles(z, rows, z, rows, d)
  let xx = 0,
    yy = 0,
    xy = 0
  try {
    for (let i0 = 0; i0 < rows; i0 += KID_ROW_BLOCK) {
      const i1 = Math.min(rows, i0 + KID_ROW_BLOCK)
      // Columns from i0 on (a multiple of 4, as tiles require): every pair this block's rows need lies there.
      const tile = tiles.tile(i0, i1, i0, rows)
      const w = (rows - i0 + 3) & ~3
      for (let i = i0; i < i1; i++) {
        const row = (i - i0) * w - i0
        if (i < a) {
          let s = 0
          for (let j = i + 1; j < a; j++) s += k(tile[row + j])
          xx += s
          s = 0
          for (let j = yAt; j < rows; j++) s += k(tile[row + j])
          xy += s
        } else if (i >= yAt) {
          let s = 0
          for (let j = i + 1; j < rows; j++) s += k(tile[row + j])
          yy += s
        }
      }
    }
  } finally {
    tiles.dispose()
  }
  return (2 * xx) / (a * (a - 1)) + (2 * yy) / (b * (b - 1)) - (2 * xy) / (a * b)
}

/**
 * KID: the mean and spread of unbiased MMD² estimates over `subsets` draws of `subsetSize` points from each set
 * without replacement (torch-fidelity's kid_subsets / kid_subset_size; Bińkowski et al. 2018 §4), seeded. The size is
 * lowered to min(n, m) when a set is smaller, as clean-fid does. Weights are ignored.
 */
export function kernelInceptionDistance(
  p: SampleSet,
  q: SampleSet,
  opts: {subsets: number; subsetSize: number; seed: number},
): KernelDistance {
  ensureOption(
    Number.isInteger(opts.subsets) && opts.subsets >= 1,
    'kidSubsets',
    opts.subsets,
    `must be a positive integer, got ${opts.subsets}`,
  )
  ensureOption(
    Number.isInteger(opts.subsetSize) && opts.subsetSize >= 2,
    'kidSubsetSize',
    opts.subsetSize,
    `must be an integer ≥ 2, got ${opts.subsetSize}`,
  )
  const size = Math.min(opts.subsetSize, p.n, q.n)
  const d = p.d
  // Per subset: two symmetric kernel matrices (half each) and one full cross matrix, 2·size² pairs.
  ensureAffordable(
    `KID over ${opts.subsets} subsets of ${size} points in ${d} dimensions`,
    pairWork(2 * opts.subsets * size * size, d),
  )
  const rng = createRng(opts.seed)
  const values: number[] = []
  // Each subset's rows gathered straight into the stacked operand (P's at 0, Q's from yAt), reused across subsets.
  const yAt = (size + 3) & ~3
  const z = new Float64Array((yAt + size) * d)
  const gather = (s: SampleSet, rows: Uint32Array, at: number) => {
    for (let r = 0; r < rows.length; r++) z.set(s.data.subarray(rows[r] * d, rows[r] * d + d), (at + r) * d)
  }
  for (let s = 0; s < opts.subsets; s++) {
    gather(p, sampleIndices(rng, p.n, size), 0)
    gather(q, sampleIndices(rng, q.n, size), yAt)
    values.push(stackedMmd2(z, size, yAt, size, d))
  }
  let mean = 0
  for (const v of values) mean += v
  mean /= values.length
  let ss = 0
  for (const v of values) ss += (v - mean) ** 2
  return {
    mean,
    std: Math.sqrt(ss / values.length),
    subsets: opts.subsets,
    subsetSize: size,
    reduced: size < opts.subsetSize,
  }
}
