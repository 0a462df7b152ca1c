import Papa from 'papaparse'
import {InputError} from '../core/errors.js'
import {isMissingToken, parseStrictNumber} from './number.js'
import type {RawColumn, RawTable} from './table.js'

/**
 * Parses CSV or TSV text (header row required; BOM, CRLF and quoted fields handled by papaparse) into columns.
 * A column is numeric when more than half of its non-missing cells are strict numbers; its other cells become NaN
 * and are reported by the selection step with their row and raw text. papaparse was measured fastest of the
 * correct parsers (research/ecosystem.md §3); numbers are cast by our own strict rule, not dynamicTyping.
 */
export function parseDelimited(text: string, delimiter: ',' | '\t', file: string): RawTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.trim().length === 0) throw new InputError(`${file} is empty: a header row and at least one data row are needed`)
  if (text.includes('\u0000')) throw new InputError(`${file} is not a text file (it contains NUL bytes); give --input-format if it is Arrow or Parquet`)
  const parsed = Papa.parse<string[]>(text, {delimiter, skipEmptyLines: 'greedy'})
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.code === 'UndetectableDelimiter')
  if (fatal) throw new InputError(`${file}: malformed CSV at data row ${(fatal.row ?? 0)}: ${fatal.message}`)
  const rows = parsed.data
  const header = rows[0].map((h) => h.trim())
  if (header.length === 0 || header.every((h) => h === '')) throw new InputError(`${file} has no header row`)
  const seen = new Set<string>()
  for (const h of header) {
    if (seen.has(h)) throw new InputError(`${file}: column name '${h}' appears twice in the header`)
    seen.add(h)
  }
  const n = rows.length - 1
  for (let r = 1; r <= n; r++) {
    if (rows[r].length !== header.length) {
      throw new InputError(`${file}: data row ${r} has ${rows[r].length} fields but the header has ${header.length}`)
    }
  }
  const columns: RawColumn[] = header.map((name, k) => {
    const values = new Float64Array(n)
    let numbers = 0, text = 0
    for (let r = 0; r < n; r++) {
      const field = rows[r + 1][k]
      const x = parseStrictNumber(field)
      values[r] = x
      if (!Number.isNaN(x)) numbers++
      else if (!isMissingToken(field) && !/^[+-]?(inf|infinity)$/i.test(field.trim()) && !/^[+-]?[\d.]+e[+-]?\d+$/i.test(field.trim())) text++
    }
    const numeric = numbers > 0 && numbers > text
    return numeric
      ? {name, type: 'number', values, raw: (row: number) => rows[row + 1][k]}
      : {name, type: 'string'}
  })
  return {rows: n, columns}
}
