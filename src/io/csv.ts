import {Readable} from 'node:stream'
import Papa from 'papaparse'
import {InputError, opt} from '../core/errors.js'
import {
  DATE_UNIT,
  isMissingToken,
  MAX_EXACT_INTEGER,
  NEITHER_NUMBER_NOR_TEXT,
  parseBoolean,
  parseCommaNumber,
  parseIsoDate,
  parseIsoTimestamp,
  parseStrictNumber,
  SECONDS_PER_DAY,
  TIMESTAMP_UNIT,
} from './number.js'
import {csvIndexColumns} from './pandas-index.js'
import {EMPTY_NOTE} from './reconcile.js'
import {shown} from './show.js'
import type {RawColumn, RawTable} from './table.js'

/** How a delimited file is laid out: its field separator, and whether its first row names the columns. */
export interface DelimitedLayout {
  delimiter: string
  /** false: every row is data and the columns are named x0, x1, … (`--no-header`). */
  header: boolean
  /** Markers of a missing value besides pandas' defaults (`--na-values`), compared exactly after trimming. */
  naValues?: ReadonlySet<string>
  /** Whether `1,5` is the number 1.5 (default: when the separator is ';', the export of decimal-comma locales). */
  decimalComma?: boolean
}

/** Whether numbers have a decimal comma in a file with this separator: `;` files come from such locales. */
export function decimalCommaFor(delimiter: string): boolean {
  return delimiter === ';'
}

/**
 * The field separator of a CSV file guessed from its first non-blank line: a comma if it has one, else a semicolon
 * (the spreadsheet export of locales with a decimal comma), else a tab; a comma when it has none of them (one column).
 */
export function detectDelimiter(head: string): ',' | ';' | '\t' {
  const line =
    head
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((l) => l.trim() !== '') ?? ''
  if (line.includes(',')) return ','
  if (line.includes(';')) return ';'
  if (line.includes('\t')) return '\t'
  return ','
}

/** How a delimiter is written in a message. */
function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : `'${d}'`
}

/** What one column's cells were, counted while streaming, to decide its logical type at the end. */
interface CellCounts {
  numbers: number
  /** Cells neither a number, missing, an infinity nor an overflowing exponent: text that makes a column text. */
  texts: number
  bools: number
  dates: number
  timestamps: number
  /** The first few distinct text cells, for the warning that names a column left out. */
  samples: string[]
  /** The text cell first in code-unit order, for the warning of a numeric column that holds text (the same in DuckDB). */
  leastText?: string
  /** The first integer above 2⁵³ (rounded when read as a float64), if any. */
  big?: string
  /** Date/timestamp cells in seconds since the epoch (allocated at the first such cell). */
  temporal?: Float64Array
}

/**
 * Parses CSV or TSV text (header row unless `layout.header` is false; BOM, CRLF and quoted fields handled by
 * papaparse) into columns, each with one logical type:
 * - missing: an empty field, pandas' default NA tokens (number.ts PANDAS_NA_VALUES), `layout.naValues`;
 * - numeric when more than half of its non-missing cells are strict numbers (with a decimal comma when
 *   `layout.decimalComma`); its other cells become NaN and are reported by the selection step with row and text;
 * - date / timestamp when every non-missing cell is an ISO date or timestamp: seconds since 1970-01-01 (a date's at
 *   its UTC midnight);
 * - boolean when every non-missing cell is true/false in any case (pandas writes True/False);
 * - else text (read as categories only when `keepText` asks), with a note of what its cells were.
 * papaparse was measured fastest of the correct parsers (docs/design.md "Readers"); numbers are cast by our own
 * strict rule, not dynamicTyping.
 */
export async function parseDelimited(
  source: string | NodeJS.ReadableStream,
  layout: DelimitedLayout,
  file: string,
  keepText: (name: string) => boolean = () => false,
): Promise<RawTable> {
  const {delimiter} = layout
  const na = layout.naValues
  const comma = layout.decimalComma ?? decimalCommaFor(delimiter)
  // The last few pieces of text given to papaparse, to look at the raw text of a row that parsed as one empty field.
  const tail: Tail = {pieces: []}
  if (typeof source === 'string') {
    if (source.includes('\u0000'))
      throw new InputError(
        `${file} is not a text file (it contains NUL bytes); give ${opt('inputFormat')} if it is Arrow or Parquet`,
      )
    source = Readable.from(recorded(chunks(source.replace(/^\uFEFF/, '')), tail))
  } else {
    // A BOM before a quoted first header ("x,1") would hide the quote from papaparse: strip it before parsing.
    source = Readable.from(recorded(withoutBom(source), tail))
  }
  // Streamed (papaparse over a Node stream, `step` per row): numbers go straight into growing Float64Arrays, so
  // neither the file nor its cells are ever held as strings all at once. Measured on 1e6 × 8: 1.1 s and 126 MB
  // for the stream, 4.5 s and 417 MB for papaparse on one string (bench/RESULTS.md).
  let header: string[] | undefined
  let cols = 0
  let values: Float64Array[] = []
  let counts: CellCounts[] = []
  const invalid = new Map<number, string>()
  // keepText: each column's non-numeric fields as codes into its own levels (−1: a number or missing), so that a
  // text column can be given whole as categories at the end without holding every cell as a string.
  let textCodes: (Int32Array | undefined)[] = []
  let textLevels: Map<string, number>[] = []
  let keep: boolean[] = []
  let n = 0
  let failure: InputError | undefined
  const warnings: string[] = []
  // papaparse's cursor (characters consumed so far) tells a blank line from a line `""`: same field, more text.
  let cursor = 0
  // Without a header the first row is data; it still fixes the column count, and the names are x0, x1, ….
  const start = (names: string[]) => {
    cols = names.length
    values = names.map(() => new Float64Array(1024))
    keep = names.map((name) => keepText(name))
    textCodes = names.map((_, k) => (keep[k] ? new Int32Array(1024).fill(-1) : undefined))
    textLevels = names.map(() => new Map<string, number>())
    counts = names.map(() => ({numbers: 0, texts: 0, bools: 0, dates: 0, timestamps: 0, samples: []}))
  }
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(source as NodeJS.ReadableStream as unknown as File, {
      delimiter,
      complete: () => resolve(),
      error: (error: Error) => reject(new InputError(`${file} cannot be read (${error.message.split('\n')[0]})`)),
      // Blank lines are skipped in `step` (papaparse's own 'greedy' test cost ~0.4 s per 1e6 rows).
      step: (result: Papa.ParseStepResult<string[]>, parser: Papa.Parser) => {
        const row = result.data
        const from = cursor
        cursor = result.meta.cursor
        if (row.length <= 1 && (row.length === 0 || row[0].trim() === '')) {
          // pandas reads a line `""` of a one-column file as a missing value, and skips a blank line: papaparse
          // gives both as one empty field, so look for the quotes in the row's raw text.
          const quoted = row.length === 1 && row[0] === '' && cols === 1 && tailText(tail, from, cursor).includes('"')
          if (!(quoted && header)) return
        }
        if (!header && !layout.header) {
          header = row.map((_, k) => `x${k}`)
          start(header)
        } else if (!header) {
          header = row.map((h, k) => (k === 0 ? h.replace(/^\uFEFF/, '') : h).trim())
          if (header.every((h) => !Number.isNaN(parseStrictNumber(h)))) {
            warnings.push(
              `the first line of ${file} is all numbers (${header
                .slice(0, 3)
                .map((h) => `'${shown(h)}'`)
                .join(
                  ', ',
                )}${header.length > 3 ? ', …' : ''}), read as column names: if the file has no header row, give ${opt('noHeader')} (columns x0, x1, …)`,
            )
          }
          const seen = new Set<string>()
          for (const h of header) {
            if (seen.has(h)) {
              failure = new InputError(
                `${file}: column name '${shown(h)}' appears twice in the header; rename one of them`,
              )
              parser.abort()
              return
            }
            seen.add(h)
          }
          start(header)
          return
        }
        if (row.length !== cols) {
          failure = new InputError(
            `${file}: data row ${n + 1} has ${row.length} fields but the ${layout.header ? 'header' : 'first row'} has ${cols}; check the quoting, or the delimiter (read with ${delimiterName(delimiter)}; give another with ${opt('delimiter')})`,
          )
          parser.abort()
          return
        }
        if (n === values[0].length) {
          values = values.map((v) => grow(v, Number.NaN))
          textCodes = textCodes.map((v) => (v ? grow(v, -1) : v))
          for (const c of counts) if (c.temporal) c.temporal = grow(c.temporal, Number.NaN)
        }
        for (let k = 0; k < cols; k++) {
          const field = row[k]
          // A declared marker is missing even where it spells a number (`--na-values=-999`), as in pandas.
          let x = na?.has(field.trim()) ? Number.NaN : parseStrictNumber(field)
          if (Number.isNaN(x) && comma) x = parseCommaNumber(field)
          values[k][n] = x
          const c = counts[k]
          if (!Number.isNaN(x)) {
            c.numbers++
            if (Math.abs(x) >= MAX_EXACT_INTEGER && c.big === undefined && isRoundedInteger(field, x))
              c.big = field.trim()
            continue
          }
          invalid.set(n * cols + k, field)
          if (isMissingToken(field, na)) continue
          const text = field.trim()
          if (keep[k]) {
            const levels = textLevels[k]
            let code = levels.get(text)
            if (code === undefined) levels.set(text, (code = levels.size))
            textCodes[k]![n] = code
          }
          if (NEITHER_NUMBER_NOR_TEXT.test(text)) continue
          c.texts++
          if (c.samples.length < 3 && !c.samples.includes(text)) c.samples.push(text)
          if (c.leastText === undefined || text < c.leastText) c.leastText = text
          if (parseBoolean(text) !== undefined) {
            c.bools++
            continue
          }
          if (c.texts - c.bools !== c.dates + c.timestamps + 1) continue
          // Temporal cells are parsed only while every text cell so far was one (a text column stops paying).
          let t = parseIsoDate(text)
          if (!Number.isNaN(t)) {
            c.dates++
            t *= SECONDS_PER_DAY
          } else {
            t = parseIsoTimestamp(text)
            if (Number.isNaN(t)) continue
            c.timestamps++
          }
          c.temporal ??= new Float64Array(values[k].length).fill(Number.NaN)
          c.temporal[n] = t
        }
        n++
      },
    })
  })
  if (failure) throw failure
  if (!header) throw new InputError(`${file} is empty: a header row and at least one data row are needed`)
  if (header.every((h) => h === ''))
    throw new InputError(`${file} has no header row; the first line must name the columns (or give ${opt('noHeader')})`)
  const names = header
  // Trim the growth slack by copying only when it is large: a copy of every column at once would raise the peak.
  const trimmed = values.map((v) => (v.length <= n * 1.25 ? v.subarray(0, n) : v.slice(0, n)))
  const columns: RawColumn[] = names.map((name, k): RawColumn => {
    const c = counts[k]
    const raw = (row: number) => invalid.get(row * cols + k) ?? String(trimmed[k][row])
    if (c.numbers > 0 && c.numbers > c.texts) {
      if (c.big !== undefined)
        warnings.push(
          `${file}: column '${shown(name)}' holds integers beyond 2^53 (e.g. ${shown(c.big)}), which a float64 cannot hold exactly; they are rounded to the nearest float64`,
        )
      return {
        name,
        type: 'number',
        values: trimmed[k],
        raw,
        ...(c.texts > 0 ? {textCells: {count: c.texts, least: c.leastText!}} : {}),
      }
    }
    if (c.texts > 0 && c.numbers === 0 && c.dates + c.timestamps === c.texts && c.temporal) {
      const date = c.timestamps === 0
      const out = c.temporal.slice(0, n)
      return {
        name,
        type: `${date ? 'date' : 'timestamp'} → ${date ? DATE_UNIT : TIMESTAMP_UNIT}`,
        logical: date ? 'date' : 'timestamp',
        values: out,
        raw,
      }
    }
    const bool = c.texts > 0 && c.bools === c.texts && c.numbers === 0
    // Said of a column that also holds numbers (or nothing at all): why it is not numeric. Plain text needs no note.
    const note =
      c.texts === 0
        ? EMPTY_NOTE
        : c.numbers > 0
          ? `${c.texts} of ${c.texts + c.numbers} non-missing cells are text, e.g. ${c.samples.map((t) => `'${shown(t)}'`).join(', ')}`
          : undefined
    // A numeric column spoiled by a marker pandas does not know (`-`, `?`, `.`): suggest declaring it.
    const markers = c.numbers > 0 ? c.samples.filter((t) => /^[^\p{L}\p{N}\s]{1,3}$/u.test(t)) : []
    return {
      name,
      type: bool ? 'boolean' : 'string',
      ...(bool ? {logical: 'boolean' as const} : note ? {note} : {}),
      ...(markers.length > 0 ? {markers} : {}),
      ...(keep[k]
        ? {
            categories: bool
              ? booleanCategories(textCodes[k]!, textLevels[k], n)
              : textCategories(textCodes[k]!, textLevels[k], trimmed[k], n),
          }
        : {}),
    }
  })
  return {rows: n, columns, index: csvIndexColumns(names), ...(warnings.length > 0 ? {warnings} : {})}
}

/** Whether a field spells an integer that the float64 `x` read from it does not equal (beyond 2⁵³). */
function isRoundedInteger(field: string, x: number): boolean {
  const s = field.trim()
  if (!/^[+-]?\d+$/.test(s) || !Number.isInteger(x)) return false
  return BigInt(s) !== BigInt(x)
}

/** A typed array twice as long, the new half filled with `fill`. */
function grow<T extends Float64Array | Int32Array>(v: T, fill: number): T {
  const bigger = new (v.constructor as {new (n: number): T})(v.length * 2)
  bigger.fill(fill)
  bigger.set(v)
  return bigger
}

/** A boolean column's cells (any case of true/false) as the categories `false` and `true`, like Parquet's BOOLEAN. */
function booleanCategories(
  codes: Int32Array,
  levels: Map<string, number>,
  n: number,
): {codes: Int32Array; levels: string[]} {
  const to = new Int32Array(levels.size)
  for (const [text, code] of levels) to[code] = parseBoolean(text) ? 1 : 0
  const out = new Int32Array(n)
  for (let r = 0; r < n; r++) out[r] = codes[r] < 0 ? -1 : to[codes[r]]
  return {codes: out, levels: ['false', 'true']}
}

/** A text column's categories: its text fields, and its few numeric-looking fields as their numbers' text. */
function textCategories(
  codes: Int32Array,
  levels: Map<string, number>,
  numbers: Float64Array,
  n: number,
): {codes: Int32Array; levels: string[]} {
  const names = [...levels.keys()]
  const out = codes.slice(0, n)
  for (let r = 0; r < n; r++) {
    if (out[r] >= 0 || Number.isNaN(numbers[r])) continue
    const text = String(numbers[r])
    let code = levels.get(text)
    if (code === undefined) {
      levels.set(text, (code = levels.size))
      names.push(text)
    }
    out[r] = code
  }
  return {codes: out, levels: names}
}

/** The pieces of text most recently handed to papaparse, each with its offset (papaparse's cursor counts the same). */
interface Tail {
  pieces: {at: number; text: string}[]
}

/** The pieces of `source`, each remembered in `tail` (the last three) before papaparse gets it. */
async function* recorded(source: Iterable<string> | AsyncIterable<string>, tail: Tail): AsyncGenerator<string> {
  let at = 0
  for await (const text of source) {
    tail.pieces.push({at, text})
    if (tail.pieces.length > 3) tail.pieces.shift()
    at += text.length
    yield text
  }
}

/** The text between two cursor positions, as far as the remembered pieces reach. */
function tailText(tail: Tail, from: number, to: number): string {
  let out = ''
  for (const {at, text} of tail.pieces) {
    if (at + text.length <= from || at >= to) continue
    out += text.slice(Math.max(0, from - at), Math.min(text.length, to - at))
  }
  return out
}

/** A string as 1 MiB pieces, so that papaparse streams it like a file. */
function* chunks(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += 1 << 20) yield text.slice(i, i + (1 << 20))
}

/** The stream's text with a leading UTF-8 BOM removed. */
async function* withoutBom(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  let first = true
  for await (const chunk of stream) {
    yield first ? String(chunk).replace(/^\uFEFF/, '') : String(chunk)
    first = false
  }
}
