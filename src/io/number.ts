/**
 * Strict decimal number syntax: optional sign, digits with an optional fraction (or a leading dot), optional
 * exponent. `NaN`, `inf`, `Infinity`, hex, `1_000`, blanks and text are not numbers here, unlike `Number()`,
 * which reads '' as 0 and 'Infinity' as a number.
 */
export const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * Cells the CSV reader counts as neither a number nor text, in a column it may read as numbers: an infinity, or an
 * exponent too large for a float64 (`1e309`).
 */
export const NEITHER_NUMBER_NOR_TEXT = /^(?:[+-]?(?:inf|infinity)|[+-]?[\d.]+e[+-]?\d+)$/i

/** The same syntax with a decimal comma (`1,5`, `-0,25e3`): numbers of the locales whose CSV files use `;`. */
const COMMA_NUMBER = /^[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?$/

/** The finite number a field spells, or NaN (missing, invalid, or overflowing like `1e309`). */
export function parseStrictNumber(field: string): number {
  const s = field.trim()
  if (!NUMBER.test(s)) return Number.NaN
  const x = Number(s)
  return Number.isFinite(x) ? x : Number.NaN
}

/** The finite number a field spells with a decimal comma (`3,25`), or NaN; a field without a comma is not one. */
export function parseCommaNumber(field: string): number {
  const s = field.trim()
  if (!COMMA_NUMBER.test(s)) return Number.NaN
  const x = Number(s.replace(',', '.'))
  return Number.isFinite(x) ? x : Number.NaN
}

/**
 * The cells pandas' `read_csv` reads as NaN by default: `STR_NA_VALUES` in pandas/_libs/parsers.pyx (pandas 3.0.6,
 * printed by test/io/reference/pandas_na_values.py). They are compared exactly (after trimming), as pandas does.
 */
export const PANDAS_NA_VALUES: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
])

/**
 * Whether a field is a missing value: empty, one of pandas' default NA tokens, the same words in any case
 * (`NONE`, `Nan`), or one of `extra` (the markers given with `--na-values`, compared exactly after trimming).
 */
export function isMissingToken(field: string, extra?: ReadonlySet<string>): boolean {
  const s = field.trim()
  if (PANDAS_NA_VALUES.has(s) || extra?.has(s)) return true
  return MISSING_WORDS.includes(s.toLowerCase())
}

/** The words that are missing in any case. */
const MISSING_WORDS = ['nan', 'na', 'null', 'none', 'n/a']

/**
 * Every field `isMissingToken` takes for missing without `extra`, spelled out: pandas' tokens and each word in every
 * mix of cases (`N/a`, `nULL`), for a reader that matches exact strings (DuckDB's `nullstr`), so both engines read
 * the same cells as missing.
 */
export function missingTokens(): string[] {
  const cases = (w: string): string[] =>
    w === ''
      ? ['']
      : cases(w.slice(1)).flatMap((rest) => [...new Set([w[0].toLowerCase(), w[0].toUpperCase()])].map((c) => c + rest))
  return [...new Set([...PANDAS_NA_VALUES, ...MISSING_WORDS.flatMap(cases)])]
}

/** The boolean a field spells (`true`/`false` in any case: pandas writes `True`/`False`), or undefined. */
export function parseBoolean(field: string): boolean | undefined {
  const s = field.trim().toLowerCase()
  return s === 'true' ? true : s === 'false' ? false : undefined
}

export const SECONDS_PER_DAY = 86400

/** The unit a timestamp column is read in for numeric statistics (UTC; a naive timestamp is taken as UTC). */
export const TIMESTAMP_UNIT = 'seconds since 1970-01-01'
/**
 * The unit a date column is read in: the seconds of its UTC midnight, the timestamps' unit. pandas writes a datetime
 * column of midnights as `2024-01-05` in a CSV but as a timestamp in Parquet; one unit for both makes the two copies
 * of one frame give the same statistics, not days in one and seconds in the other.
 */
export const DATE_UNIT = TIMESTAMP_UNIT

/** ISO 8601 date: `2024-03-01`. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** ISO 8601 date and time, `T` or a space between (pandas writes a space), optional fraction and offset. */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

/** The days since 1970-01-01 of an ISO date (`2024-03-01`), or NaN if the field is not one or not a real date. */
export function parseIsoDate(field: string): number {
  const m = ISO_DATE.exec(field.trim())
  if (!m) return Number.NaN
  return civilDays(Number(m[1]), Number(m[2]), Number(m[3]))
}

/**
 * The seconds since 1970-01-01T00:00:00Z of an ISO timestamp (`2024-03-01 12:30:00.25`, `…T…+01:00`), or NaN.
 * Without an offset the time is taken as UTC: pandas writes naive timestamps that way, and Parquet stores a naive
 * timestamp as the same count from the epoch, so both files give the same number.
 */
export function parseIsoTimestamp(field: string): number {
  const m = ISO_TIMESTAMP.exec(field.trim())
  if (!m) return Number.NaN
  const days = civilDays(Number(m[1]), Number(m[2]), Number(m[3]))
  const h = Number(m[4]),
    min = Number(m[5]),
    s = m[6] === undefined ? 0 : Number(m[6])
  if (Number.isNaN(days) || h > 23 || min > 59 || s > 60) return Number.NaN
  let offset = 0
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1
    const digits = m[8].slice(1).replace(':', '')
    offset = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60)
  }
  // Whole seconds first, the fraction added last: 1.7e9 s holds a microsecond fraction to about 0.2 µs.
  return days * SECONDS_PER_DAY + h * 3600 + min * 60 + s - offset + (m[7] ? Number(m[7]) : 0)
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms",
 * days_from_civil), or NaN for a month or day that does not exist (`2023-02-30`).
 */
function civilDays(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return Number.NaN
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(m) ? 30 : 31
}

/** 2⁵³: above it a float64 no longer holds every integer, so an int64 value may be rounded. */
export const MAX_EXACT_INTEGER = 2 ** 53
