import {divided, powerOfTwoScale} from '../power-of-two.js'
import type {SampleSet} from '../sampleset.js'
import {createRng, sampleIndices} from '../stats/rng.js'
import {blockedStatistics} from './blocked.js'
import {permutationPValue, quantile, relabelledSums, relabellings} from './permute.js'
import {pooledDistances} from './pooled.js'
import {
  energyFromSums,
  gaussianOfSquared,
  MEDIAN_MAX_POINTS,
  medianDistance,
  mmdFromSums,
  type PairSums,
  pairSums,
} from './statistics.js'
import type {TestName, TestResult, TwoSampleOptions} from './types.js'

type KernelTest = Exclude<TestName, 'w1'>

/** A test's result from its relabelled values (entry 0: the observed split) and their rounding scale. */
function resultOf(
  name: KernelTest,
  statistic: number,
  {values, tol}: {values: Float64Array; tol: number},
  common: {permutations: number; seed: number},
  extra: Partial<TestResult>,
): TestResult {
  const nulls = values.subarray(1)
  return {
    name,
    statistic,
    pValue: permutationPValue(values[0], nulls, tol),
    permutations: common.permutations,
    pValueFloor: 1 / (1 + common.permutations),
    seed: common.seed,
    nullMedian: quantile(nulls, 0.5),
    nullQ95: quantile(nulls, 0.95),
    ...extra,
  }
}

const COINCIDE_ENERGY = 'every point of P ∪ Q coincides: all distances are 0, E = 0 and p = 1'
const COINCIDE_MMD = 'every point of P ∪ Q coincides: no bandwidth, MMD² = 0 and p = 1'

/**
 * The energy and MMD tests on the full pooled distance matrix (./pooled.ts), which fits the memory budget: each
 * relabelling re-sums it (./permute.ts).
 */
export function fullKernelTests(
  p: SampleSet,
  q: SampleSet,
  kernelTests: KernelTest[],
  opts: Pick<TwoSampleOptions, 'permutations' | 'seed' | 'memory' | 'onProgress'> & {memory: number},
): TestResult[] {
  const B = opts.permutations
  const tests: TestResult[] = []
  const pd = pooledDistances(p, q, opts.memory)
  try {
    const labels = relabellings(createRng(opts.seed), p.n, q.n, B)
    const groupIsP = p.n <= q.n
    /**
     * Relabelled statistics (entry 0: the observed split, through the same sums) for the matrix as it is now, and
     * the rounding scale of those sums (ties within it count as ≥: see permutationPValue).
     */
    const nullOf = (stat: (s: PairSums) => number, phase: string): {values: Float64Array; tol: number} => {
      let total = 0
      for (const r of pd.rowSums) total += r
      const progress = opts.onProgress?.(phase)
      progress?.(0, 1)
      const within = pd.within(labels)
      const values = new Float64Array(labels.length)
      let scale = 0
      for (let b = 0; b < labels.length; b++) {
        const sums = relabelledSums(within[b], pd.rowSums, total, labels[b], groupIsP)
        values[b] = stat(sums)
        // The statistic is linear in the sums: the sum of its terms' magnitudes is the scale its rounding lives on.
        const terms =
          Math.abs(stat({pp: sums.pp, qq: 0, pq: 0})) +
          Math.abs(stat({pp: 0, qq: sums.qq, pq: 0})) +
          Math.abs(stat({pp: 0, qq: 0, pq: sums.pq}))
        scale = Math.max(scale, terms)
      }
      progress?.(1, 1)
      // float64 sums: a few roundings of the terms' scale; float32 entries and partial sums: about 2⁻²³ of it.
      return {values, tol: scale * (pd.precision === 'float64' ? 1e-13 : 2 ** -20)}
    }
    const result = (
      name: KernelTest,
      statistic: number,
      values: {values: Float64Array; tol: number},
      extra: Partial<TestResult> = {},
    ): TestResult =>
      resultOf(name, statistic, values, opts, {nullPrecision: pd.precision, estimator: 'full', blocks: 1, ...extra})
    const n = p.n,
      m = q.n
    if (kernelTests.includes('energy')) {
      const statistic = energyFromSums(
        pairSums(p, q, (sq) => Math.sqrt(sq)),
        n,
        m,
      )
      const values = nullOf((s) => energyFromSums(s, n, m), 'energy test')
      tests.push(result('energy', pd.max === 0 ? 0 : statistic, values, pd.max === 0 ? {note: COINCIDE_ENERGY} : {}))
    }
    if (kernelTests.includes('mmd')) {
      const {sigma, from} = bandwidthOf(p, q, opts.seed)
      if (sigma === 0) {
        const zeros = new Float64Array(B + 1)
        tests.push(result('mmd', 0, {values: zeros, tol: 0}, {bandwidth: 0, bandwidthFrom: from, note: COINCIDE_MMD}))
      } else {
        pd.toGaussianKernel(sigma)
        const statistic = mmdFromSums(pairSums(p, q, gaussianOfSquared(sigma)), n, m)
        const values = nullOf((s) => mmdFromSums(s, n, m), 'MMD test')
        tests.push(result('mmd', statistic, values, {bandwidth: sigma, bandwidthFrom: from}))
      }
    }
  } finally {
    pd.dispose()
  }
  return tests
}

/**
 * The energy and MMD tests by the blocked estimator (./blocked.ts) over K blocks, each block's pooled matrix within
 * `memory`: the statistic, its standard error and a permutation p-value from relabellings within the blocks.
 */
export function blockedKernelTests(
  p: SampleSet,
  q: SampleSet,
  kernelTests: KernelTest[],
  K: number,
  opts: Pick<TwoSampleOptions, 'permutations' | 'seed' | 'onProgress'> & {memory: number},
): TestResult[] {
  const B = opts.permutations
  const bw = kernelTests.includes('mmd') ? bandwidthOf(p, q, opts.seed) : undefined
  const out = blockedStatistics(p, q, {
    energy: kernelTests.includes('energy'),
    mmdSigma: bw && bw.sigma > 0 ? bw.sigma : undefined,
    permutations: B,
    seed: opts.seed,
    blocks: K,
    memory: opts.memory,
    onBlock: opts.onProgress?.(`${kernelTests.join(' and ')} test, ${K} blocks`),
  })
  const extra = (s: {precision: 'float64' | 'float32'; standardError: number}): Partial<TestResult> => ({
    nullPrecision: s.precision,
    estimator: 'blocked',
    blocks: K,
    standardError: s.standardError,
  })
  const tests: TestResult[] = []
  if (out.energy) {
    const e = out.energy
    tests.push(
      resultOf('energy', e.max === 0 ? 0 : e.statistic, e, opts, {
        ...extra(e),
        ...(e.max === 0 ? {note: COINCIDE_ENERGY} : {}),
      }),
    )
  }
  if (bw) {
    const mm = out.mmd
    tests.push(
      mm
        ? resultOf('mmd', mm.statistic, mm, opts, {...extra(mm), bandwidth: bw.sigma, bandwidthFrom: bw.from})
        : resultOf('mmd', 0, {values: new Float64Array(B + 1), tol: 0}, opts, {
            estimator: 'blocked',
            blocks: K,
            bandwidth: 0,
            bandwidthFrom: bw.from,
            note: COINCIDE_MMD,
          }),
    )
  }
  return tests
}

/** The MMD bandwidth: the median heuristic over P ∪ Q (or a seeded subset of MEDIAN_MAX_POINTS points), stated. */
export function bandwidthOf(p: SampleSet, q: SampleSet, seed: number): {sigma: number; from: string} {
  const s = powerOfTwoScale(p.data, q.data)
  const N = p.n + q.n
  const z = new Float64Array(N * p.d)
  z.set(divided(p.data, s))
  z.set(divided(q.data, s), p.n * p.d)
  const all = N <= MEDIAN_MAX_POINTS
  const rows = all ? Uint32Array.from({length: N}, (_, i) => i) : sampleIndices(createRng(seed), N, MEDIAN_MAX_POINTS)
  const sigma = medianDistance(z, rows, p.d) * s
  return {
    sigma,
    from: all
      ? 'median of the pairwise distances of P ∪ Q'
      : `median of the pairwise distances of ${MEDIAN_MAX_POINTS} random points of P ∪ Q (seeded)`,
  }
}
