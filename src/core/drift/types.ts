import type {Correction} from '../stats/multiple-testing.js'
import type {EffectInterval} from '../twosample/w1-interval.js'

/** A column's bootstrap interval as the JSON has it (./interval.ts), or why it was not computed (a gate is then not evaluated). */
export type ColumnInterval = EffectInterval | {skipped: string}

/** A text or categorical column as codes into its own list of levels; code −1 marks a missing cell. */
export interface Categories {
  codes: Int32Array
  levels: string[]
}

/** One column of P and the same-named column of Q, as drift compares them. */
export type ColumnPair =
  | {name: string; kind: 'numeric'; p: Float64Array; q: Float64Array}
  | {name: string; kind: 'categorical'; p: Categories; q: Categories}

/** Mean, population standard deviation and 5/50/95% quantiles of one side's values. */
export interface NumericSummary {
  mean: number
  std: number
  q05: number
  q50: number
  q95: number
}

/** What drift decided for a column: the statistic used, its value, the threshold and the verdict. */
export interface Decision {
  stat: string
  /** The statistic's value, or null when it is undefined for these data (`reason` says why). */
  score: number | null
  threshold: number
  drifted: boolean
  reason?: string
}

/** Counts of P and Q in equal-width bins over the pooled range (numeric) or per category (for the pictures only). */
export interface Shape {
  p: number[]
  q: number[]
  labels?: string[]
  lo?: number
  hi?: number
}

interface ColumnCommon extends Decision {
  name: string
  n: {p: number; q: number}
  missing: {p: number; q: number}
  /** missing / (n + missing) per side: a column that empties in Q shows here even where no statistic can. */
  missingShare: {p: number; q: number}
  shape?: Shape
}

export interface NumericDrift extends ColumnCommon {
  kind: 'numeric'
  p: NumericSummary | null
  q: NumericSummary | null
  w1: number | null
  w1Normed: number | null
  /** Why w1Normed is null (P's standard deviation is 0, or a side has no values). */
  w1NormedReason?: string
  ks: number | null
  ksPValue: number | null
  /** ksPValue adjusted for testing every column (DriftResult.correction); the decision of `ks-p` uses it. */
  ksPValueAdjusted: number | null
  ksMethod?: 'exact' | 'asymp'
  jsd: number | null
  psi: number | null
  /** With the drift intervals asked for (./interval.ts): the 95 % bootstrap interval of w1Normed, or why not. */
  w1NormedInterval?: ColumnInterval
  /** Likewise for psi. */
  psiInterval?: ColumnInterval
}

export interface CategoricalDrift extends ColumnCommon {
  kind: 'categorical'
  p: {counts: Record<string, number>; frequencies: Record<string, number>}
  q: {counts: Record<string, number>; frequencies: Record<string, number>}
  jsd: number | null
  tvd: number | null
  chi2PValue: number | null
  /** chi2PValue adjusted for testing every column (DriftResult.correction); the decision of `chi2-p` uses it. */
  chi2PValueAdjusted: number | null
  newCategories: string[]
  missingCategories: string[]
}

export type ColumnDrift = NumericDrift | CategoricalDrift

export interface DriftResult {
  /** Ranked: most moved first (by score relative to threshold). */
  columns: ColumnDrift[]
  drifted: number
  total: number
  share: number
  /**
   * The multiple-testing correction of the per-column p-values: one family of `tests` tests, each column's KS
   * (numeric) or chi-square (categorical) test of P = Q where it is defined (src/core/stats/multiple-testing.ts).
   */
  correction: {method: Correction; tests: number}
}
