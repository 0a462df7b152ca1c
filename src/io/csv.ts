import {Readable} from 'node:stream'
import Papa from 'papaparse'
import {InputError, opt} from '../core/errors.js'
import {isMissingToken, parseStrictNumber} from './number.js'
import {csvIndexColumns} from './pandas-index.js'
import {shown} from './show.js'
import type {RawColumn, RawTable} from './table.js'

/** How a delimited file is laid out: its field separator, and whether its first row names the columns. */
export interface DelimitedLayout {
  delimiter: string
  /** false: every row is data and the columns are named x0, x1, … (`--no-header`). */
  header: boolean
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

/**
 * Parses CSV or TSV text (header row unless `layout.header` is false; BOM, CRLF and quoted fields handled by
 * papaparse) into columns.
 * A column is numeric when more than half of its non-missing cells are strict numbers; its other cells become NaN
 * and are reported by the selection step with their row and raw text. papaparse was measured fastest of the
 * correct parsers (docs/design.md "Readers"); numbers are cast by our own strict rule, not dynamicTyping.
 */
export async function parseDelimited(
  source: string | NodeJS.ReadableStream,
  layout: DelimitedLayout,
  file: string,
  keepText: (name: string) => boolean = () => false,
): Promise<RawTable> {
  const {delimiter} = layout
  if (typeof source === 'string') {
    if (source.includes('\u0000'))
      throw new InputError(
        `${file} is not a text file (it contains NUL bytes); give ${opt('inputFormat')} if it is Arrow or Parquet`,
      )
    source = Readable.from(chunks(source.replace(/^\uFEFF/, '')))
  } else {
    // A BOM before a quoted first header ("x,1") would hide the quote from papaparse: strip it before parsing.
    source = Readable.from(withoutBom(source))
  }
  // Streamed (papaparse over a Node stream, `step` per row): numbers go straight into growing Float64Arrays, so
  // neither the file nor its cells are ever held as strings all at once. Measured on 1e6 × 8: 1.1 s and 126 MB
  // for the stream, 4.5 s and 417 MB for papaparse on one string (bench/RESULTS.md).
  let header: string[] | undefined
  let cols = 0
  let values: Float64Array[] = []
  let numbers: number[] = [],
    texts: number[] = []
  const invalid = new Map<number, string>()
  // keepText: each column's non-numeric fields as codes into its own levels (−1: a number or missing), so that a
  // text column can be given whole as categories at the end without holding every cell as a string.
  let textCodes: (Int32Array | undefined)[] = []
  let textLevels: Map<string, number>[] = []
  let keep: boolean[] = []
  let n = 0
  let failure: InputError | undefined
  const warnings: string[] = []
  // Without a header the first row is data; it still fixes the column count, and the names are x0, x1, ….
  const start = (names: string[]) => {
    cols = names.length
    values = names.map(() => new Float64Array(1024))
    keep = names.map((name) => keepText(name))
    textCodes = names.map((_, k) => (keep[k] ? new Int32Array(1024).fill(-1) : undefined))
    textLevels = names.map(() => new Map<string, number>())
    numbers = new Array(cols).fill(0)
    texts = new Array(cols).fill(0)
  }
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(source as NodeJS.ReadableStream as unknown as File, {
      delimiter,
      complete: () => resolve(),
      error: (error: Error) => reject(new InputError(`${file} cannot be read (${error.message.split('\n')[0]})`)),
      // Blank lines are skipped in `step` (papaparse's own 'greedy' test cost ~0.4 s per 1e6 rows).
      step: (result: Papa.ParseStepResult<string[]>, parser: Papa.Parser) => {
        const row = result.data
        if (row.length <= 1 && (row.length === 0 || row[0].trim() === '')) return
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
          values = values.map((v) => {
            const bigger = new Float64Array(v.length * 2)
            bigger.set(v)
            return bigger
          })
          textCodes = textCodes.map((v) => {
            if (!v) return v
            const bigger = new Int32Array(v.length * 2).fill(-1)
            bigger.set(v)
            return bigger
          })
        }
        for (let k = 0; k < cols; k++) {
          const field = row[k]
          const x = parseStrictNumber(field)
          values[k][n] = x
          if (!Number.isNaN(x)) numbers[k]++
          else {
            if (keep[k] && !isMissingToken(field)) {
              const levels = textLevels[k]
              const text = field.trim()
              let code = levels.get(text)
              if (code === undefined) levels.set(text, (code = levels.size))
              textCodes[k]![n] = code
            }
            invalid.set(n * cols + k, field)
            if (
              !isMissingToken(field) &&
              !/^[+-]?(inf|infinity)$/i.test(field.trim()) &&
              !/^[+-]?[\d.]+e[+-]?\d+$/i.test(field.trim())
            )
              texts[k]++
          }
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
  const columns: RawColumn[] = names.map((name, k) =>
    numbers[k] > 0 && numbers[k] > texts[k]
      ? {
          name,
          type: 'number',
          values: trimmed[k],
          raw: (row: number) => invalid.get(row * cols + k) ?? String(trimmed[k][row]),
        }
      : keep[k]
        ? {name, type: 'string', categories: textCategories(textCodes[k]!, textLevels[k], trimmed[k], n)}
        : {name, type: 'string'},
  )
  return {rows: n, columns, index: csvIndexColumns(names), ...(warnings.length > 0 ? {warnings} : {})}
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
