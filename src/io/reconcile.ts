import {InputError, opt} from '../core/errors.js'
import {DATE_UNIT, parseIsoDate, parseIsoTimestamp, SECONDS_PER_DAY, TIMESTAMP_UNIT} from './number.js'
import {shown} from './show.js'
import type {RawColumn, RawTable} from './table.js'

/** A column's logical type, as far as comparing two files goes. */
export type ColumnKind = 'number' | 'date' | 'timestamp' | 'boolean' | 'text' | 'list' | 'other'

/** What a parsed column holds: numbers (plain, dates, timestamps), booleans, text, lists, or something unread. */
export function kindOf(c: RawColumn): ColumnKind {
  if (c.logical === 'date' || c.logical === 'timestamp') return c.logical
  if (c.logical === 'boolean') return 'boolean'
  if (c.values) return 'number'
  if (c.list) return 'list'
  return c.unread ? 'other' : 'text'
}

/** How a column's type is written in a message: its declared type, and what it was read as when that differs. */
export function typeText(c: RawColumn): string {
  const why = c.note ?? c.unread
  return why ? `${shown(c.type)}; ${why}` : shown(c.type)
}

/** The side of a pair, for messages: `P (a.csv)`. */
interface Labels {
  p: string
  q: string
}

/**
 * Gives each column present in both tables one logical type, decided from both files (issue 19 item 3):
 * - a date column against a timestamp column becomes seconds since 1970-01-01 on both sides (pandas writes a
 *   timestamp column whose times are all midnight as dates in CSV);
 * - a boolean column (CSV true/false, Parquet BOOLEAN) against a numeric column holding only 0 and 1 is boolean on
 *   both sides (the 0/1 read as false/true);
 * - numbers against text, booleans against other text, a date against plain numbers, … cannot be the same
 *   column: refused with one line naming the column and both types, when the column is one that will be used
 *   (`relevant`), since a comparison of a number with its text would be a comparison of nothing.
 * Returns new tables (the given ones are not changed); columns on one side only are left for the caller.
 */
export function reconcileTables(
  p: RawTable,
  q: RawTable,
  labels: Labels,
  relevant: (name: string) => boolean = () => true,
): {p: RawTable; q: RawTable} {
  const inQ = new Map(q.columns.map((c, k) => [c.name, k]))
  const pCols = [...p.columns]
  const qCols = [...q.columns]
  for (const [k, a] of p.columns.entries()) {
    const j = inQ.get(a.name)
    if (j === undefined || !relevant(a.name)) continue
    const b = q.columns[j]
    const ka = kindOf(a),
      kb = kindOf(b)
    if (ka === kb) continue
    // A column with no value at all in one file (a CSV column of empty cells reads as text) has no type of its own:
    // it takes the other file's, all missing, so that drift sees a column that emptied rather than two types.
    if (ka === 'text' && allMissing(a) && kb !== 'text') {
      pCols[k] = missingLike(b, a, p.rows)
      continue
    }
    if (kb === 'text' && allMissing(b) && ka !== 'text') {
      qCols[j] = missingLike(a, b, q.rows)
      continue
    }
    // ISO date strings in a text column (a Parquet string, an object column) against a real date or timestamp.
    if (ka === 'text' && (kb === 'date' || kb === 'timestamp')) {
      const t = textAsTemporal(a)
      if (t) {
        pCols[k] = kb === 'timestamp' && t.logical === 'date' ? dateAsTimestamp(t) : t
        if (kb === 'date' && t.logical === 'timestamp') qCols[j] = dateAsTimestamp(b)
        continue
      }
    }
    if (kb === 'text' && (ka === 'date' || ka === 'timestamp')) {
      const t = textAsTemporal(b)
      if (t) {
        qCols[j] = ka === 'timestamp' && t.logical === 'date' ? dateAsTimestamp(t) : t
        if (ka === 'date' && t.logical === 'timestamp') pCols[k] = dateAsTimestamp(a)
        continue
      }
    }
    if ((ka === 'date' && kb === 'timestamp') || (ka === 'timestamp' && kb === 'date')) {
      if (ka === 'date') pCols[k] = dateAsTimestamp(a)
      else qCols[j] = dateAsTimestamp(b)
      continue
    }
    if (ka === 'boolean' && kb === 'number' && isZeroOne(b)) {
      qCols[j] = zeroOneAsBoolean(b)
      continue
    }
    if (kb === 'boolean' && ka === 'number' && isZeroOne(a)) {
      pCols[k] = zeroOneAsBoolean(a)
      continue
    }
    // Lists and unreadable types are not compared anyway: the selection names them.
    if (ka === 'list' || kb === 'list' || ka === 'other' || kb === 'other') continue
    throw new InputError(
      `column '${shown(a.name)}' is ${kindName(ka)} (${typeText(a)}) in P (${labels.p}) but ${kindName(kb)} (${typeText(b)}) in Q (${labels.q}); one column must have one type: fix the file${ka === 'text' || kb === 'text' ? `, declare its missing-value markers with ${opt('naValues')}` : ''}, or leave it out with ${opt('exclude')} ${shown(a.name)}`,
    )
  }
  return {p: {...p, columns: pCols}, q: {...q, columns: qCols}}
}

/**
 * A text column read as categories whose every value is an ISO date or timestamp (→ seconds since 1970-01-01, a date
 * at its UTC midnight), as the CSV reader reads such a column; undefined otherwise.
 */
export function textAsTemporal(c: RawColumn): RawColumn | undefined {
  const cat = c.categories
  if (!cat || cat.levels.length === 0 || c.logical === 'boolean') return undefined
  const days = cat.levels.map(parseIsoDate)
  const date = days.every((d) => !Number.isNaN(d))
  const at = cat.levels.map((l, k) => (Number.isNaN(days[k]) ? parseIsoTimestamp(l) : days[k] * SECONDS_PER_DAY))
  if (at.some((v) => Number.isNaN(v))) return undefined
  const values = new Float64Array(cat.codes.length)
  for (let r = 0; r < values.length; r++) values[r] = cat.codes[r] < 0 ? Number.NaN : at[cat.codes[r]]
  return {
    name: c.name,
    type: `${c.type} (ISO ${date ? 'dates' : 'timestamps'}) → ${date ? DATE_UNIT : TIMESTAMP_UNIT}`,
    logical: date ? 'date' : 'timestamp',
    values,
    raw: (row) => (cat.codes[row] < 0 ? 'null' : cat.levels[cat.codes[row]]),
  }
}

/** A text column none of whose cells holds a value (its categories all missing, or nothing read at all). */
function allMissing(c: RawColumn): boolean {
  // No rows is no evidence either way (the DuckDB engine's placeholder tables hold none): keep the declared type.
  if (c.categories) return c.categories.codes.length > 0 && c.categories.codes.every((code) => code < 0)
  return c.note === EMPTY_NOTE
}

/** What the CSV reader says of a column whose every cell is empty or a missing-value token. */
export const EMPTY_NOTE = 'every cell is empty or missing'

/** `empty` (every cell missing, `rows` rows) as a column of `like`'s type. */
function missingLike(like: RawColumn, empty: RawColumn, rows: number): RawColumn {
  const type = `${like.type.split(' → ')[0]} (every cell missing)`
  if (like.values)
    return {
      name: empty.name,
      type,
      ...(like.logical ? {logical: like.logical} : {}),
      values: new Float64Array(rows).fill(Number.NaN),
      raw: () => '',
    }
  return {
    name: empty.name,
    type,
    ...(like.logical ? {logical: like.logical} : {}),
    categories: {codes: new Int32Array(rows).fill(-1), levels: like.categories?.levels ?? []},
  }
}

function kindName(kind: ColumnKind): string {
  return kind === 'number' ? 'numeric' : kind
}

/**
 * A date column as a timestamp column, to be compared with one: the values are already seconds (DATE_UNIT is
 * TIMESTAMP_UNIT), so only the logical type changes.
 */
function dateAsTimestamp(c: RawColumn): RawColumn {
  return {...c, type: `${c.type.split(' → ')[0]} → ${TIMESTAMP_UNIT}`, logical: 'timestamp'}
}

function isZeroOne(c: RawColumn): boolean {
  const v = c.values
  if (!v) return false
  let seen = false
  for (let r = 0; r < v.length; r++) {
    if (Number.isNaN(v[r])) continue
    if (v[r] !== 0 && v[r] !== 1) return false
    seen = true
  }
  return seen
}

/** A numeric 0/1 column as the boolean categories false/true (NaN: missing). */
function zeroOneAsBoolean(c: RawColumn): RawColumn {
  const v = c.values!
  const codes = new Int32Array(v.length)
  for (let r = 0; r < v.length; r++) codes[r] = Number.isNaN(v[r]) ? -1 : v[r]
  return {
    name: c.name,
    type: `${c.type} (0/1 → boolean)`,
    logical: 'boolean',
    categories: {codes, levels: ['false', 'true']},
  }
}
