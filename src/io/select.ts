import {InputError, opt} from '../core/errors.js'
import {makeSampleSet, type SampleSet} from '../core/sampleset.js'
import {DATE_UNIT, TIMESTAMP_UNIT} from './number.js'
import type {ReadOptions} from './options.js'
import {rowIdPattern} from './pandas-index.js'
import {typeText} from './reconcile.js'
import {sampleRows} from './sample.js'
import {shown} from './show.js'
import type {RawColumn, RawTable} from './table.js'

/** The coordinates chosen from a table, with what was skipped and dropped. */
export interface Selection {
  set: SampleSet
  skipped: string[]
  dropped: number
  /** The first row dropped by --drop-missing and why (`data row 2: column 'x' has 'NaN', not a finite number`). */
  firstDropped?: string
  warnings: string[]
}

/**
 * Turns a parsed table into a SampleSet: picks the columns (`--column`, `--columns`, or every numeric one),
 * applies `--weights`, refuses or drops (`--drop-missing`) rows with a missing value, and samples `--sample N`
 * rows uniformly with the seeded RNG. Every refusal names the file, the 1-based data row, the column and the value.
 * The steps: check the table, choose the coordinates, keep the rows, say what was left out, build the set.
 */
export function selectSampleSet(table: RawTable, file: string, opts: ReadOptions): Selection {
  const t = checkedTable(table, file)
  const weightCol = weightColumn(t, opts)
  const coordinates = opts.column ? vectorCoordinates(t, opts.column) : scalarCoordinates(t, opts)
  const {names} = coordinates
  const skipped = table.columns
    .filter((c) => !names.includes(c.name) && c.name !== opts.weights && !(opts.column && c.name === opts.column))
    .map((c) => c.name)
  const rows = keptRows(t, coordinates, weightCol, opts.dropMissing === true)
  const warnings = selectionWarnings(t, opts, names, skipped)
  if (rows.dropped > 0)
    warnings.push(
      `${file}: dropped ${rows.dropped} of ${table.rows} rows with a missing or non-finite value (${opt('dropMissing')})`,
    )
  if (rows.kept.length === 0)
    throw new InputError(`${file} has no data rows${rows.dropped > 0 ? ` left after ${opt('dropMissing')}` : ''}`)
  const sampled = sampleRows(rows.kept, opts.sample, opts.seed, file)
  if (sampled.warning) warnings.push(sampled.warning)
  return {
    set: gatherSet(t, coordinates, weightCol, sampled.rows),
    skipped,
    dropped: rows.dropped,
    ...(rows.firstDropped ? {firstDropped: rows.firstDropped} : {}),
    warnings,
  }
}

/**
 * The scalar columns `selectSampleSet` would take as coordinates from a table of this schema, and the weight column,
 * by the same rules (`--columns`, or every numeric column but the weights, the pandas index and `--exclude`), with
 * the same refusals; for a reader that must know them before it reads any value (src/io/duckdb/sampled.ts). The
 * table's columns may hold no values yet (rows 0).
 */
export function coordinateNames(table: RawTable, file: string, opts: ReadOptions): {names: string[]; weights?: string} {
  const t = checkedTable({...table, rows: 0}, file)
  const weightCol = weightColumn(t, opts)
  return {names: scalarCoordinates(t, opts).names, ...(weightCol ? {weights: weightCol.name} : {})}
}

/** The `--weights` column, which must be numeric. */
function weightColumn(t: CheckedTable, opts: ReadOptions): RawColumn | undefined {
  const weightCol = opts.weights ? t.get(opts.weights) : undefined
  if (weightCol && !weightCol.values)
    throw new InputError(
      `${t.file}: weight column '${shown(weightCol.name)}' is not numeric (${shown(weightCol.type)})`,
    )
  return weightCol
}

/** A table checked for what would make a column name ambiguous or a column short, with its lookups. */
interface CheckedTable {
  table: RawTable
  file: string
  byName: Map<string, RawColumn>
  /** The column of that name, or an error listing the columns there are. */
  get(name: string): RawColumn
  /** The file's 1-based data row of row r (a --by group is a subset of the file's rows: src/io/split.ts). */
  dataRow(r: number): number
}

function checkedTable(table: RawTable, file: string): CheckedTable {
  const byName = new Map(table.columns.map((c) => [c.name, c]))
  // The CSV reader refuses a repeated header name itself; an Arrow or Parquet schema can also repeat one (a damaged
  // file did, in fuzzing), and a name must pick one column.
  if (byName.size < table.columns.length) {
    const twice = table.columns.find((c, k) => table.columns.findIndex((o) => o.name === c.name) !== k)!
    throw new InputError(
      `${file}: column name '${shown(twice.name)}' appears twice in the schema; rename one of them (or re-export the file if it is damaged)`,
    )
  }
  const short = table.columns.find((c) => c.values && c.values.length < table.rows)
  if (short)
    throw new InputError(
      `${file}: column '${shown(short.name)}' holds ${short.values!.length} values for ${table.rows} rows; the file is corrupt or truncated: re-export it`,
    )
  return {
    table,
    file,
    byName,
    get(name) {
      const c = byName.get(name)
      if (!c)
        throw new InputError(
          `${file} has no column '${shown(name)}'; its columns are: ${table.columns.map((x) => shown(x.name)).join(', ')}`,
        )
      return c
    },
    dataRow: (r) => (table.dataRows ? table.dataRows[r] : r) + 1,
  }
}

/** The coordinates chosen: their names, how to copy a row's d of them, and why a row cannot be used. */
interface Coordinates {
  names: string[]
  d: number
  coords: (row: number, out: Float64Array, at: number) => void
  missingAt: (row: number) => string | undefined
  /** The scalar columns, scanned column by column for missing values (undefined for a vector column). */
  scalarCols?: Float64Array[]
}

/** `--column`: one list or fixed-size-list column whose every row is a vector of the same length. */
function vectorCoordinates({table, file, get, dataRow}: CheckedTable, column: string): Coordinates {
  const c = get(column)
  if (!c.list)
    throw new InputError(
      `${file}: ${opt('column')} ${shown(column)} is not a list or fixed-size-list column of numbers (it is ${shown(c.type)}); use ${opt('columns')} for scalar columns`,
    )
  const {offsets, values, nullRows} = c.list
  let width = -1
  for (let r = 0; r < table.rows; r++) {
    if (nullRows?.[r]) continue
    const len = offsets[r + 1] - offsets[r]
    if (width < 0) width = len
    else if (len !== width)
      throw new InputError(
        `${file}: column '${shown(c.name)}' has vectors of length ${width} and ${len} (data row ${dataRow(r)}); every row must have the same length`,
      )
  }
  if (width <= 0) throw new InputError(`${file}: column '${shown(c.name)}' holds no vectors`)
  const d = width
  return {
    names: Array.from({length: d}, (_, k) => `${c.name}[${k}]`),
    d,
    coords: (row, out, at) => out.set(values.subarray(offsets[row], offsets[row] + d), at),
    missingAt: (row) => {
      if (nullRows?.[row]) return `column '${shown(c.name)}' is null`
      for (let k = 0; k < d; k++)
        if (!Number.isFinite(values[offsets[row] + k]))
          return `column '${shown(c.name)}' element ${k} is not a finite number`
      return undefined
    },
  }
}

/** `--columns`, or every numeric column but the weights, the pandas index and `--exclude`. */
function scalarCoordinates({table, file, byName, get}: CheckedTable, opts: ReadOptions): Coordinates {
  let names: string[]
  if (opts.columns && opts.columns.length > 0) {
    names = opts.columns
    const twice = names.find((name, k) => names.indexOf(name) !== k)
    if (twice !== undefined)
      throw new InputError(`${file}: ${opt('columns')} names '${shown(twice)}' twice; name each column once`)
    if (opts.weights && names.includes(opts.weights))
      throw new InputError(
        `${file}: '${shown(opts.weights)}' is given both in ${opt('columns')} and as ${opt('weights')}; the weight column cannot also be a coordinate`,
      )
    for (const name of names) {
      const c = get(name)
      if (!c.values)
        throw new InputError(
          `${file}: column '${shown(name)}' is not numeric (${typeText(c)}); pick numeric columns with ${opt('columns')}${c.list ? ` or read it as a vector with ${opt('column')} ${shown(name)}` : ''}`,
        )
    }
  } else {
    for (const name of opts.exclude ?? []) get(name)
    const numericNames = table.columns.filter((c) => c.values).map((c) => c.name)
    const left = new Set([...(table.index ?? []), ...(opts.exclude ?? [])])
    names = numericNames.filter((n) => n !== opts.weights && !left.has(n))
    if (names.length === 0 && left.size > 0 && numericNames.some((n) => left.has(n))) {
      throw new InputError(
        `${file}: every numeric column is left out (${[...left].map((n) => `'${shown(n)}'`).join(', ')}: pandas index or ${opt('exclude')}); name the columns to compare with ${opt('columns')}`,
      )
    }
    if (names.length === 0) {
      const listNames = table.columns.filter((c) => c.list).map((c) => c.name)
      throw new InputError(
        `${file} has no numeric column to compare (columns: ${table.columns.map((c) => `${shown(c.name)} ${shown(c.type)}`).join(', ')})${listNames.length > 0 ? `; read a vector column with ${opt('column')} ${shown(listNames[0])}` : '; give a file with numeric columns'}`,
      )
    }
  }
  const cols = names.map((n) => byName.get(n)!.values!)
  const d = names.length
  return {
    names,
    d,
    scalarCols: cols,
    coords: (row, out, at) => {
      for (let k = 0; k < d; k++) out[at + k] = cols[k][row]
    },
    missingAt: (row) => {
      for (let k = 0; k < d; k++) {
        if (!Number.isFinite(cols[k][row])) {
          const raw = byName.get(names[k])!.raw?.(row) ?? ''
          return `column '${shown(names[k])}' has ${raw.trim() === '' ? 'an empty field' : `'${shown(raw)}'`}, not a finite number`
        }
      }
      return undefined
    },
  }
}

/**
 * The rows kept: all, minus missing ones when `dropMissing`, a weight that is not finite or negative always an error.
 * Scalar columns are scanned column by column first (a tight loop over each Float64Array), so only flagged rows pay
 * for the per-row diagnosis; list columns are checked row by row.
 */
function keptRows(
  {table, file, dataRow}: CheckedTable,
  {scalarCols, missingAt}: Coordinates,
  weightCol: RawColumn | undefined,
  dropMissing: boolean,
): {kept: Int32Array; dropped: number; firstDropped?: string} {
  const suspect = scalarCols ? flagRows(table.rows, scalarCols, weightCol?.values) : undefined
  const keep = new Int32Array(table.rows)
  let kept = 0
  let dropped = 0
  let firstDropped: string | undefined
  for (let r = 0; r < table.rows; r++) {
    if (suspect && suspect[r] === 0) {
      keep[kept++] = r
      continue
    }
    const why =
      missingAt(r) ??
      (weightCol && !Number.isFinite(weightCol.values![r])
        ? `weight column '${shown(weightCol.name)}' is not a finite number`
        : undefined)
    if (why) {
      if (!dropMissing)
        throw new InputError(
          `${file}, data row ${dataRow(r)}: ${why}; fix the file or pass ${opt('dropMissing')} to skip such rows`,
        )
      dropped++
      firstDropped ??= `data row ${dataRow(r)}: ${why}`
      continue
    }
    if (weightCol && weightCol.values![r] < 0)
      throw new InputError(
        `${file}, data row ${dataRow(r)}: weight ${weightCol.values![r]} is negative; weights must be ≥ 0`,
      )
    keep[kept++] = r
  }
  return {kept: keep.subarray(0, kept), dropped, firstDropped}
}

/**
 * What the selection says about the columns: those the default selection left out and why, dates and timestamps
 * read as numbers, the pandas index left out, likely row ids, and list columns not read unless named.
 */
function selectionWarnings(
  {table, file, byName}: CheckedTable,
  opts: ReadOptions,
  names: string[],
  skipped: string[],
): string[] {
  const warnings: string[] = []
  const byDefault = !opts.column && !(opts.columns && opts.columns.length > 0)
  if (byDefault) {
    // Every column the default selection leaves out is named with its reason (lists have their own line below).
    const left = new Set([...(table.index ?? []), ...(opts.exclude ?? [])])
    const notNumeric = skipped.filter((name) => !left.has(name) && !byName.get(name)?.list)
    if (notNumeric.length > 0)
      warnings.push(
        leftOutWarning(
          file,
          notNumeric.map((name) => byName.get(name)!),
        ),
      )
  }
  for (const name of names) {
    const c = byName.get(name)
    if (c?.logical === 'date' || c?.logical === 'timestamp')
      warnings.push(
        `${file}: column '${shown(name)}' is a ${c.logical}, read as ${c.logical === 'date' ? DATE_UNIT : TIMESTAMP_UNIT} (${shown(c.type)})`,
      )
  }
  if (byDefault) {
    for (const name of table.index ?? []) {
      if (byName.get(name)?.values)
        warnings.push(
          `${file}: ${name === '' ? 'the unnamed first column (the index df.to_csv() writes)' : `column '${shown(name)}' (the pandas index, by the file's metadata)`} is left out: an index is not a feature; name it in ${opt('columns')} to use it`,
        )
    }
  }
  // List columns are read only when named (--column): say so when the scalar columns were used instead, in the
  // row-id line when the only feature is a likely row id (an embedding file with an `id` column), else in its own.
  const lists = byDefault ? skipped.filter((name) => byName.get(name)?.list).map((name) => `'${shown(name)}'`) : []
  const listNote =
    lists.length > 0
      ? `list column${lists.length === 1 ? '' : 's'} ${lists.join(', ')} ${lists.length === 1 ? 'is' : 'are'} not read unless named: use ${opt('column')} ${lists[0].slice(1, -1)} to take its vectors as the points`
      : undefined
  let listNoted = false
  for (const name of names) {
    const c = byName.get(name)
    const pattern = c && !opts.column ? rowIdPattern(c, table.rows) : undefined
    if (pattern) {
      const alone = names.length === 1 && listNote !== undefined
      warnings.push(
        `${file}: column '${shown(name)}' holds ${pattern === 'range' ? `the integers ${c!.values![0]}..${c!.values![0] + table.rows - 1} in order` : 'strictly increasing integers'}: likely a row id, not a feature; leave it out with ${opt('exclude')} ${shown(name)}${alone ? `; it is the only feature: ${listNote}` : ''}`,
      )
      listNoted ||= alone
    }
  }
  if (listNote && !listNoted) warnings.push(`${file}: ${listNote}`)
  return warnings
}

/** The SampleSet of the sampled rows: their coordinates, and their weights normalised to sum 1. */
function gatherSet(
  {file}: CheckedTable,
  {names, d, coords}: Coordinates,
  weightCol: RawColumn | undefined,
  rows: ArrayLike<number>,
): SampleSet {
  const n = rows.length
  const data = new Float64Array(n * d)
  for (let i = 0; i < n; i++) coords(rows[i], data, i * d)
  let weights: Float64Array | undefined
  if (weightCol) {
    weights = new Float64Array(n)
    let total = 0
    for (let i = 0; i < n; i++) total += weights[i] = weightCol.values![rows[i]]
    if (!(total > 0))
      throw new InputError(`${file}: the weights in '${shown(weightCol.name)}' sum to 0; at least one must be positive`)
    if (!Number.isFinite(total))
      throw new InputError(
        `${file}: the weights in '${shown(weightCol.name)}' sum to more than a float64 holds; rescale them`,
      )
    for (let i = 0; i < n; i++) weights[i] /= total
  }
  return makeSampleSet(data, n, d, names, file, weights)
}

/**
 * The warning that names the columns a numeric selection leaves out, each with why: booleans, text (with what its
 * cells were, and `--na-values` suggested when the text looks like a missing-value marker), unread types.
 */
export function leftOutWarning(file: string, columns: RawColumn[]): string {
  const reasons = columns.map((c) => {
    const why = c.logical === 'boolean' ? 'boolean' : typeText(c)
    return `'${shown(c.name)}' (${why})`
  })
  const markers = [...new Set(columns.flatMap((c) => (c.values ? [] : (c.markers ?? []))))]
  const hint =
    markers.length > 0
      ? `; if ${markers.map((m) => `'${shown(m)}'`).join(', ')} ${markers.length === 1 ? 'marks' : 'mark'} a missing value, give ${opt('naValues')}=${markers.map(shown).join(',')}`
      : ''
  return `${file}: not numeric, left out: ${reasons.join(', ')}${hint}`
}

/** Rows with a NaN or an infinity in any of `cols`, or a weight that is not finite or is negative (1 = look closer). */
function flagRows(rows: number, cols: Float64Array[], weights?: Float64Array): Uint8Array {
  const flags = new Uint8Array(rows)
  // x - x is 0 for every finite x and NaN for NaN and ±Infinity (Arrow and Parquet floats can hold infinities).
  for (const col of cols) for (let r = 0; r < rows; r++) if (col[r] - col[r] !== 0) flags[r] = 1
  if (weights) for (let r = 0; r < rows; r++) if (!(weights[r] >= 0 && weights[r] < Infinity)) flags[r] = 1
  return flags
}
