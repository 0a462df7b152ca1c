import type {DuckDBConnection} from '@duckdb/node-api'
import {type ColumnStatistics, type CountedSide, categoricalDriftCounts} from '../../core/drift/index.js'
import {InputError, opt} from '../../core/errors.js'
import {sampleRows} from '../sample.js'
import {translate} from './errors.js'
import {sqlIdentifier} from './quote.js'
import type {ColumnKind} from './schema.js'
import type {Source} from './source.js'
import type {DriftWorkers} from './workers.js'

/**
 * The SQL the columns cost. Numeric: several columns per query (BATCH_MAX at most), each CAST to DOUBLE with NULL as
 * NaN, copied chunk by chunk from DuckDB's vectors (typed arrays, no per-value call) into one Float64Array per
 * column of the side's row count; the worker then drops NaN and ±∞ as the missing cells and sorts, exactly as the
 * in-memory engine does with the same function (src/core/drift/numeric.ts numericDrift). Categorical: value counts
 * GROUP BY the value, NULL the missing cells. DuckDB works within its memory limit (spilling to the engine's own
 * temp folder, ./open.ts).
 */
const asDouble = (column: string) => `CAST(${sqlIdentifier(column)} AS DOUBLE)`

/**
 * The most numeric columns one query reads: 8 on long columns (more saves little there, the scan cost is per
 * column), more on short ones, up to BATCH_VALUES values per side, where a query's own cost would dominate.
 */
const BATCH_MAX = 8
const BATCH_VALUES = 1 << 22

/**
 * Numeric columns `names` of one side, each a Float64Array of the side's rows (its `--sample` rows when drawn), NaN
 * where a cell is NULL.
 */
function numericColumns(connection: DuckDBConnection, side: StreamSide, names: string[]): Promise<Float64Array[]> {
  return readDoubles(connection, side.source.scan, names, side.scanRows ?? side.rows, side.picks)
}

/**
 * Columns `names` of a scan as float64 (CAST to DOUBLE, NULL as NaN), streamed chunk by chunk in the scan's row
 * order (DuckDB keeps insertion order without ORDER BY: its default preserve_insertion_order, so the order is the
 * files' sorted order and each file's row order, for any thread count). With `picks` (ascending row positions of
 * the scan) only those rows are kept, each column then of picks.length values; otherwise all `rows`, the count
 * the scan was measured to have.
 */
export async function readDoubles(
  connection: DuckDBConnection,
  scan: string,
  names: string[],
  rows: number,
  picks?: ArrayLike<number>,
): Promise<Float64Array[]> {
  const out = names.map(() => new Float64Array(picks ? picks.length : rows))
  if (names.length === 0) return out
  const select = names.map((c, k) => `coalesce(${asDouble(c)}, 'NaN'::DOUBLE) AS c${k}`).join(', ')
  const result = await connection.stream(`SELECT ${select} FROM ${scan}`)
  let at = 0
  let p = 0
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const size = chunk.rowCount
    if (at + size > rows) throw new Error(`DuckDB returned more rows than the ${rows} counted`)
    const end = p
    let last = p
    if (picks) while (last < picks.length && picks[last] < at + size) last++
    for (let k = 0; k < names.length; k++) {
      const vector = chunk.getColumnVector(k)
      // A DOUBLE vector holds its values as a Float64Array over DuckDB's own memory (@duckdb/node-api 1.5's
      // DuckDBDoubleVector, a field its types call private): one copy per chunk. Without it, value by value.
      const field = (vector as unknown as {items?: unknown}).items
      const items =
        field instanceof Float64Array && field.length >= size
          ? field
          : Float64Array.from({length: size}, (_, i) => (vector.getItem(i) as number | null) ?? Number.NaN)
      if (!picks) out[k].set(items.subarray(0, size), at)
      else for (let i = end; i < last; i++) out[k][i] = items[picks[i] - at]
    }
    p = last
    at += size
  }
  if (at !== rows) throw new Error(`DuckDB returned ${at} rows where ${rows} were counted`)
  return out
}

/**
 * One side without its rows that miss a value in any compared column (`--drop-missing`), as src/io/load.ts
 * driftRows drops them in memory: a numeric column misses NULL, NaN and ±∞; a numeric side counted as categories
 * (countedSide) NULL and NaN; a text side NULL. The scan becomes that filtered scan, its rows counted again; the
 * warning and the error are the in-memory engine's.
 */
export async function withoutMissing(
  connection: DuckDBConnection,
  side: StreamSide,
  columns: {name: string; kind: 'numeric' | 'categorical'}[],
  warnings: string[],
): Promise<StreamSide> {
  const condition = columns
    .map((c) => {
      const v = asDouble(c.name)
      if (side.kinds.get(c.name) !== 'numeric') return `${sqlIdentifier(c.name)} IS NOT NULL`
      return c.kind === 'numeric' ? `isfinite(${v})` : `(${v} IS NOT NULL AND NOT isnan(${v}))`
    })
    .join(' AND ')
  const scan = `(SELECT * FROM ${side.source.scan} WHERE ${condition || 'true'})`
  let kept: number
  try {
    kept = Number((await connection.runAndReadAll(`SELECT count(*) FROM ${scan}`)).getRows()[0][0])
  } catch (error) {
    throw translate(error, side.source.files, side.source.label)
  }
  const label = side.source.label
  if (kept < side.rows)
    warnings.push(
      `${label}: dropped ${side.rows - kept} of ${side.rows} rows with a missing value in a compared column (${opt('dropMissing')})`,
    )
  if (kept === 0) throw new InputError(`${label} has no data rows left after ${opt('dropMissing')}`)
  return {...side, source: {...side.source, scan}, rows: kept}
}

/**
 * Counts per category of one side. A numeric side (a `--categorical` column, or one whose other side is text) is
 * counted by its float64 value and named by JavaScript's String(value), as src/io/columns.ts numbersAsCategories
 * names it (DuckDB would print 1.0 where JavaScript prints 1); NaN and NULL are missing there. Counted by DuckDB
 * (GROUP BY), or, when the side is a `--sample` draw, over the drawn rows as the scan streams past.
 */
async function countedSide(
  connection: DuckDBConnection,
  side: StreamSide,
  column: string,
  kind: ColumnKind,
): Promise<CountedSide> {
  const {source, rows} = side
  const value = kind === 'numeric' ? asDouble(column) : `CAST(${sqlIdentifier(column)} AS VARCHAR)`
  const counts = new Map<string, number>()
  let present = 0
  const add = (v: unknown, c: number) => {
    if (v === null || (kind === 'numeric' && Number.isNaN(v as number))) return
    const key = kind === 'numeric' ? String(v as number) : String(v)
    counts.set(key, (counts.get(key) ?? 0) + c)
    present += c
  }
  if (side.picks) {
    const picks = side.picks
    const result = await connection.stream(`SELECT ${value} FROM ${source.scan}`)
    let at = 0
    let p = 0
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const vector = chunk.getColumnVector(0)
      for (; p < picks.length && picks[p] < at + chunk.rowCount; p++) add(vector.getItem(picks[p] - at), 1)
      at += chunk.rowCount
    }
    return {counts, missing: rows - present}
  }
  const result = await connection.runAndReadAll(
    `SELECT ${value} AS v, count(*) AS n FROM ${source.scan} WHERE ${value} IS NOT NULL GROUP BY v`,
  )
  for (const [v, c] of result.getRows()) add(v, Number(c))
  return {counts, missing: rows - present}
}

/** One side as the engine reads it: the source, its row count and each column's kind there. */
export interface StreamSide {
  source: Source
  /** The rows the statistics see: the scan's, or the `--sample` draw's. */
  rows: number
  kinds: Map<string, ColumnKind>
  /** A `--sample` draw: ascending positions in the scan (src/io/sample.ts sampleRows), of the scan's `scanRows`. */
  picks?: Int32Array
  scanRows?: number
}

/** Options of driftStatistics. */
export interface StatisticsOptions {
  bins: number
  /** Bytes the values in flight may take (src/io/budget.ts memoryBudget). */
  budget: number
  workers: DriftWorkers
  onProgress?: (done: number, total: number) => void
}

/**
 * Each chosen column's statistics, in the order given (src/core/drift/index.ts driftOfColumns takes them from here):
 * categorical columns as counts from DuckDB, numeric ones read a batch of columns per query and computed on the
 * worker threads (./workers.ts) while the next batch is read. What is held at once is bounded by the budget: with
 * a column pair of B bytes (8 bytes × both sides' rows), at most 2·batch pairs being read or waiting and `pending`
 * pairs in the workers (≈ 3 B each while sorting), batch and pending chosen so that this stays within half the
 * budget, down to one pair at a time (memory O(rows of one column), as before).
 */
export async function driftStatistics(
  connection: DuckDBConnection,
  columns: {name: string; kind: 'numeric' | 'categorical'}[],
  p: StreamSide,
  q: StreamSide,
  opts: StatisticsOptions,
): Promise<ColumnStatistics[]> {
  const read = async <T>(side: StreamSide, f: () => Promise<T>): Promise<T> => {
    try {
      return await f()
    } catch (error) {
      throw translate(error, side.source.files, side.source.label)
    }
  }
  const out = new Array<ColumnStatistics>(columns.length)
  let done = 0
  const finished = () => opts.onProgress?.(++done, columns.length)
  const numeric: number[] = []
  for (let k = 0; k < columns.length; k++) {
    const c = columns[k]
    if (c.kind === 'numeric') {
      numeric.push(k)
      continue
    }
    const cp = await read(p, () => countedSide(connection, p, c.name, p.kinds.get(c.name)!))
    const cq = await read(q, () => countedSide(connection, q, c.name, q.kinds.get(c.name)!))
    out[k] = categoricalDriftCounts(c.name, cp, cq)
    finished()
  }
  const pairBytes = 8 * Math.max(1, p.rows + q.rows)
  const units = Math.floor(opts.budget / 2 / pairBytes)
  const widest = Math.max(BATCH_MAX, Math.floor(BATCH_VALUES / Math.max(1, p.rows, q.rows)))
  const batch = Math.max(1, Math.min(widest, Math.floor(units / 4)))
  const pending = Math.max(1, Math.min(opts.workers.threads + 1, Math.floor((units - 2 * batch) / 3)))
  const readBatch = async (ks: number[]) => {
    const names = ks.map((k) => columns[k].name)
    const ps = await read(p, () => numericColumns(connection, p, names))
    const qs = await read(q, () => numericColumns(connection, q, names))
    return {ks, ps, qs}
  }
  const batches: number[][] = []
  for (let b = 0; b < numeric.length; b += batch) batches.push(numeric.slice(b, b + batch))
  const running = new Set<Promise<void>>()
  let failure: unknown
  let next = batches.length > 0 ? readBatch(batches[0]) : undefined
  for (let b = 0; b < batches.length; b++) {
    const current = await next!
    // The next batch is read while this one is computed; if the run stops early, its failure must not go unhandled.
    next = b + 1 < batches.length ? readBatch(batches[b + 1]) : undefined
    next?.catch(() => {})
    for (let i = 0; i < current.ks.length; i++) {
      while (running.size >= pending) await Promise.race(running)
      if (failure !== undefined) throw failure
      const k = current.ks[i]
      const job: Promise<void> = opts.workers
        .compute(columns[k].name, current.ps[i], current.qs[i], opts.bins)
        .then((s) => {
          out[k] = s
          finished()
        })
        .catch((error) => {
          failure ??= error
        })
        .finally(() => running.delete(job))
      running.add(job)
    }
  }
  await Promise.all(running)
  if (failure !== undefined) throw failure
  return out
}

/**
 * One side thinned to `--sample N` rows, after `--drop-missing`: the draw src/io/sample.ts sampleRows makes in memory
 * (src/io/load.ts driftRows) over the same rows in the same order, so both engines compute on the same values; its
 * warning (N not fewer than the rows) is the in-memory one.
 */
export function sampledSide(side: StreamSide, sample: number, seed: number, warnings: string[]): StreamSide {
  const positions = Int32Array.from({length: side.rows}, (_, r) => r)
  const drawn = sampleRows(positions, sample, seed, side.source.label)
  if (drawn.warning) warnings.push(drawn.warning)
  if (drawn.rows.length === side.rows) return side
  return {...side, rows: drawn.rows.length, picks: drawn.rows, scanRows: side.rows}
}
