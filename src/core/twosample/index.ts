import {InputError, OptionError, opt} from '../errors.js'
import {computeW1} from '../ot/w1.js'
import type {SampleSet} from '../sampleset.js'
import {ensureAffordable} from '../work-budget.js'
import {blocksFor, pooledBytes, sizeText} from './blocked.js'
import {blockedKernelTests, fullKernelTests} from './kernel-tests.js'
import {defaultPooledBudget, F64_MAX_POINTS} from './pooled.js'
import {TEST_NAMES, type TestName, type TestResult, type TwoSampleOptions, type TwoSampleResult} from './types.js'
import {ensureW1NullAffordable, W1_PERMUTATIONS, w1PermutationNull} from './w1-null.js'

export {bandwidthOf} from './kernel-tests.js'
export {TEST_NAMES, type TestName, type TestResult, type TwoSampleOptions, type TwoSampleResult} from './types.js'
export {
  type EffectInterval,
  INTERVAL_LEVEL,
  type IntervalOutcome,
  W1_BOOTSTRAP,
  w1BootstrapInterval,
} from './w1-interval.js'
export {W1_BASELINE_PERMUTATIONS, W1_PERMUTATIONS, type W1Null, w1PermutationNull} from './w1-null.js'

/** Defaults: relabellings of the energy and MMD tests (p floor 0.001), the tests `divergence test` runs. */
export const TWO_SAMPLE_DEFAULTS = {permutations: 999, tests: ['energy', 'mmd'] as TestName[]} as const

/** Fewest points per set for a permutation test: C(10, 5) = 252 distinct splits, so p can reach below 0.01. */
export const MIN_POINTS = 5

/** Checks that need no data: counts of relabellings and test names. */
export function checkTwoSampleOptions(opts: Pick<TwoSampleOptions, 'tests' | 'permutations' | 'w1Permutations'>) {
  if (!Number.isInteger(opts.permutations) || opts.permutations < 1)
    throw new OptionError(
      'permutations',
      opts.permutations,
      `must be a whole number ≥ 1 (e.g. 999), got ${opts.permutations}`,
    )
  if (opts.w1Permutations !== undefined && (!Number.isInteger(opts.w1Permutations) || opts.w1Permutations < 1))
    throw new OptionError(
      'w1Permutations',
      opts.w1Permutations,
      `must be a whole number ≥ 1 (e.g. ${W1_PERMUTATIONS}), got ${opts.w1Permutations}`,
    )
  if (opts.tests.length === 0) throw new OptionError('tests', '', `names no test; choose from ${TEST_NAMES.join(', ')}`)
}

/**
 * Permutation two-sample tests of H₀: P = Q (Good 2005, Permutation, Parametric and Bootstrap Tests of Hypotheses,
 * ch. 3): the statistic on the observed split against the same statistic on B uniform relabellings of P ∪ Q into
 * groups of n and m. Energy and MMD² share one pooled distance matrix (./pooled.ts) whose entries each relabelling
 * re-sums (./permute.ts); W1 solves each relabelled pair (./w1-null.ts). One seed, the same relabellings for every
 * test.
 */
export async function twoSampleTests(p: SampleSet, q: SampleSet, opts: TwoSampleOptions): Promise<TwoSampleResult> {
  checkTwoSampleOptions(opts)
  if (p.d !== q.d) throw new InputError(`P has ${p.d} columns and Q has ${q.d}`)
  if (p.n < MIN_POINTS || q.n < MIN_POINTS)
    throw new InputError(
      `a permutation test needs at least ${MIN_POINTS} points in each set (P has ${p.n}, Q has ${q.n}): fewer leave too few distinct splits for a p-value below 0.05`,
    )
  if (p.weights || q.weights)
    throw new InputError(
      `the permutation tests relabel rows, which weighted sets do not allow (a weight is not a draw); leave out ${opt('weights')}`,
    )
  const tests: TestResult[] = []
  const warnings: string[] = []
  const B = opts.permutations
  const splits = distinctSplits(p.n, q.n)
  if (splits <= B)
    warnings.push(
      `only ${splits} distinct splits of ${p.n} + ${q.n} points exist, fewer than the ${B} relabellings drawn: p-values are no finer than about 1/${splits}, whatever ${opt('permutations')} says`,
    )
  const kernelTests = opts.tests.filter((t) => t !== 'w1')
  if (kernelTests.length > 0) {
    const memory = opts.memory ?? defaultPooledBudget()
    const K = opts.blocks ?? blocksFor(p.n, q.n, memory, MIN_POINTS)
    if (!Number.isInteger(K) || K < 1 || Math.floor(Math.min(p.n, q.n) / K) < MIN_POINTS)
      throw new InputError(
        `${K} blocks leave fewer than ${MIN_POINTS} points of P or Q per block (${p.n} + ${q.n} points)`,
      )
    const small = Math.min(p.n, q.n),
      N = p.n + q.n
    // Up to F64_MAX_POINTS each relabelling gathers small²/2 float64 entries, about 1 ns each (the work budget's fast
    // end; 3.8 ns measured under load); above, the float32 tiles do N²/2 multiply-adds per relabelling at about
    // 0.1 ns each (0.15 ns of CPU measured at 10k + 10k, d = 64, bench/RESULTS.md "Issue 20"). K blocks each do
    // that on N/K points.
    const blockN = Math.ceil(p.n / K) + Math.ceil(q.n / K),
      blockSmall = Math.ceil(small / K)
    const perRelabelling =
      K * (blockN <= F64_MAX_POINTS ? (blockSmall * blockSmall) / 2 : 0.1 * ((blockN * blockN) / 2))
    ensureAffordable(
      `${B} relabellings of the ${kernelTests.join(' and ')} test${kernelTests.length > 1 ? 's' : ''} on ${p.n} + ${q.n} points`,
      kernelTests.length * B * perRelabelling,
      `fewer relabellings (${opt('permutations')} ${Math.max(1, Math.floor(B / 4))})`,
    )
    if (K === 1 && opts.blocks === undefined) tests.push(...fullKernelTests(p, q, kernelTests, {...opts, memory}))
    else {
      if (opts.blocks === undefined)
        warnings.push(
          `the ${N} × ${N} pooled distance matrix (${sizeText(pooledBytes(N))}) exceeds the memory budget of ${sizeText(memory)}: the ${kernelTests.join(' and ')} test${kernelTests.length > 1 ? 's use' : ' uses'} the blocked estimator over ${K} blocks of about ${blockN} points (pairs within a block only, its standard error stated; less power than the full statistic); raise ${opt('memory')} for the full one`,
        )
      tests.push(...blockedKernelTests(p, q, kernelTests, K, {...opts, memory}))
    }
  }
  if (opts.tests.includes('w1')) {
    const K = opts.w1Permutations ?? W1_PERMUTATIONS
    // Refused before anything is solved: the K relabelled solves dominate the one observed solve.
    ensureW1NullAffordable(p.n, q.n, p.d, K, opts.w1)
    const observed = await computeW1(p, q, opts.w1)
    const nul = await w1PermutationNull(p, q, observed, {
      permutations: K,
      seed: opts.seed,
      w1: opts.w1,
      onProgress: opts.onProgress?.('W1 test'),
    })
    tests.push({
      name: 'w1',
      statistic: observed.value,
      pValue: nul.pValue,
      permutations: K,
      pValueFloor: nul.pValueFloor,
      seed: opts.seed,
      nullMedian: nul.median,
      nullQ95: nul.q95,
    })
    if (observed.method !== 'exact' && observed.method !== 'exact-1d')
      warnings.push(`the W1 test used ${observed.method} W1 (not exact) for the statistic and each relabelling`)
  }
  return {tests, warnings}
}

/** C(n + m, n), or Infinity once it passes 2⁵³ (the number of distinct splits a relabelling can give). */
export function distinctSplits(n: number, m: number): number {
  const k = Math.min(n, m)
  let c = 1
  for (let i = 1; i <= k; i++) {
    c = (c * (n + m - k + i)) / i
    if (c > 2 ** 53) return Infinity
  }
  return Math.round(c)
}
