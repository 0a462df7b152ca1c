import {categoricalDrift} from './categorical.js'
import {type DecisionRule, decide, severity} from './decision.js'
import {numericDrift} from './numeric.js'
import type {ColumnDrift, ColumnPair, DriftResult} from './types.js'

export {DEFAULT_STAT, type DecisionRule, decisionRule, STATS} from './decision.js'
export type {ColumnDrift, ColumnPair, DriftResult} from './types.js'

/** Quantile bins of P for the numeric JSD unless `--bins` says otherwise. */
export const DEFAULT_BINS = 20

export interface DriftOptions {
  bins: number
  rule: DecisionRule
  onProgress?: (done: number, total: number) => void
}

/**
 * Per-column drift of P → Q: each column's statistics (./numeric.ts, ./categorical.ts) and verdict
 * (./decision.ts); the data set's share = drifted / total columns. Columns are independent and each is sorted once.
 * Ranked most moved first (score relative to threshold), ties by name, so the order is deterministic.
 */
export function computeDrift(columns: ColumnPair[], opts: DriftOptions): DriftResult {
  const out: ColumnDrift[] = []
  columns.forEach((c, k) => {
    const stats =
      c.kind === 'numeric' ? numericDrift(c.name, c.p, c.q, {bins: opts.bins}) : categoricalDrift(c.name, c.p, c.q)
    const partial = {...stats, stat: '', score: null, threshold: 0, drifted: false} as ColumnDrift
    out.push({...partial, ...decide(partial, opts.rule)} as ColumnDrift)
    opts.onProgress?.(k + 1, columns.length)
  })
  const rank = new Map(out.map((c) => [c, severity(c)]))
  out.sort((a, b) => rank.get(b)! - rank.get(a)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const drifted = out.filter((c) => c.drifted).length
  return {columns: out, drifted, total: out.length, share: out.length > 0 ? drifted / out.length : 0}
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
