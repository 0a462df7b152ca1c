import type {Categories, ColumnPair} from '../core/drift/types.js'
import {InputError, opt} from '../core/errors.js'
import {reconcileTables, textAsTemporal, typeText} from './reconcile.js'
import {shown} from './show.js'
import type {RawColumn, RawTable} from './table.js'

/**
 * Per text column, its distinct non-missing values over P and Q together and its non-missing cells, where an engine
 * counts them itself (src/io/duckdb/schema.ts textCounts) instead of holding the values.
 */
export type TextCounts = Map<string, {distinct: number; cells: number}>

export interface DriftSelection {
  columns: ColumnPair[]
  warnings: string[]
}

/** A numeric column's values as categories, by their text (`--categorical` on a numeric column). */
function numbersAsCategories(values: Float64Array): Categories {
  const index = new Map<number, number>()
  const levels: string[] = []
  const codes = new Int32Array(values.length)
  for (let r = 0; r < values.length; r++) {
    const v = values[r]
    if (Number.isNaN(v)) {
      codes[r] = -1
      continue
    }
    let code = index.get(v)
    if (code === undefined) {
      index.set(v, (code = levels.length))
      levels.push(String(v))
    }
    codes[r] = code
  }
  return {codes, levels}
}

const asCategories = (c: RawColumn): Categories | undefined =>
  c.categories ?? (c.values ? numbersAsCategories(c.values) : undefined)

/** Fewest non-missing text values (P and Q together) at which a column of mostly distinct values is not a category. */
export const HIGH_CARDINALITY_MIN_VALUES = 20

/** The distinct non-missing values of a text column over P and Q, and how many non-missing cells there are. */
function distinctLevels(a: RawColumn, b: RawColumn): {distinct: number; cells: number} {
  const seen = new Set<string>()
  let cells = 0
  for (const c of [a, b]) {
    const cat = c.categories
    if (!cat) continue
    const used = new Uint8Array(cat.levels.length)
    for (let r = 0; r < cat.codes.length; r++) {
      const code = cat.codes[r]
      if (code < 0) continue
      cells++
      if (!used[code]) {
        used[code] = 1
        seen.add(cat.levels[code])
      }
    }
  }
  return {distinct: seen.size, cells}
}

/**
 * Whether a text column (either side text) has more than half of its non-missing values distinct, over P and Q
 * together, with at least HIGH_CARDINALITY_MIN_VALUES of them (a few rows prove nothing). Booleans never are.
 */
function isHighCardinality(a: RawColumn, b: RawColumn, counted?: TextCounts): boolean {
  if (a.values && b.values) return false
  if (a.logical === 'boolean' || b.logical === 'boolean') return false
  const {distinct, cells} = counted?.get(a.name) ?? distinctLevels(a, b)
  return cells >= HIGH_CARDINALITY_MIN_VALUES && distinct > cells / 2
}

/**
 * The columns `drift` compares, by name in both tables, each with one type decided from both files
 * (src/io/reconcile.ts: numbers against text is refused): numeric when both sides are numbers (dates and timestamps
 * included, in seconds since 1970-01-01), categorical when both hold text, booleans or a dictionary, or
 * when `--categorical` names the column. A text column of mostly distinct values is left out with a warning. Missing cells stay
 * in (NaN / code −1) and are counted per column, so a gap in one column never drops a row from another. Columns
 * present on one side only are left out with a warning; list columns and the weights column are not features.
 */
export function driftColumns(
  pRead: RawTable,
  qRead: RawTable,
  labels: {p: string; q: string},
  opts: {columns?: string[]; categorical?: string[]; exclude?: string[]; textCounts?: TextCounts},
): DriftSelection {
  const warnings: string[] = []
  const named = opts.columns && opts.columns.length > 0 ? new Set(opts.columns) : undefined
  const asCategorical = new Set(opts.categorical ?? [])
  // One type per column from both files; a column read as categories by --categorical needs no common type.
  const read = reconcileTables(
    pRead,
    qRead,
    labels,
    (name) => !asCategorical.has(name) && !opts.exclude?.includes(name) && (!named || named.has(name)),
  )
  // A text column of ISO dates or timestamps on both sides (strings in Parquet too) is read as one: a date is not a
  // category (each day its own level), and CSV gives such a column as numbers already.
  const inQRead = new Map(read.q.columns.map((c, k) => [c.name, k]))
  const pCols = [...read.p.columns]
  const qCols = [...read.q.columns]
  for (const [k, a] of read.p.columns.entries()) {
    const j = inQRead.get(a.name)
    if (j === undefined || asCategorical.has(a.name) || !a.categories || !qCols[j].categories) continue
    const ta = textAsTemporal(a),
      tb = textAsTemporal(qCols[j])
    if (!ta || !tb) continue
    const both = reconcileTables({rows: 0, columns: [ta]}, {rows: 0, columns: [tb]}, labels)
    pCols[k] = both.p.columns[0]
    qCols[j] = both.q.columns[0]
  }
  const p = {...read.p, columns: pCols}
  const q = {...read.q, columns: qCols}
  const inQ = new Map(q.columns.map((c) => [c.name, c]))
  const inP = new Map(p.columns.map((c) => [c.name, c]))
  for (const [label, t] of [
    [labels.p, p],
    [labels.q, q],
  ] as const) {
    const twice = t.columns.find((c, k) => t.columns.findIndex((o) => o.name === c.name) !== k)
    if (twice)
      throw new InputError(
        `${label}: column name '${shown(twice.name)}' appears twice in the schema; rename one of them (or re-export the file if it is damaged)`,
      )
  }
  const usable = (c: RawColumn) => Boolean(c.values || c.categories)
  for (const name of [...(opts.columns ?? []), ...(opts.categorical ?? [])]) {
    for (const [label, side] of [
      [labels.p, inP],
      [labels.q, inQ],
    ] as const) {
      if (!side.has(name))
        throw new InputError(
          `${label} has no column '${shown(name)}'; its columns are: ${[...side.keys()].map(shown).join(', ')}`,
        )
      if (!usable(side.get(name)!))
        throw new InputError(
          `${label}: column '${shown(name)}' (${shown(side.get(name)!.type)}) is neither numeric nor text; drift compares scalar columns`,
        )
    }
  }
  let names: string[]
  if (opts.columns && opts.columns.length > 0) names = opts.columns
  else {
    names = p.columns
      .filter((c) => usable(c) && !opts.exclude?.includes(c.name))
      .map((c) => c.name)
      .filter((name) => inQ.has(name) && usable(inQ.get(name)!))
    const onlyP = p.columns
      .filter((c) => usable(c) && !opts.exclude?.includes(c.name) && !(inQ.has(c.name) && usable(inQ.get(c.name)!)))
      .map((c) => c.name)
    const onlyQ = q.columns
      .filter((c) => usable(c) && !opts.exclude?.includes(c.name) && !(inP.has(c.name) && usable(inP.get(c.name)!)))
      .map((c) => c.name)
    if (onlyP.length > 0)
      warnings.push(`column(s) ${onlyP.map(shown).join(', ')} of P are not in Q (or not comparable there); left out`)
    if (onlyQ.length > 0)
      warnings.push(`column(s) ${onlyQ.map(shown).join(', ')} of Q are not in P (or not comparable there); left out`)
    const unread = p.columns.filter((c) => !usable(c) && !opts.exclude?.includes(c.name))
    if (unread.length > 0)
      warnings.push(
        `${labels.p}: neither a scalar number nor text, left out: ${unread.map((c) => `'${shown(c.name)}' (${typeText(c)})`).join(', ')}`,
      )
    // A text column with mostly distinct values (an id, a free-text field, a date in a format not read as one)
    // is not a category: each value would be its own level, and it would rank as the most drifted column.
    const distinctive = names.filter(
      (name) => !asCategorical.has(name) && isHighCardinality(inP.get(name)!, inQ.get(name)!, opts.textCounts),
    )
    if (distinctive.length > 0) {
      const distinct = (name: string) =>
        (opts.textCounts?.get(name) ?? distinctLevels(inP.get(name)!, inQ.get(name)!)).distinct
      warnings.push(
        `text column(s) ${distinctive.map((name) => `'${shown(name)}' (${distinct(name)} distinct values)`).join(', ')} have more than half their values distinct (an id, free text, or a date in a format not read as one): not categories, left out`,
      )
      names = names.filter((name) => !distinctive.includes(name))
    }
  }
  if (names.length === 0)
    throw new InputError(`${labels.p} and ${labels.q} have no numeric or text column in common to compare`)
  const categorical = asCategorical
  const columns = names.map((name): ColumnPair => {
    const a = inP.get(name)!,
      b = inQ.get(name)!
    if (!categorical.has(name) && a.values && b.values) return {name, kind: 'numeric', p: a.values, q: b.values}
    return {name, kind: 'categorical', p: asCategories(a)!, q: asCategories(b)!}
  })
  // Text among a numeric column's numbers is NaN there, which drift counts as missing: say so, never in silence.
  for (const c of columns)
    for (const [label, col] of [
      [labels.p, inP.get(c.name)!],
      [labels.q, inQ.get(c.name)!],
    ] as const)
      if (c.kind === 'numeric' && col.textCells)
        warnings.push(
          `${label}: column '${shown(c.name)}' has ${col.textCells.count} text cell(s) among its numbers (e.g. '${shown(col.textCells.least)}'); drift counts them as missing (a missing-value marker can be declared with ${opt('naValues')})`,
        )
  return {columns, warnings}
}
