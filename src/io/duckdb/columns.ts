import type {DuckDBConnection} from '@duckdb/node-api'
import type {CountedSide, PreparedColumn, SortedSide} from '../../core/drift/index.js'
import {translate} from './errors.js'
import {sqlIdentifier} from './quote.js'
import type {ColumnKind} from './schema.js'
import type {Source} from './source.js'

/**
 * The SQL each column costs, one column at a time, so that memory is O(rows of one column):
 * numeric: the finite values, streamed chunk by chunk into one Float64Array of the side's row count, then
 * sorted; NaN, ±∞ and NULL are the missing cells, as the JS readers count them (src/core/drift/numeric.ts
 * finiteSorted). Categorical: value counts GROUP BY the value, NULL the missing cells.
 * DuckDB works within its memory limit (spilling to the engine's own temp folder, ./open.ts).
 */
const asDouble = (column: string) => `CAST(${sqlIdentifier(column)} AS DOUBLE)`

async function sortedSide(
  connection: DuckDBConnection,
  source: Source,
  column: string,
  rows: number,
): Promise<SortedSide> {
  const value = asDouble(column)
  // The side's row count bounds the finite values: one array of that size, no second pass to count them.
  const buffer = new Float64Array(rows)
  const result = await connection.stream(
    `SELECT ${value} AS v FROM ${source.scan} WHERE ${value} IS NOT NULL AND isfinite(${value})`,
  )
  let k = 0
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const vector = chunk.getColumnVector(0)
    const size = chunk.rowCount
    if (k + size > rows) throw new Error(`column ${column}: DuckDB returned more values than the ${rows} rows counted`)
    for (let i = 0; i < size; i++) buffer[k++] = vector.getItem(i) as number
  }
  // Sorted here, not by DuckDB: the column comes whole into this array either way, so an ORDER BY buys no memory,
  // and the typed-array sort is the in-memory engine's own (src/core/drift/numeric.ts finiteSorted) and was about
  // twice as fast as DuckDB's sort plus the sorted stream on 1M doubles (bench/RESULTS.md, issue 23).
  return {sorted: buffer.subarray(0, k).sort(), missing: rows - k}
}

/**
 * Counts per category of one side. A numeric side (a `--categorical` column, or one whose other side is text) is
 * counted by its float64 value and named by JavaScript's String(value), as src/io/columns.ts numbersAsCategories
 * names it (DuckDB would print 1.0 where JavaScript prints 1); NaN and NULL are missing there.
 */
async function countedSide(
  connection: DuckDBConnection,
  source: Source,
  column: string,
  kind: ColumnKind,
  rows: number,
): Promise<CountedSide> {
  const value = kind === 'numeric' ? asDouble(column) : `CAST(${sqlIdentifier(column)} AS VARCHAR)`
  const result = await connection.runAndReadAll(
    `SELECT ${value} AS v, count(*) AS n FROM ${source.scan} WHERE ${value} IS NOT NULL GROUP BY v`,
  )
  const counts = new Map<string, number>()
  let present = 0
  for (const [v, c] of result.getRows()) {
    if (kind === 'numeric' && Number.isNaN(v as number)) continue
    const key = kind === 'numeric' ? String(v as number) : String(v)
    counts.set(key, (counts.get(key) ?? 0) + Number(c))
    present += Number(c)
  }
  return {counts, missing: rows - present}
}

/** One side as the stream needs it: the source, its row count and each column's kind there. */
export interface StreamSide {
  source: Source
  rows: number
  kinds: Map<string, ColumnKind>
}

/**
 * The chosen columns of P and Q, read one pair at a time (sorted values or counts), in the order given. The next
 * pair is read while the caller computes on the current one (DuckDB works on its own threads, the statistics on
 * this one), so at most two pairs' values are held; one query runs on the connection at a time.
 */
export async function* streamColumns(
  connection: DuckDBConnection,
  columns: {name: string; kind: 'numeric' | 'categorical'}[],
  p: StreamSide,
  q: StreamSide,
): AsyncGenerator<PreparedColumn> {
  const read = async <T>(side: StreamSide, f: () => Promise<T>): Promise<T> => {
    try {
      return await f()
    } catch (error) {
      throw translate(error, side.source.files, side.source.label)
    }
  }
  const readPair = async (c: {name: string; kind: 'numeric' | 'categorical'}): Promise<PreparedColumn> => {
    if (c.kind === 'numeric') {
      const sp = await read(p, () => sortedSide(connection, p.source, c.name, p.rows))
      const sq = await read(q, () => sortedSide(connection, q.source, c.name, q.rows))
      return {name: c.name, kind: 'numeric', p: sp, q: sq}
    }
    const cp = await read(p, () => countedSide(connection, p.source, c.name, p.kinds.get(c.name)!, p.rows))
    const cq = await read(q, () => countedSide(connection, q.source, c.name, q.kinds.get(c.name)!, q.rows))
    return {name: c.name, kind: 'categorical', p: cp, q: cq}
  }
  let next = columns.length > 0 ? readPair(columns[0]) : undefined
  for (let k = 0; k < columns.length; k++) {
    const current = await next!
    next = k + 1 < columns.length ? readPair(columns[k + 1]) : undefined
    // If the caller stops early, the read under way must not become an unhandled rejection.
    next?.catch(() => {})
    yield current
  }
}
