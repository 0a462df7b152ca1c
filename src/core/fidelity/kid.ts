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

/** Rows per dot-product tile of the kernel sums: a 64 × 1000 float64 tile is 512 KB. */
const KID_ROW_BLOCK = 64

/**
 * The unbiased MMD² between rows x (a×d) and y (b×d) with the polynomial kernel k(u, v) = (u·v/d + 1)³
 * (Bińkowski et al. 2018, "Demystifying MMD GANs", eq. 3 and §4; the kernel of their KID):
 *   MMD²_u = Σ_{i≠j} k(xᵢ, xⱼ)/(a(a−1)) + Σ_{i≠j} k(yᵢ, yⱼ)/(b(b−1)) − 2 Σ_{i,j} k(xᵢ, yⱼ)/(a·b).
 * The dot products are float64, each the k-order sum (`dotTiles` in src/kernels: the blocked SIMD kernel gives the
 * plain loop's value bit for bit, for any thread count), taken 64 rows at a time so memory stays one tile; the
 * self sums take j > i only (k is symmetric) and double it. Sums in row order.
 */
export function unbiasedMmd2(x: Float64Array, a: number, y: Float64Array, b: number, d: number): number {
  const k = (s: number) => {
    const t = s / d + 1
    return t * t * t
  }
  const kernelSum = (u: Float64Array, nu: number, v: Float64Array, nv: number, self: boolean): number => {
    const tiles = dotTiles(u, nu, v, nv, d)
    try {
      let total = 0
      for (let i0 = 0; i0 < nu; i0 += KID_ROW_BLOCK) {
        const i1 = Math.min(nu, i0 + KID_ROW_BLOCK)
        // Self sums need columns j > i only: the tile starts at column i0 (a multiple of 4, as tiles require).
        const j0 = self ? i0 : 0
        const tile = tiles.tile(i0, i1, j0, nv)
        const w = (nv - j0 + 3) & ~3
        for (let i = i0; i < i1; i++) {
          const row = (i - i0) * w - j0
          let s = 0
          for (let j = self ? i + 1 : 0; j < nv; j++) s += k(tile[row + j])
          total += s
        }
      }
      return self ? 2 * total : total
    } finally {
      tiles.dispose()
    }
  }
  const xx = kernelSum(x, a, x, a, true)
  const yy = kernelSum(y, b, y, b, true)
  const xy = kernelSum(x, a, y, b, false)
  return xx / (a * (a - 1)) + yy / (b * (b - 1)) - (2 * xy) / (a * b)
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
  const gather = (s: SampleSet, rows: Uint32Array) => {
    const out = new Float64Array(rows.length * d)
    for (let r = 0; r < rows.length; r++) out.set(s.data.subarray(rows[r] * d, rows[r] * d + d), r * d)
    return out
  }
  for (let s = 0; s < opts.subsets; s++) {
    const x = gather(p, sampleIndices(rng, p.n, size))
    const y = gather(q, sampleIndices(rng, q.n, size))
    values.push(unbiasedMmd2(x, size, y, size, d))
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
