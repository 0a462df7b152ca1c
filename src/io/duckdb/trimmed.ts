import type {DuckDBConnection} from '@duckdb/node-api'
import {NEITHER_NUMBER_NOR_TEXT, NUMBER} from '../number.js'
import {sqlIdentifier, sqlString} from './quote.js'
import type {Source} from './source.js'

/**
 * The characters JavaScript's String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), as a DuckDB
 * string for trim(s, characters): DuckDB's one-argument trim removes spaces only.
 */
const JS_WHITESPACE = sqlString(
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff',
)

/**
 * A JavaScript pattern of src/io/number.ts as an RE2 pattern for regexp_full_match, so both readers use one
 * definition: the anchors go (a full match anchors), the `i` flag becomes `(?i)`; `\d`, `[…]` and `(?:…)` mean the
 * same in both.
 */
const re2 = (r: RegExp) => sqlString(`${r.flags.includes('i') ? '(?i)' : ''}${r.source.replace(/^\^|\$$/g, '')}`)
/** The strict decimal syntax of parseStrictNumber. */
const STRICT_NUMBER = re2(NUMBER)
/** Infinities and overflowing exponents: neither numbers nor text to src/io/csv.ts. */
const NOT_TEXT = re2(NEITHER_NUMBER_NOR_TEXT)

/**
 * A CSV's text cells as the JS reader reads them. DuckDB's `nullstr` matches a cell exactly and keeps the spaces
 * around text, while src/io/csv.ts trims a cell before it asks whether it is missing (src/io/number.ts
 * isMissingToken), a number (parseStrictNumber) or a category, and reads a column as numbers when more of its cells
 * are numbers than text. Without this, `drift --engine duckdb` read a column of numbers with ` n/a` or `NA ` or one
 * stray word in it as text and compared it as categories, and read ` x` and `x` as two categories (a js-distance of
 * 1 where the memory engine gave 0.14). Each VARCHAR column is replaced, under its own name and in its place:
 * - when, of its trimmed cells that are not empty or a missing marker, more are finite strict decimal numbers than
 *   text (infinities and overflowing exponents are neither, as in the JS reader): by the number each cell spells,
 *   NULL for the rest (a marker that spells a number, `--na-values=-999`, is missing), with its text cells counted
 *   in `textCells` for drift's warning;
 * - otherwise by the trimmed text, NULL where that is empty or a missing marker.
 * One pass over the file decides (only when it has VARCHAR columns). Parquet, and a CSV's columns DuckDB reads as
 * other types, are left as they are (a marker that spells a number with spaces around it, in a column DuckDB reads
 * as numbers, stays a number there: docs/input.md).
 */
export async function withTrimmedCells(connection: DuckDBConnection, source: Source): Promise<Source> {
  if (source.format === 'parquet' || source.nulls === undefined) return source
  let texts: string[]
  try {
    const result = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source.scan}`)
    texts = result
      .getRows()
      .filter((r) => String(r[1]) === 'VARCHAR')
      .map((r) => String(r[0]))
  } catch {
    // Left to ./schema.ts describe, which names the file at fault.
    return source
  }
  if (texts.length === 0) return source
  // trim(c, characters) over every cell took 3.5x a plain scan of the column; most cells end in no space, so they skip it.
  const trimmed = (name: string) => {
    const c = sqlIdentifier(name)
    return `CASE WHEN contains(${JS_WHITESPACE}, left(${c}, 1)) OR contains(${JS_WHITESPACE}, right(${c}, 1)) THEN trim(${c}, ${JS_WHITESPACE}) ELSE ${c} END`
  }
  const nulls = `(${source.nulls.map(sqlString).join(', ')})`
  const missing = (t: string) => `(${t} IS NULL OR ${t} = '' OR ${t} IN ${nulls})`
  const isNumber = (t: string) =>
    `(NOT ${missing(t)} AND regexp_full_match(${t}, ${STRICT_NUMBER}) AND isfinite(TRY_CAST(${t} AS DOUBLE)))`
  // One pass: each cell trimmed once (t_k), then whether it is a number (n_k) or text (w_k), and whether trimming
  // changed it (a padded cell: only then does a text column need rewriting).
  const t = (k: number) => `t${k}`
  const trims = texts.map((name, k) => `${trimmed(name)} AS ${t(k)}, ${sqlIdentifier(name)} AS r${k}`)
  const kinds = texts.map(
    (_, k) => `${t(k)}, r${k} <> ${t(k)} AS p${k}, ${missing(t(k))} AS m${k}, ${isNumber(t(k))} AS n${k}`,
  )
  const tests = texts.flatMap((_, k) => {
    const w = `(NOT m${k} AND NOT n${k} AND NOT regexp_full_match(${t(k)}, ${NOT_TEXT}))`
    return [
      `count(*) FILTER (WHERE n${k})`,
      `count(*) FILTER (WHERE ${w})`,
      `min(${t(k)}) FILTER (WHERE ${w})`,
      `count(*) FILTER (WHERE p${k})`,
    ]
  })
  let row: unknown[]
  try {
    const query = `SELECT ${tests.join(', ')} FROM (SELECT ${kinds.join(', ')} FROM (SELECT ${trims.join(', ')} FROM ${source.scan}))`
    row = (await connection.runAndReadAll(query)).getRows()[0]
  } catch {
    return source
  }
  const textCells: NonNullable<Source['textCells']> = {}
  const replaced = texts.flatMap((name, k) => {
    const v = trimmed(name)
    const [numbers, words, least, padded] = [0, 1, 2, 3].map((i) => row[4 * k + i])
    const numeric = Number(numbers) > 0 && Number(numbers) > Number(words)
    if (numeric && Number(words) > 0) textCells[name] = {count: Number(words), least: String(least)}
    // A text column with no padded cell reads as DuckDB gives it (its exact markers are NULL already).
    if (!numeric && Number(padded) === 0) return []
    const value = numeric
      ? `CASE WHEN ${isNumber(v)} THEN CAST(${v} AS DOUBLE) END`
      : `CASE WHEN NOT ${missing(v)} THEN ${v} END`
    return [`${value} AS ${sqlIdentifier(name)}`]
  })
  if (replaced.length === 0) return {...source, textCells}
  return {...source, scan: `(SELECT * REPLACE (${replaced.join(', ')}) FROM ${source.scan})`, textCells}
}
