import {InputError, OptionError, opt} from '../errors.js'
import {computeW1, type W1Options} from '../ot/w1.js'
import type {SampleSet} from '../sampleset.js'
import {ensureAffordable} from '../work-budget.js'
import {blocksFor, pooledBytes, sizeText} from './blocked.js'
import {blockedKernelTests, fullKernelTests} from './kernel-tests.js'
import {defaultPooledBudget, F64_MAX_POINTS} from './pooled.js'
import {ensureW1NullAffordable, W1_PERMUTATIONS, w1PermutationNull} from './w1-null.js'

export {bandwidthOf} from './kernel-tests.js'
export {
  type EffectInterval,
  INTERVAL_LEVEL,
  type IntervalOutcome,
  W1_BOOTSTRAP,
  w1BootstrapInterval,
} from './w1-interval.js'
export {W1_BASELINE_PERMUTATIONS, W1_PERMUTATIONS, type W1Null, w1PermutationNull} from './w1-null.js'

export const TEST_NAMES = ['energy', 'mmd', 'w1'] as const
export type TestName = (typeof TEST_NAMES)[number]

/** Defaults: relabellings of the energy and MMD tests (p floor 0.001), the tests `divergence test` runs. */
export const TWO_SAMPLE_DEFAULTS = {permutations: 999, tests: ['energy', 'mmd'] as TestName[]} as const

/** Fewest points per set for a permutation test: C(10, 5) = 252 distinct splits, so p can reach below 0.01. */
export const MIN_POINTS = 5

export interface TwoSampleOptions {
  tests: TestName[]
  /** Relabellings for the energy and MMD tests. */
  permutations: number
  /** Relabellings for the W1 test (each a transport solve). */
  w1Permutations?: number
  seed: number
  /** Bytes the pooled distance matrix may take (default: defaultPooledBudget()); beyond it, the blocked estimator. */
  memory?: number
  /**
   * Blocks of the energy/MMD estimator (./blocked.ts), forced; by default 1 (the full statistic) when the pooled
   * matrix fits `memory`, else the fewest blocks that fit.
   */
  blocks?: number
  w1: W1Options
  onProgress?: (phase: string) => ((done: number, total: number) => void) | undefined
}

/** One test's result: the docs/design.md "JSON keys" `test.tests[]` entry. */
export interface TestResult {
  name: TestName
  /** Energy distance E (V-statistic), unbiased MMD², or W1, on P and Q as given (float64). */
  statistic: number
  /** (1 + #{T* ≥ T}) / (1 + B). */
  pValue: number
  permutations: number
  /** The smallest p-value B relabellings can give: 1/(1 + B). */
  pValueFloor: number
  seed: number
  /** The null's median and 95 % quantile (linear interpolation). */
  nullMedian: number
  nullQ95: number
  /** MMD: the Gaussian kernel's σ (input units) and how it was chosen. */
  bandwidth?: number
  bandwidthFrom?: string
  /** How the relabelled statistics were summed: float64, or float32 matrix entries (each within 2⁻²⁴ relative). */
  nullPrecision?: 'float64' | 'float32'
  /**
   * Energy and MMD: `full` (every pair of P ∪ Q) or `blocked` (pairs within each of `blocks` seeded blocks, scaled
   * up: an incomplete U-statistic, ./blocked.ts), when the pooled matrix exceeds the memory budget.
   */
  estimator?: 'full' | 'blocked'
  blocks?: number
  /**
   * Blocked only: the estimate's two-sample jackknife standard error (./jackknife.ts); the blocked estimate averages
   * to the full statistic over partitions, so this also bounds its typical distance from it.
   */
  standardError?: number
  /** A degenerate but valid case, stated (e.g. every point coincides). */
  note?: string
}

export interface TwoSampleResult {
  tests: TestResult[]
  warnings: string[]
}

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
