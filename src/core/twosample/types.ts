import type {W1Options} from '../ot/w1.js'

/** The permutation tests `divergence test` and compare's `test` part can run; the types of their options and results. */
export const TEST_NAMES = ['energy', 'mmd', 'w1'] as const
export type TestName = (typeof TEST_NAMES)[number]

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
