import {ensureOption} from '../errors.js'
import {rowDots} from '../linalg/row-dots.js'
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

/**
 * The unbiased MMD² between rows x (a×d) and y (b×d) with the polynomial kernel k(u, v) = (u·v/d + 1)³
 * (Bińkowski et al. 2018, "Demystifying MMD GANs", eq. 3 and §4; the kernel of their KID):
 *   MMD²_u = Σ_{i≠j} k(xᵢ, xⱼ)/(a(a−1)) + Σ_{i≠j} k(yᵢ, yⱼ)/(b(b−1)) − 2 Σ_{i,j} k(xᵢ, yⱼ)/(a·b).
 * The dot products come from one float64 product kernel (src/core/linalg/row-dots.ts); sums in row order.
 */
export function unbiasedMmd2(x: Float64Array, a: number, y: Float64Array, b: number, d: number): number {
  const k = (s: number) => {
    const t = s / d + 1
    return t * t * t
  }
  const offDiagonal = (g: Float64Array, n: number) => {
    let s = 0
    for (let i = 0; i < n; i++) {
      const row = i * n
      // Upper triangle twice: rowDots mirrors it exactly, so this is the full off-diagonal sum.
      for (let j = i + 1; j < n; j++) s += k(g[row + j])
    }
    return 2 * s
  }
  const gx = rowDots(x, a, x, a, d, new Float64Array(a * a), {symmetric: true})
  const gy = rowDots(y, b, y, b, d, new Float64Array(b * b), {symmetric: true})
  const gxy = rowDots(x, a, y, b, d, new Float64Array(a * b))
  let cross = 0
  for (let t = 0; t < gxy.length; t++) cross += k(gxy[t])
  return offDiagonal(gx, a) / (a * (a - 1)) + offDiagonal(gy, b) / (b * (b - 1)) - (2 * cross) / (a * b)
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
