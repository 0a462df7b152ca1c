import type {KnnGraph} from '../knn/index.js'
import type {BandwidthRule} from '../stats/bandwidth.js'

/** The JSD estimators (`jsd --method`, `compare --jsd-method`). */
export const JSD_METHODS = ['kde', 'noisy', 'knn'] as const
export type JsdMethod = (typeof JSD_METHODS)[number]

export interface JsdOptions {
  method: JsdMethod
  /** KDE: 'scott' (default), 'silverman', or a width in input units. */
  bandwidth?: BandwidthRule
  /** Noisy smoothing: the Gaussian's σ in input units (default: the median nearest-neighbour distance of P ∪ Q). */
  sigma?: number
  /** Noisy smoothing: truncation radius R in input units (default σ·√(χ²_d 0.999-quantile)). */
  radius?: number
  /** Noisy smoothing: Monte Carlo draws per side (default: adaptive, standard error ≤ 0.005 nats). */
  draws?: number
  /** kNN: neighbours (default 5). */
  k?: number
  /** 'e' → nats (default), 2 → bits. */
  base?: 'e' | 2
  /** Bootstrap replicates for a percentile interval (0: none). */
  bootstrap?: number
  /** Also compute the statistic between two random halves of P. */
  baseline?: boolean
  seed: number
  /**
   * kNN: self-excluded kNN graphs of exactly P's and Q's rows (e.g. `compare` shares them with the alignment check);
   * only their neighbour indices are read, so their distance units do not matter. Computed here when absent.
   */
  graphs?: {p?: KnnGraph; q?: KnnGraph}
  onProgress?: (done: number, total: number) => void
}

/** One estimate in nats before clamping, with what the method used. */
export interface Estimate {
  raw: number
  stderr: number | null
  /** Method-specific parameters, in input units (JSON-safe). */
  params: Record<string, unknown>
  warnings: string[]
  /** Why this estimate is known to be unreliable (then no reading is drawn from it); absent when nothing is known. */
  unreliable?: string
}

/** A KDE bandwidth of one set: the rule's factor (null for a fixed width) and the per-column widths. */
export interface KdeWidths {
  factor: number | null
  widths: number[]
}

/** The docs/design.md "JSON keys" `jsd` object. */
export interface JsdResult {
  /** Clamped to [0, ln 2] (or [0, 1] in bits). */
  value: number
  unit: 'nats' | 'bits'
  method: JsdMethod
  /** The estimate before clamping, same unit. */
  raw: number
  /**
   * Standard error, same unit: Monte Carlo (noisy), or per-point sampling error (kde, knn: the spread of the terms
   * averaged, ignoring their dependence and the estimator's bias). The range check of `reliable` allows
   * 3.090 × this (the one-sided 99.9 % level) outside [0, ln 2].
   */
  stderr: number | null
  /**
   * Noisy: the one-sided 99.9 % upper confidence limit raw + 3.090·stderr, clamped to [0, ln 2] (same unit) — what
   * Thm 3.3's `holds` is judged against.
   */
  upper?: number
  /** Noisy: the level of `upper` (0.999). */
  upperLevel?: number
  /** Noisy: components whose noise ball meets no ball of the other set, counted exactly (f ≡ ln 2 there). */
  exactComponents?: {p: number; q: number}
  /** Percentile bootstrap interval (95 %) of the clamped value, same unit; null without --bootstrap. */
  ci: [number, number] | null
  bootstrap: number
  /** KDE: the rule and each set's own {factor, widths} (widths in input units). */
  bandwidth?: {rule: string; p: KdeWidths; q: KdeWidths}
  /**
   * KDE: the leave-one-out log-ratio form of the same plug-in estimate (same unit), its gap to `raw` and the largest
   * gap trusted (docs/estimators.md "KDE JSD").
   */
  check?: {logRatio: number; gap: number; tolerance: number}
  /** Noisy: σ, R and draws. */
  sigma?: number
  radius?: number
  draws?: number
  /** kNN: k and the equal subsample size. */
  k?: number
  /** Points of each set that entered the estimate. */
  n: number
  m: number
  /** True when P̂ and Q̂ are the same measure: then the value is exactly 0. */
  identical: boolean
  /** The same statistic between two random halves of P (what "no difference" looks like at this size). */
  baseline?: {value: number; raw: number; n: number} | null
  /**
   * False when the estimate is not to be trusted: then `unreliable` says why, no reading is drawn from it and a gate
   * on it is not evaluated (exit 2).
   */
  reliable: boolean
  /**
   * Why the estimate is not to be trusted: the raw value outside [0, ln 2] by more than its uncertainty, too few
   * points, a KDE whose two forms disagree, a KDE in d > 3, a noisy JSD above its target standard error.
   */
  unreliable?: string
  warnings: string[]
}
