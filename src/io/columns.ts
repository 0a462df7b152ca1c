import type {Categories, ColumnPair} from '../core/drift/types.js'
import {InputError} from '../core/errors.js'
import {shown} from './show.js'
import type {RawColumn, RawTable} from './table.js'

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

/**
 * The columns `drift` compares, by name in both tables: numeric when both sides are numbers, categorical when
 * either side holds text, booleans or a dictionary, or when `--categorical` names the column. Missing cells stay
 * in (NaN / code −1) and are counted per column, so a gap in one column never drops a row from another. Columns
 * present on one side only are left out with a warning; list columns and the weights column are not features.
 */
export function driftColumns(
  p: RawTable,
  q: RawTable,
  labels: {p: string; q: string},
  opts: {columns?: string[]; categorical?: string[]; exclude?: string[]},
): DriftSelection {
  const warnings: string[] = []
  const inQ = new Map(q.columns.map((c) => [c.name, c]))
  const inP = new Map(p.columns.map((c) => [c.name, c]))
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
  }
  if (names.length === 0)
    throw new InputError(`${labels.p} and ${labels.q} have no numeric or text column in common to compare`)
  const categorical = new Set(opts.categorical ?? [])
  const columns = names.map((name): ColumnPair => {
    const a = inP.get(name)!,
      b = inQ.get(name)!
    if (!categorical.has(name) && a.values && b.values) return {name, kind: 'numeric', p: a.values, q: b.values}
    return {name, kind: 'categorical', p: asCategories(a)!, q: asCategories(b)!}
  })
  return {columns, warnings}
}
