import type {DuckDBConnection} from '@duckdb/node-api'
import {InputError} from '../../core/errors.js'
import type {TextCounts} from '../columns.js'
import {csvIndexColumns, pandasIndexColumns} from '../pandas-index.js'
import type {RawColumn, RawTable} from '../table.js'
import {translate} from './errors.js'
import {sqlIdentifier, sqlPath} from './quote.js'
import type {Source} from './source.js'

/** How drift can use a DuckDB column type: as numbers, as categories (text, booleans, enums), or not at all. */
export type ColumnKind = 'numeric' | 'text' | 'other'

/** DuckDB's numeric types (read as float64, as the JS readers do) and its text-like types. */
export function kindOf(type: string): ColumnKind {
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(.*\))$/.test(
      type,
    )
  )
    return 'numeric'
  if (type === 'VARCHAR' || type === 'BOOLEAN' || type.startsWith('ENUM(')) return 'text'
  return 'other'
}

/** A side's columns and rows, as DuckDB describes them: names and types only, no values read. */
export interface Described {
  rows: number
  columns: {name: string; type: string; kind: ColumnKind; textCells?: {count: number; least: string}}[]
  /** Columns the first file's pandas metadata marks as the index (src/io/pandas-index.ts), as the JS reader finds them. */
  index: string[]
}

/**
 * Whether a CSV's first header cell is empty where the others are named (src/io/pandas-index.ts csvIndexColumns):
 * the index `df.to_csv()` writes. DuckDB names such a column `column00`; the JS reader calls it '' and leaves it out.
 */
async function unnamedFirstColumn(connection: DuckDBConnection, source: Source): Promise<boolean> {
  if (!source.headerScan) return false
  const rows = (await connection.runAndReadAll(`SELECT * FROM ${source.headerScan} LIMIT 1`)).getRows()
  if (rows.length === 0) return false
  return csvIndexColumns(rows[0].map((cell) => (cell === null ? '' : String(cell)))).length > 0
}

/** The pandas index columns a Parquet file's key-value metadata names (none for CSV or without pandas metadata). */
async function pandasIndex(connection: DuckDBConnection, source: Source, names: string[]): Promise<string[]> {
  if (source.format !== 'parquet') return []
  const result = await connection.runAndReadAll(
    `SELECT decode(value) FROM parquet_kv_metadata(${sqlPath(source.files[0])}) WHERE decode(key) = 'pandas'`,
  )
  const rows = result.getRows()
  return pandasIndexColumns(rows.length > 0 ? String(rows[0][0]) : undefined, names)
}

async function columnsOf(connection: DuckDBConnection, scan: string): Promise<{name: string; type: string}[]> {
  const result = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${scan}`)
  return result.getRows().map((r) => ({name: String(r[0]), type: String(r[1])}))
}

/**
 * The columns and row count of a side. Files of one side must agree on their columns (names and types, in order):
 * the first that does not is named with what differs, rather than letting DuckDB widen or fail somewhere later.
 */
export async function describe(
  connection: DuckDBConnection,
  source: Source,
  /** false: leave the rows uncounted (NaN), for a caller that counts them in a scan of its own (a CSV count is a parse). */
  countRows = true,
): Promise<Described> {
  try {
    if (source.format === 'parquet' && source.files.length > 1) {
      const shape = (cs: {name: string; type: string}[]) => cs.map((c) => `${c.name} ${c.type}`).join(', ')
      const first = shape(await columnsOf(connection, `read_parquet(${sqlPath(source.files[0])})`))
      for (const f of source.files.slice(1)) {
        let here: string
        try {
          here = shape(await columnsOf(connection, `read_parquet(${sqlPath(f)})`))
        } catch (error) {
          throw translate(error, [f], f)
        }
        if (here !== first)
          throw new InputError(
            `${f} does not have the same columns as ${source.files[0]} (${here} vs ${first}); the files of one side must share one schema`,
          )
      }
    }
    const columns = (await columnsOf(connection, source.scan)).map((c) => ({
      ...c,
      kind: kindOf(c.type),
      ...(source.textCells?.[c.name] ? {textCells: source.textCells[c.name]} : {}),
    }))
    const count = countRows
      ? Number((await connection.runAndReadAll(`SELECT count(*) FROM ${source.scan}`)).getRows()[0][0])
      : Number.NaN
    const index = await pandasIndex(
      connection,
      source,
      columns.map((c) => c.name),
    )
    if (columns.length > 0 && (await unnamedFirstColumn(connection, source))) {
      // Named '' as the JS reader names it, so the selection leaves it out with the same warning; never queried.
      columns[0] = {...columns[0], name: ''}
      index.push('')
    }
    return {rows: count, columns, index}
  } catch (error) {
    throw translate(error, source.files, source.label)
  }
}

/**
 * A described side as a table of empty columns of the right kinds, so that the in-memory path's choice of columns
 * (src/io/columns.ts driftColumns: `--columns`, `--categorical`, `--exclude`, one-sided columns) applies unchanged.
 */
export function placeholderTable(side: Described): RawTable {
  const columns: RawColumn[] = side.columns.map((c) =>
    c.kind === 'numeric'
      ? {name: c.name, type: c.type, values: new Float64Array(0), ...(c.textCells ? {textCells: c.textCells} : {})}
      : c.kind === 'text'
        ? {name: c.name, type: c.type, categories: {codes: new Int32Array(0), levels: []}}
        : {name: c.name, type: c.type},
  )
  return {rows: side.rows, columns, index: side.index}
}

/**
 * The distinct non-missing values over both sides, and the non-missing cells, of text columns `names` (VARCHAR and
 * ENUM on both sides; booleans are never high-cardinality), as src/io/columns.ts counts them on held values: one
 * query per column over P's and Q's scans.
 */
export async function textCounts(
  connection: DuckDBConnection,
  p: Source,
  q: Source,
  names: string[],
): Promise<TextCounts> {
  const out: TextCounts = new Map()
  for (const name of names) {
    const v = `CAST(${sqlIdentifier(name)} AS VARCHAR)`
    const both = `SELECT ${v} AS v FROM ${p.scan} UNION ALL SELECT ${v} AS v FROM ${q.scan}`
    try {
      const row = (await connection.runAndReadAll(`SELECT count(DISTINCT v), count(v) FROM (${both})`)).getRows()[0]
      out.set(name, {distinct: Number(row[0]), cells: Number(row[1])})
    } catch (error) {
      throw translate(error, [...p.files, ...q.files], `${p.label} or ${q.label}`)
    }
  }
  return out
}
