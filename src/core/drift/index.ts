import {adjustPValues, type Correction, DEFAULT_CORRECTION} from '../stats/multiple-testing.js'
import {createRng} from '../stats/rng.js'
import {type CountedSide, categoricalDrift, categoricalDriftCounts} from './categorical.js'

export {type CountedSide, categoricalDriftCounts} from './categorical.js'

import {type DecisionRule, decide, severity} from './decision.js'
import {type ColumnIntervals, columnIntervals, type DriftIntervalOptions, intervalsOverBudget} from './interval.js'
import {finiteSorted, numericDriftSorted, type SortedSide} from './numeric.js'

export {DRIFT_BOOTSTRAP, type DriftIntervalOptions} from './interval.js'

export {numericDriftSorted, type SortedSide} from './numeric.js'

import type {ColumnDrift, ColumnPair, DriftResult, NumericDrift} from './types.js'

export {DEFAULT_STAT, type DecisionRule, decisionRule, STATS} from './decision.js'
export type {ColumnDrift, ColumnPair, DriftResult} from './types.js'

/** Quantile bins of P for the numeric JSD unless `--bins` says otherwise. */
export const DEFAULT_BINS = 20

export interface DriftOptions {
  bins: number
  rule: DecisionRule
  /** How the per-column p-values are adjusted for testing every column (default Holm). */
  correction?: Correction
  /** Bootstrap intervals of each numeric column's normed W1 and PSI (./interval.ts), for the drift gates on them. */
  intervals?: DriftIntervalOptions
  onProgress?: (done: number, total: number) => void
}

/**
 * Per-column drift of P → Q: each column's statistics (./numeric.ts, ./categorical.ts), its p-value adjusted for
 * testing every column (one family: each column's KS or chi-square p-value where defined, Holm by default,
 * src/core/stats/multiple-testing.ts), and its verdict (./decision.ts), which uses the adjusted p-value when the
 * statistic is one; the data set's share = drifted / total columns. Columns are independent and each is sorted
 * once. Ranked most moved first (score relative to threshold), ties by name, so the order is deterministic.
 */
export function computeDrift(columns: ColumnPair[], opts: DriftOptions): DriftResult {
  const iv = opts.intervals
  const numeric = columns.flatMap((c) => (c.kind === 'numeric' ? [c.p.length + c.q.length] : []))
  const overBudget = iv ? intervalsOverBudget(numeric, iv.resamples) : undefined
  // One generator per numeric column, forked in column order from the seed's: the same draws for any --threads.
  const parent = iv ? createRng(iv.seed) : undefined
  const stats = columns.map((c, k) => {
    let s: ColumnStatistics
    if (c.kind === 'numeric') {
      const P = finiteSorted(c.p),
        Q = finiteSorted(c.q)
      const n = numericDriftSorted(c.name, P, Q, {bins: opts.bins})
      const rng = parent?.fork()
      s = !iv
        ? n
        : Object.assign(
            n,
            overBudget
              ? skippedIntervals(overBudget)
              : n.w1 === null
                ? skippedIntervals(n.w1NormedReason ?? 'a side has no values')
                : columnIntervals(P.sorted, Q.sorted, iv, rng!),
          )
    } else s = categoricalDrift(c.name, c.p, c.q)
    opts.onProgress?.(k + 1, columns.length)
    return s
  })
  return driftOfColumns(stats, opts)
}

/** Both intervals of a column skipped for one reason. */
function skippedIntervals(reason: string): ColumnIntervals {
  return {w1NormedInterval: {skipped: reason}, psiInterval: {skipped: reason}}
}

/** The intervals an engine that keeps only statistics cannot give: each numeric column's, skipped with the reason. */
function withoutIntervals(stats: ColumnStatistics[], opts: DriftOptions): ColumnStatistics[] {
  if (!opts.intervals) return stats
  const reason =
    'the duckdb engine streams each column and keeps only its statistics, not the values a bootstrap resamples; use ⟨engine⟩ memory'
  return stats.map((s) => (s.kind === 'numeric' ? Object.assign(s, skippedIntervals(reason)) : s))
}

/** One column's statistics before the family-wise adjustment and the decision (./numeric.ts, ./categorical.ts). */
export type ColumnStatistics =
  | (ReturnType<typeof numericDriftSorted> & Partial<ColumnIntervals>)
  | ReturnType<typeof categoricalDrift>

/**
 * One column pair as an engine that sorts and counts outside JavaScript hands it over: each numeric side's finite
 * values sorted ascending with its missing count, each categorical side's counts per category.
 */
export type PreparedColumn =
  | {name: string; kind: 'numeric'; p: SortedSide; q: SortedSide}
  | {name: string; kind: 'categorical'; p: CountedSide; q: CountedSide}

/**
 * computeDrift over columns that arrive one at a time (src/io/duckdb/): each column's statistics are computed as it
 * comes and its values let go, so memory is one column pair's values plus the statistics. The same numbers as
 * computeDrift on the same columns (numericDriftSorted and categoricalDriftCounts are what it calls).
 */
export async function computeDriftStreamed(
  columns: AsyncIterable<PreparedColumn>,
  total: number,
  opts: DriftOptions,
): Promise<DriftResult> {
  const stats: ColumnStatistics[] = []
  for await (const c of columns) {
    stats.push(
      c.kind === 'numeric'
        ? numericDriftSorted(c.name, c.p, c.q, {bins: opts.bins})
        : categoricalDriftCounts(c.name, c.p, c.q),
    )
    opts.onProgress?.(stats.length, total)
  }
  return driftOfColumns(withoutIntervals(stats, opts), opts)
}

/**
 * computeDrift from each column's statistics already computed (numericDriftSorted / categoricalDriftCounts): the
 * entry point of an engine that streams one column at a time (src/io/duckdb/), so only the statistics of the
 * columns done are held, never their values. computeDrift calls it, so both give the same result.
 */
export function driftOfColumns(columnStats: ColumnStatistics[], opts: DriftOptions): DriftResult {
  const correction = opts.correction ?? DEFAULT_CORRECTION
  const stats = columnStats.map((s) => {
    const share = (missing: number, n: number) => (n + missing > 0 ? missing / (n + missing) : 0)
    // missingShare beside missing in the JSON: keys keep the position they were first given.
    const head = {name: s.name, kind: s.kind, n: s.n, missing: s.missing}
    const missingShare = {p: share(s.missing.p, s.n.p), q: share(s.missing.q, s.n.q)}
    return Object.assign(head, {missingShare}, s) as ColumnDrift
  })
  const raw = stats.map((c) => (c.kind === 'numeric' ? c.ksPValue : c.chi2PValue))
  const tested = raw.flatMap((p, k) => (p === null ? [] : [k]))
  const adjusted = adjustPValues(
    tested.map((k) => raw[k]!),
    correction,
  )
  tested.forEach((k, i) => {
    const c = stats[k]
    if (c.kind === 'numeric') c.ksPValueAdjusted = adjusted[i]
    else c.chi2PValueAdjusted = adjusted[i]
  })
  const out = stats.map((c) => {
    const partial = {...c, stat: '', score: null, threshold: 0, drifted: false} as ColumnDrift
    return {...partial, ...decide(partial, opts.rule)} as ColumnDrift
  })
  const rank = new Map(out.map((c) => [c, severity(c)]))
  out.sort((a, b) => rank.get(b)! - rank.get(a)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const drifted = out.filter((c) => c.drifted).length
  return {
    columns: out,
    drifted,
    total: out.length,
    share: out.length > 0 ? drifted / out.length : 0,
    correction: {method: correction, tests: tested.length},
  }
}

/** The d columns of two SampleSets as numeric column pairs (compare's `columns` part). */
export function sampleSetColumns(
  p: {n: number; d: number; data: Float64Array; columns: string[]},
  q: {n: number; d: number; data: Float64Array},
): ColumnPair[] {
  const column = (s: {n: number; d: number; data: Float64Array}, c: number) => {
    const out = new Float64Array(s.n)
    for (let i = 0; i < s.n; i++) out[i] = s.data[i * s.d + c]
    return out
  }
  return p.columns.map((name, c) => ({name, kind: 'numeric' as const, p: column(p, c), q: column(q, c)}))
}

/**
 * The largest value of a numeric statistic over the columns where it is defined, or undefined when no column has it
 * (drift's gates on any column's normed W1 or PSI read it).
 */
export function maxOver(result: DriftResult, key: 'w1Normed' | 'psi'): number | undefined {
  const values = result.columns
    .filter((c): c is NumericDrift => c.kind === 'numeric')
    .map((c) => c[key])
    .filter((v): v is number => v !== null)
  return values.length > 0 ? Math.max(...values) : undefined
}

/**
 * The largest upper end of a numeric statistic's interval over the columns where the statistic is defined (drift's
 * gates on the upper 95 % bound read it), or why it cannot be given: no column has the statistic, or one of them has
 * no interval (not asked, skipped: the reason is named), so the gate is not evaluated.
 */
export function maxUpperOver(result: DriftResult, key: 'w1Normed' | 'psi'): {value: number} | {missing: string} {
  const columns = result.columns.filter((c): c is NumericDrift => c.kind === 'numeric' && c[key] !== null)
  if (columns.length === 0) return {missing: `no numeric column has a defined ${key} to gate on`}
  let value = -Infinity
  for (const c of columns) {
    const iv = c[`${key}Interval`]
    if (!iv) return {missing: `column ${c.name} has no bootstrap interval of ${key}`}
    if ('skipped' in iv) return {missing: `column ${c.name} has no bootstrap interval of ${key}: ${iv.skipped}`}
    value = Math.max(value, iv.upper)
  }
  return {value}
}

/**
 * Column statistics computed by an engine that streams the columns (src/io/duckdb/ through src/io/load.ts): every
 * column's statistics in column order, by the same functions computeDrift uses, on `threads` worker threads, the
 * numbers not depending on the thread count.
 */
export interface StreamedStatistics {
  statistics(opts: {
    bins: number
    threads: number
    onProgress?: (done: number, total: number) => void
  }): Promise<ColumnStatistics[]>
}

/** computeDrift on column pairs held in memory, or driftOfColumns on the statistics a streaming engine computed. */
export async function computeDriftOf(
  pairs: ColumnPair[] | StreamedStatistics,
  opts: DriftOptions & {threads: number},
): Promise<DriftResult> {
  if (Array.isArray(pairs)) return computeDrift(pairs, opts)
  const stats = await pairs.statistics({bins: opts.bins, threads: opts.threads, onProgress: opts.onProgress})
  return driftOfColumns(withoutIntervals(stats, opts), opts)
}
