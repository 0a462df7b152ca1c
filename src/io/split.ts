import {InputError, OptionError, opt} from '../core/errors.js'
import {parseStrictNumber} from './number.js'
import type {ReadOptions, ReadResult} from './options.js'
import {checkPair, readInputTable, selectRead} from './read.js'
import {shown} from './show.js'
import type {RawColumn, RawTable} from './table.js'

/** One file split in two by a label column (`--by COLUMN --groups A,B`). */
export interface Split {
  p: RawTable
  q: RawTable
  /** The labels of P and Q. */
  groups: [string, string]
  /** Rows with an empty (missing) label, in neither group; `warnings` says how many. */
  unlabelled: number
  warnings: string[]
}

/**
 * The rows listed, in order, of every column except `without` (the label column, never a feature). The pandas index
 * stays marked, and each row keeps the file's data row it came from (`dataRows`), for messages.
 */
export function subsetTable(table: RawTable, rows: Int32Array, without?: string): RawTable {
  const pick = <T extends Float64Array | Int32Array>(v: T): T => {
    const out = new (v.constructor as {new (n: number): T})(rows.length)
    for (let i = 0; i < rows.length; i++) out[i] = v[rows[i]]
    return out
  }
  const columns: RawColumn[] = table.columns
    .filter((c) => c.name !== without)
    .map((c) => {
      const out: RawColumn = {name: c.name, type: c.type}
      if (c.values) {
        out.values = pick(c.values)
        const raw = c.raw
        if (raw) out.raw = (row) => raw(rows[row])
      }
      if (c.categories) out.categories = {codes: pick(c.categories.codes), levels: c.categories.levels}
      if (c.list) {
        const {values, offsets, nullRows} = c.list
        const newOffsets = new Int32Array(rows.length + 1)
        const newNull = new Uint8Array(rows.length)
        let size = 0
        for (let i = 0; i < rows.length; i++) size += offsets[rows[i] + 1] - offsets[rows[i]]
        const flat = new Float64Array(size)
        let at = 0
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]
          newOffsets[i] = at
          newNull[i] = nullRows?.[r] ?? 0
          flat.set(values.subarray(offsets[r], offsets[r + 1]), at)
          at += offsets[r + 1] - offsets[r]
        }
        newOffsets[rows.length] = at
        out.list = {values: flat, offsets: newOffsets, nullRows: newNull}
      }
      return out
    })
  const dataRows = Int32Array.from(rows, (r) => (table.dataRows ? table.dataRows[r] : r))
  const index = table.index?.filter((name) => name !== without)
  return {rows: rows.length, columns, ...(index ? {index} : {}), dataRows, warnings: table.warnings}
}

/**
 * Splits a table into P (rows whose `by` value is groups[0]) and Q (groups[1]). Without `groups` the column must
 * hold exactly two values, and P is the one that appears first in the file (a reference set written before the
 * current one is P, whatever the labels sort to). Labels are
 * compared as text; for a numeric label column a group given as a number (`1`, `1.0`) matches its value.
 */
export function splitByGroup(table: RawTable, file: string, by: string, groups?: [string, string]): Split {
  const column = table.columns.find((c) => c.name === by)
  if (!column)
    throw new InputError(
      `${file} has no column '${shown(by)}' to split by (${opt('by')}); its columns are: ${table.columns.map((c) => shown(c.name)).join(', ')}`,
    )
  const numeric = Boolean(column.values)
  const keys: (string | null)[] = new Array(table.rows)
  if (column.values)
    for (let r = 0; r < table.rows; r++) keys[r] = Number.isNaN(column.values[r]) ? null : String(column.values[r])
  else if (column.categories)
    for (let r = 0; r < table.rows; r++)
      keys[r] = column.categories.codes[r] < 0 ? null : column.categories.levels[column.categories.codes[r]]
  else
    throw new InputError(
      `${file}: ${opt('by')} column '${shown(by)}' (${shown(column.type)}) holds neither labels nor numbers; split by a text or numeric column`,
    )
  const present = [...new Set(keys.filter((k): k is string => k !== null))].sort((a, b) =>
    numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0,
  )
  const first = keys.find((k) => k !== null) ?? undefined
  const chosen = chooseGroups({present, first, numeric, by, groups, label: file})
  const rowsOf = (g: string) => {
    const out: number[] = []
    for (let r = 0; r < table.rows; r++) if (keys[r] === g) out.push(r)
    return Int32Array.from(out)
  }
  let unlabelled = 0
  for (let r = 0; r < table.rows; r++) if (keys[r] === null) unlabelled++
  const warnings =
    unlabelled > 0
      ? [
          `${file}: ${unlabelled} of ${table.rows} rows have an empty '${shown(by)}' label (${opt('by')}) and are in neither P nor Q`,
        ]
      : []
  return {
    p: subsetTable(table, rowsOf(chosen[0]), by),
    q: subsetTable(table, rowsOf(chosen[1]), by),
    groups: chosen,
    unlabelled,
    warnings,
  }
}

/** `--groups A,B` parsed: exactly two non-empty labels. */
export function parseGroups(text: string | undefined): [string, string] | undefined {
  if (text === undefined) return undefined
  const parts = text.split(',').map((s) => s.trim())
  if (parts.length !== 2 || parts.some((s) => s === ''))
    throw new OptionError('groups', text, `must name two values, A,B (P is A, Q is B); got '${text}'`)
  return [parts[0], parts[1]]
}

/** The name of a group's sample set in reports: `file[by=value]`. */
export function groupLabel(file: string, by: string, value: string): string {
  return `${file}[${by}=${value}]`
}

/**
 * P and Q for a comparison command from one file and `--by`/`--groups`: read once, split, then selected like two
 * files; `warnings` counts the rows with an empty label.
 */
export async function readGroups(
  path: string,
  opts: ReadOptions & {by: string},
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<{p: ReadResult; q: ReadResult; groups: [string, string]; warnings: string[]}> {
  if (opts.columns?.includes(opts.by) || opts.column === opts.by || opts.weights === opts.by)
    throw new InputError(
      `'${shown(opts.by)}' is the ${opt('by')} label column; it cannot also be a feature or the weights`,
    )
  const read = await readInputTable(path, opts, stdin)
  const {table, label} = read
  const split = splitByGroup(table, label, opts.by, opts.groups)
  const p = selectRead(read, split.p, groupLabel(label, opts.by, split.groups[0]), opts)
  const q = selectRead(read, split.q, groupLabel(label, opts.by, split.groups[1]), opts)
  return {...checkPair(p, q, opts), groups: split.groups, warnings: split.warnings}
}

/**
 * The two `--by` groups P and Q from the label values present (sorted), the first label in file order and the
 * `--groups` asked for: both named values must be present and differ (numeric labels compared as numbers, so
 * `--groups 1,2` finds 1.0 and 2.0); without `--groups` the column must hold exactly two values, and P is the one
 * that appears first. Shared by the in-memory split and the DuckDB engine's (src/io/duckdb/groups.ts).
 */
export function chooseGroups(args: {
  present: string[]
  first: string | undefined
  numeric: boolean
  by: string
  groups: [string, string] | undefined
  label: string
}): [string, string] {
  const {present, first, numeric, by, groups, label} = args
  const listed = `${present
    .slice(0, 10)
    .map((v) => `'${shown(v)}'`)
    .join(', ')}${present.length > 10 ? `, … (${present.length} values)` : ''}`
  if (!groups) {
    if (present.length !== 2)
      throw new InputError(
        `${label}: ${opt('by')} ${shown(by)} has ${present.length} distinct value${present.length === 1 ? '' : 's'} (${listed || 'none'}); name the two to compare with ${opt('groups')} A,B`,
      )
    return [first!, present[0] === first ? present[1] : present[0]]
  }
  const normal = (g: string) => {
    if (!numeric) return g
    const x = parseStrictNumber(g)
    return Number.isNaN(x) ? g : String(x)
  }
  const chosen: [string, string] = [normal(groups[0]), normal(groups[1])]
  if (chosen[0] === chosen[1])
    throw new OptionError(
      'groups',
      groups,
      `names '${shown(groups[0])}' twice; give two different values of '${shown(by)}'`,
    )
  for (const [k, g] of chosen.entries())
    if (!present.includes(g))
      throw new InputError(
        `${label}: no row has ${shown(by)} = '${shown(groups[k])}' (group ${k === 0 ? 'P' : 'Q'} of ${opt('groups')} is empty); the values of '${shown(by)}' are: ${listed || 'none'}`,
      )
  return chosen
}
