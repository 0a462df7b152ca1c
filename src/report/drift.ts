import {STATS} from '../core/drift/decision.js'
import {maxOver, maxUpperOver} from '../core/drift/index.js'
import type {ColumnDrift, ColumnInterval, DriftResult} from '../core/drift/types.js'
import type {Report, Row, Section} from './document.js'
import {driftSvg} from './drift-svg.js'
import {formatNumber} from './format.js'
import {evaluateGates, type GateSpec, notEvaluatedLines} from './gates.js'
import {driftSummary} from './summary.js'

const BARS = '▁▂▃▄▅▆▇█'

/**
 * A blank that is not white space (U+2800, the empty braille pattern): table cells wrap at white space (cli-table3
 * splits on /\s/, which includes the no-break space U+00A0), so a sparkline with a space in it broke across lines.
 */
export const BLANK = '\u2800'

/**
 * Two sparklines on one scale, P then Q: each bin's share of its side, so sets of different sizes compare; an
 * empty bin is BLANK, any non-empty one at least the lowest bar.
 */
export function sparklines(p: number[], q: number[]): {p: string; q: string} {
  const np = p.reduce((s, x) => s + x, 0) || 1,
    nq = q.reduce((s, x) => s + x, 0) || 1
  const sp = p.map((x) => x / np),
    sq = q.map((x) => x / nq)
  const top = Math.max(...sp, ...sq) || 1
  const line = (v: number[]) =>
    v
      .map((x) => (x <= 0 ? BLANK : BARS[Math.min(BARS.length - 1, Math.floor((x / top) * (BARS.length - 1) + 0.5))]))
      .join('')
  return {p: line(sp), q: line(sq)}
}

const n = (x: number | null) => (x === null ? '–' : formatNumber(x))

/** A share as a percentage a person reads at a glance (0 %, 0.4 %, 12 %, 100 %). */
const percent = (x: number) =>
  `${x === 0 || x === 1 || x >= 0.1 ? Math.round(x * 100) : Number((x * 100).toPrecision(2))} %`

/** The p-value a decision of `c` uses, raw and adjusted, when the correction changed it. */
function pValues(raw: number | null, adjusted: number | null, result: DriftResult): string {
  if (raw === null || result.correction.method === 'none') return `p ${n(raw)}`
  return `p ${n(raw)}, ${result.correction.method} ${n(adjusted)}`
}

/** Whether `stat` decides on a p-value (and so on the corrected one). */
const isPValue = (stat: string) => STATS[stat]?.direction === 'below'

/** " (95 %: 0.1–0.2)" after a statistic with a bootstrap interval, " (no interval: why)" when it was skipped. */
function intervalText(iv: ColumnInterval | undefined): string {
  if (!iv) return ''
  if ('skipped' in iv) return ' (no interval)'
  return ` (${Math.round(iv.level * 100)} %: ${formatNumber(iv.lower)}–${formatNumber(iv.upper)})`
}

/** The statistics a person reads next to the score, one short line. */
function details(c: ColumnDrift, result: DriftResult): string {
  if (c.kind === 'numeric') {
    const parts = [
      `w1 ${n(c.w1)}`,
      `w1/σP ${n(c.w1Normed)}${intervalText(c.w1NormedInterval)}`,
      `ks ${n(c.ks)} (${pValues(c.ksPValue, c.ksPValueAdjusted, result)})`,
      `psi ${n(c.psi)}${intervalText(c.psiInterval)}`,
    ]
    if (c.p && c.q) parts.push(`mean ${formatNumber(c.p.mean)} → ${formatNumber(c.q.mean)}`)
    return parts.join(' · ')
  }
  const parts = [`jsd ${n(c.jsd)}`, `tvd ${n(c.tvd)}`, `χ² ${pValues(c.chi2PValue, c.chi2PValueAdjusted, result)}`]
  if (c.newCategories.length)
    parts.push(`new: ${c.newCategories.slice(0, 3).join(', ')}${c.newCategories.length > 3 ? ', …' : ''}`)
  if (c.missingCategories.length)
    parts.push(`gone: ${c.missingCategories.slice(0, 3).join(', ')}${c.missingCategories.length > 3 ? ', …' : ''}`)
  return parts.join(' · ')
}

/**
 * One row per column, most moved first: score and statistic, verdict, P-vs-Q sparklines and the main figures. The
 * parts of a note are joined by ' · ', never '│', which a boxed table would read as a cell border.
 */
export function driftColumnsSection(
  result: DriftResult,
  title = 'columns, most moved first',
  limit = Infinity,
): Section {
  const rows: Row[] = result.columns.slice(0, limit).map((c) => {
    const lines = c.shape ? sparklines(c.shape.p, c.shape.q) : undefined
    const adjusted =
      isPValue(c.stat) && result.correction.method !== 'none' ? `, ${result.correction.method}-adjusted` : ''
    // The comparison that holds for this column: a p-value drifts below its threshold, a distance at or above it.
    const holds = isPValue(c.stat) === c.drifted ? '<' : '≥'
    const verdict = `${c.drifted ? 'DRIFTED' : 'ok'} (${c.stat} ${holds} ${formatNumber(c.threshold)}${adjusted})`
    // The missing share, P → Q: a column that empties (or fills with gaps) shows it whatever its statistic says.
    const missing =
      c.missing.p + c.missing.q > 0
        ? ` · missing ${c.missing.p} in P, ${c.missing.q} in Q (${percent(c.missingShare.p)} → ${percent(c.missingShare.q)})`
        : ''
    return {
      name: `${c.name} [${c.kind === 'numeric' ? 'num' : 'cat'}]`,
      value: c.score,
      unit: c.stat,
      note: `${verdict}${lines ? ` · P${BLANK}${lines.p} · Q${BLANK}${lines.q}` : ''}${missing}${c.reason ? ` · ${c.reason}` : ''}`,
    }
  })
  return {title, rows}
}

/**
 * One row for the columns past the first `shown` (the brief view of a wide table): how many, how many of them
 * drifted, and the largest score among them, so that the top rows plus this one account for every column.
 */
export function restOfColumnsRow(result: DriftResult, shown: number): Row | undefined {
  const rest = result.columns.slice(shown)
  if (rest.length === 0) return undefined
  const drifted = rest.filter((c) => c.drifted).length
  const scored = rest.filter((c) => c.score !== null)
  const top = scored[0]
  return {
    name: `the other ${rest.length} columns`,
    value: `${drifted} drifted`,
    note: `${rest.length - drifted} ok${top ? ` · largest score ${formatNumber(top.score!)} (${top.name}, ${top.stat})` : ''}`,
  }
}

/** The main figures of each column, in the same order (the JSON has them all). */
export function driftDetailsSection(result: DriftResult, limit = Infinity): Section {
  return {
    title: 'column statistics',
    rows: result.columns.slice(0, limit).map((c) => ({
      name: c.name,
      value: c.kind === 'numeric' ? c.w1 : c.tvd,
      unit: c.kind === 'numeric' ? 'w1' : 'tvd',
      note: details(c, result),
    })),
  }
}

const CORRECTION_NAMES = {
  holm: 'Holm (1979) step-down, family-wise error',
  bh: 'Benjamini–Hochberg (1995), false discovery rate',
  none: 'none: each p-value on its own',
}

/**
 * The data-set verdict: how many columns drifted, of how many, and the share; then the p-value correction, and
 * whether the decision used it (only ks-p and chi2-p decide on a p-value).
 */
export function driftSummarySection(result: DriftResult): Section {
  const stats = [...new Set(result.columns.map((c) => c.stat))]
  const used = stats.filter(isPValue)
  return {
    title: 'drift',
    rows: [
      {name: 'drifted columns', value: result.drifted, note: `of ${result.total}`},
      {name: 'share', value: result.share, note: 'drifted / total columns'},
      {
        name: 'p-value correction',
        value: result.correction.method,
        note: `${CORRECTION_NAMES[result.correction.method]}, over ${result.correction.tests} per-column test${result.correction.tests === 1 ? '' : 's'} (KS or χ²); ${used.length > 0 ? `${used.join(' and ')} decided on the adjusted p-values` : `not used by the decision (${stats.join(', ') || 'no column'})`}`,
      },
    ],
  }
}

/** The `drift` JSON object (schema/divergence-v1.json#/$defs/drift): the pictures' bin counts are left out. */
export function driftJson(result: DriftResult, limit = Infinity): Record<string, unknown> {
  return {
    columns: result.columns.slice(0, limit).map(({shape: _s, ...c}) => c),
    drifted: result.drifted,
    total: result.total,
    share: result.share,
    correction: result.correction,
  }
}

/** One warning per distinct reason a numeric column's bootstrap interval was not computed, with how many columns. */
function skippedIntervalWarnings(result: DriftResult): string[] {
  const reasons = new Map<string, Set<string>>()
  for (const c of result.columns)
    if (c.kind === 'numeric')
      for (const [key, iv] of [
        ['W1 / std(P)', c.w1NormedInterval],
        ['PSI', c.psiInterval],
      ] as const)
        if (iv && 'skipped' in iv) {
          const cols = reasons.get(iv.skipped) ?? new Set<string>()
          cols.add(`${c.name} (${key})`)
          reasons.set(iv.skipped, cols)
        }
  return [...reasons].map(([reason, cols]) => {
    const list = [...cols]
    return `no bootstrap interval for ${list.length === 1 ? list[0] : `${list.length} column statistics (${list.slice(0, 3).join(', ')}${list.length > 3 ? ', …' : ''})`}: ${reason}`
  })
}

/** What the drift report needs of the columns read (the command's loaded columns have it). */
export interface DriftInput {
  columns: {name: string}[]
  p: {source: string; rows: number}
  q: {source: string; rows: number}
  groups?: [string, string]
  warnings: string[]
}

/** How many of the most moved columns drift's default table lists (all are in --verbose, the JSON and the share). */
export const BRIEF_COLUMNS = 10

/** The brief view's columns: the BRIEF_COLUMNS most moved, then one row summing up the rest (restOfColumnsRow). */
function briefColumns(result: DriftResult): Section {
  if (result.total <= BRIEF_COLUMNS) return driftColumnsSection(result, undefined, BRIEF_COLUMNS)
  const section = driftColumnsSection(
    result,
    `columns, most moved first (top ${BRIEF_COLUMNS} of ${result.total}; --verbose or --json for all)`,
    BRIEF_COLUMNS,
  )
  return {...section, rows: [...section.rows, restOfColumnsRow(result, BRIEF_COLUMNS)!]}
}

/**
 * The `drift` report: the data section, the ranked columns, their details and the summary; JSON under `drift`; the
 * gates on the drifted share and, when asked for, on the largest normed W1 or PSI of any numeric column.
 */
export function driftReport(
  loaded: DriftInput,
  result: DriftResult,
  specs: GateSpec[],
  opts: {by?: string; plot?: string; engine?: 'duckdb' | 'memory'},
  timing: Record<string, number>,
): Report {
  const values: Record<string, number> = {driftShare: result.share}
  const missing: Record<string, string> = {}
  for (const [name, key] of [
    ['maxColumnW1Normed', 'w1Normed'],
    ['maxPsi', 'psi'],
  ] as const) {
    const v = maxOver(result, key)
    if (v === undefined) missing[name] = `no numeric column has a defined ${key} to gate on`
    else values[name] = v
  }
  for (const [name, key] of [
    ['maxColumnW1NormedUpper', 'w1Normed'],
    ['maxPsiUpper', 'psi'],
  ] as const) {
    const v = maxUpperOver(result, key)
    if ('missing' in v) missing[name] = v.missing
    else values[name] = v.value
  }
  const names = loaded.columns.map((c) => c.name)
  const set = (s: {source: string; rows: number}) => ({path: s.source, n: s.rows, d: names.length, columns: names})
  const gates = evaluateGates(specs, values, missing)
  const data: Section = {
    title: 'data',
    rows: [
      {name: 'P', value: `${loaded.p.rows} rows`, note: loaded.p.source},
      {name: 'Q', value: `${loaded.q.rows} rows`, note: loaded.q.source},
      {
        name: 'columns compared',
        value: result.total,
        note: `${result.columns.filter((c) => c.kind === 'numeric').length} numeric, ${result.columns.filter((c) => c.kind === 'categorical').length} categorical`,
      },
    ],
  }
  return {
    command: 'drift',
    summary: driftSummary(result, gates),
    json: {
      p: set(loaded.p),
      q: set(loaded.q),
      ...(loaded.groups ? {groups: {by: opts.by, p: loaded.groups[0], q: loaded.groups[1]}} : {}),
      drift: {...driftJson(result), ...(opts.engine ? {engine: opts.engine} : {})},
      ...(opts.plot ? {plot: opts.plot} : {}),
    },
    sections: [data, driftColumnsSection(result), driftDetailsSection(result), driftSummarySection(result)],
    // The terminal's default: the data and the BRIEF_COLUMNS most moved columns (the summary line has the share).
    brief: [data, briefColumns(result)],
    gates,
    figures: [{title: 'the most moved columns, P vs Q', svg: driftSvg(result)}],
    warnings: [...loaded.warnings, ...skippedIntervalWarnings(result), ...notEvaluatedLines(gates)],
    timing,
  }
}
