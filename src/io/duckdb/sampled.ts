import type {DuckDBConnection} from '@duckdb/node-api'
import {InputError, opt} from '../../core/errors.js'
import {bytesText} from '../budget.js'
import type {OutOfCore, ReadOptions, ReadTable, Sampling} from '../options.js'
import {sampleRows} from '../sample.js'
import {coordinateNames} from '../select.js'
import {shown} from '../show.js'
import type {RawColumn, RawTable} from '../table.js'
import {readDoubles} from './columns.js'
import {translate} from './errors.js'
import {openEngine} from './open.js'
import {sqlIdentifier} from './quote.js'
import {type Described, describe} from './schema.js'
import {resolveSource, type Source} from './source.js'
import {withTemporalAsNumbers} from './temporal.js'
import {withTrimmedCells} from './trimmed.js'

/**
 * The multivariate commands' reader for what the JS readers cannot hold or read (src/io/read.ts outOfCore): a
 * pattern, a hive directory, or a Parquet/CSV file over the memory budget, read through the locked DuckDB engine
 * (./open.ts) into the RawTable the JS readers give, so that src/io/select.ts chooses the columns and builds the
 * SampleSet by the same rules.
 * - What fits is read whole: every numeric column (and the `--by` label column), all rows; `--drop-missing` and
 *   `--sample N` then happen in select.ts exactly as for a file.
 * - What does not fit is sampled, `--sample` then the default: the coordinates are chosen first from the schema
 *   (select.ts coordinateNames), DuckDB flags the rows missing a value in them, `--drop-missing` keeps the others,
 *   and N of those are drawn by src/io/sample.ts sampleRows with `--seed` — the draw `--sample N` makes in memory,
 *   so on a file that also fits in memory the same rows are chosen. N is at most what the budget holds (the memory
 *   readers' decoded-size rule, src/io/budget.ts checkDecodedSize: rows × columns × 8 bytes × 3), and is that by
 *   default. Only the chosen columns of the chosen rows are kept; the rest of the file is streamed past in DuckDB's
 *   row order, which is the files' and their rows' order whatever its thread count (./columns.ts readDoubles).
 */
export async function readThroughDuckdb(
  path: string,
  opts: ReadOptions,
  route: OutOfCore,
): Promise<ReadTable & {sampling?: Sampling}> {
  if (opts.column)
    throw new InputError(
      `${path}: ${route.kind === 'file' ? 'is over the memory budget and ' : ''}${opt('column')} (a vector column) is not read through DuckDB; write the vectors to a smaller file`,
    )
  const source = resolveSource(path, opts)
  // DuckDB's own limit is not set below 256 MiB: its CSV reader takes a ~30 MiB block per file in flight (a glob of
  // 16 small CSVs failed at the 64 MiB floor of ./open.ts); the budget still bounds what JavaScript holds, the sample.
  const engine = await openEngine(
    source.files,
    Math.max(route.budget, 256 * 1024 * 1024),
    `${path} needs it (${route.kind === 'file' ? 'over the memory budget' : `a ${route.kind}`}): reinstall with npm ci, or give a file that fits in memory`,
  )
  try {
    const declared = await logicalTypes(engine.connection, source)
    const scanned = await withTrimmedCells(engine.connection, await withTemporalAsNumbers(engine.connection, source))
    const over = route.cost > route.budget
    // Over the budget the rows are counted with the rows at fault, in one scan (keptRows), not here as well.
    const described = await describe(engine.connection, scanned, !over)
    if (described.rows === 0) throw noRows(source)
    const schema = schemaTable(described, declared)
    if (!over) {
      // Whole: every numeric column, all rows, and the --by label column as categories when it is text.
      const numeric = schema.columns.filter((c) => c.values && c.name !== '').map((c) => c.name)
      const values = await read(scanned, () => readDoubles(engine.connection, scanned.scan, numeric, described.rows))
      const table = filled(schema, described.rows, numeric, values)
      const by = opts.by === undefined ? undefined : table.columns.find((c) => c.name === opts.by && !c.values)
      if (by && by.type !== 'other')
        by.categories = await read(scanned, () => readLabels(engine.connection, scanned.scan, by.name, described.rows))
      return {table, format: source.format, label: path}
    }
    if (opts.by !== undefined)
      throw new InputError(
        `${path} is over the memory budget (about ${bytesText(route.cost)} to read, ${bytesText(route.budget)} allowed); ${opt('by')} is not sampled through DuckDB yet: write P's and Q's rows to two files, or raise DIVERGENCE_MAX_BYTES`,
      )
    const {names, weights} = coordinateNames(schema, path, opts)
    const wanted = [...names, ...(weights === undefined ? [] : [weights])]
    const most = Math.floor(route.budget / (wanted.length * 8 * 3))
    if (most < 2)
      throw new InputError(
        `${path}: the ${bytesText(route.budget)} memory budget holds fewer than 2 rows of its ${wanted.length} columns; raise DIVERGENCE_MAX_BYTES`,
      )
    if (opts.sample !== undefined && opts.sample > most)
      throw new InputError(
        `${path} is over the memory budget: ${opt('sample')} ${opts.sample} rows of ${wanted.length} columns would need about ${bytesText(opts.sample * wanted.length * 24)}, more than the ${bytesText(route.budget)} budget; ask for at most ${most}, or raise DIVERGENCE_MAX_BYTES`,
      )
    const input = await onceParsed(engine.connection, scanned, wanted)
    const plan = await keptRows(engine.connection, input, names, weights, opts)
    const rows = plan.rows
    const n = opts.sample ?? most
    const drawn =
      opts.sample !== undefined || n < plan.kept.length ? sampleRows(plan.kept, n, opts.seed, path) : {rows: plan.kept}
    const picks = drawn.rows
    const values = await read(input, () => readDoubles(engine.connection, input.scan, wanted, rows, picks))
    const table: RawTable = {...filled(schema, picks.length, wanted, values), dataRows: picks}
    const warnings: string[] = []
    if (plan.dropped > 0)
      warnings.push(
        `${path}: dropped ${plan.dropped} of ${rows} rows with a missing or non-finite value (${opt('dropMissing')})`,
      )
    if (drawn.warning) warnings.push(drawn.warning)
    const sampled = picks.length < plan.kept.length
    warnings.push(
      `${path} is over the memory budget (about ${bytesText(route.cost)} to read, ${bytesText(route.budget)} allowed; DIVERGENCE_MAX_BYTES sets it): read through DuckDB, ${sampled ? `a seeded uniform sample of ${picks.length} of its ${plan.kept.length} rows (${opt('seed')} ${opts.seed}; ${opt('sample')} N sets the size, at most ${most} here)` : `all ${picks.length} rows`}`,
    )
    return {
      table,
      format: source.format,
      label: path,
      sampling: {
        engine: 'duckdb',
        reason: 'over the memory budget',
        budgetBytes: route.budget,
        rows: rows,
        dropped: plan.dropped,
        ...(plan.firstDropped ? {firstDropped: plan.firstDropped} : {}),
        eligible: plan.kept.length,
        n: picks.length,
        seed: opts.seed,
        method: sampled ? 'uniform without replacement (the --sample draw)' : 'none (every row fits)',
      },
      warnings,
    }
  } finally {
    engine.close()
  }

  async function read<T>(source: Source, f: () => Promise<T>): Promise<T> {
    try {
      return await f()
    } catch (error) {
      throw translate(error, source.files, source.label)
    }
  }
}

/**
 * A CSV side's wanted columns parsed once into a temporary table of the engine (DuckDB spills it to its own temp
 * folder past its memory limit), so that counting the rows and streaming the sample do not parse the text twice; the
 * table keeps the scan's row order (preserve_insertion_order). A Parquet side is scanned as it is: its columns are
 * read directly, and its row count is in the footer.
 */
async function onceParsed(connection: DuckDBConnection, source: Source, wanted: string[]): Promise<Source> {
  if (source.format === 'parquet') return source
  try {
    await connection.run(
      `CREATE TEMP TABLE parsed AS SELECT ${wanted.map(sqlIdentifier).join(', ')} FROM ${source.scan}`,
    )
  } catch (error) {
    throw translate(error, source.files, source.label)
  }
  return {...source, scan: 'parsed'}
}

/** The JS readers' refusal of a table without rows. */
const noRows = (source: Source) =>
  new InputError(
    `${source.label} has ${source.format === 'parquet' ? 'a schema' : 'a header'} but no data rows; a sample set needs at least one row`,
  )

/** The logical type of each date, timestamp and boolean column as the file declares it (before ./temporal.ts). */
async function logicalTypes(connection: DuckDBConnection, source: Source): Promise<Map<string, RawColumn['logical']>> {
  const out = new Map<string, RawColumn['logical']>()
  let rows: unknown[][]
  try {
    rows = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source.scan}`)).getRows()
  } catch (error) {
    throw translate(error, source.files, source.label)
  }
  for (const [name, type] of rows) {
    const t = String(type)
    if (t === 'DATE') out.set(String(name), 'date')
    else if (t.startsWith('TIMESTAMP')) out.set(String(name), 'timestamp')
    else if (t === 'BOOLEAN') out.set(String(name), 'boolean')
  }
  return out
}

/**
 * The described columns as the JS readers' RawTable shape, without values yet: numeric ones marked by an empty
 * `values` (rows 0), the others by name and type (and their logical type), as the readers leave text they do not keep.
 */
function schemaTable(side: Described, logical: Map<string, RawColumn['logical']>): RawTable {
  const columns: RawColumn[] = side.columns.map((c) => {
    const kind = logical.get(c.name)
    // Text as the JS readers name it in messages ('string'), DuckDB's name for every other type.
    const type = c.type === 'VARCHAR' ? 'string' : c.type === 'BOOLEAN' ? 'boolean' : c.type
    const base: RawColumn = {name: c.name, type, ...(kind ? {logical: kind} : {})}
    if (c.kind === 'numeric') return {...base, values: new Float64Array(0)}
    if (c.kind === 'other') return {...base, unread: `a ${c.type} column is not read`}
    return base
  })
  return {rows: 0, columns, index: side.index}
}

/** The schema with the values read for `names` (in that order); numeric columns not read keep no values. */
function filled(schema: RawTable, rows: number, names: string[], values: Float64Array[]): RawTable {
  const at = new Map(names.map((name, k) => [name, k]))
  const columns = schema.columns.map((c): RawColumn => {
    const k = at.get(c.name)
    if (k !== undefined) return {...c, values: values[k]}
    // The unnamed first CSV column (the pandas index, never queried: ./schema.ts) keeps its place, all missing.
    if (c.values && c.name === '') return {...c, values: new Float64Array(rows).fill(Number.NaN)}
    const {values: _, ...rest} = c
    return rest
  })
  return {...schema, rows, columns}
}

/** A text column's values as categories (codes in order of first appearance, −1 where NULL), streamed in row order. */
async function readLabels(
  connection: DuckDBConnection,
  scan: string,
  name: string,
  rows: number,
): Promise<{codes: Int32Array; levels: string[]}> {
  const codes = new Int32Array(rows)
  const levels: string[] = []
  const index = new Map<string, number>()
  const result = await connection.stream(`SELECT CAST(${sqlIdentifier(name)} AS VARCHAR) FROM ${scan}`)
  let at = 0
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const vector = chunk.getColumnVector(0)
    for (let i = 0; i < chunk.rowCount; i++, at++) {
      const v = vector.getItem(i) as string | null
      if (v === null) {
        codes[at] = -1
        continue
      }
      let code = index.get(v)
      if (code === undefined) {
        code = levels.push(v) - 1
        index.set(v, code)
      }
      codes[at] = code
    }
  }
  return {codes, levels}
}

/**
 * The rows a sample is drawn from: all, or under `--drop-missing` those whose coordinates and weight are finite, as
 * src/io/select.ts keptRows keeps them; without `--drop-missing` the first such row is refused as there (file row,
 * column), and a negative weight always. DuckDB first counts the rows and those at fault (one scan); only when there are some does it
 * stream, per row, which check failed first (0 none, k+1 coordinate k, then the weight's two).
 */
async function keptRows(
  connection: DuckDBConnection,
  source: Source,
  names: string[],
  weights: string | undefined,
  opts: ReadOptions,
): Promise<{rows: number; kept: Int32Array; dropped: number; firstDropped?: string}> {
  const finite = (name: string) => `coalesce(isfinite(CAST(${sqlIdentifier(name)} AS DOUBLE)), false)`
  const checks = names.map((name, k) => `WHEN NOT ${finite(name)} THEN ${k + 1}`)
  if (weights !== undefined)
    checks.push(
      `WHEN NOT ${finite(weights)} THEN ${names.length + 1}`,
      `WHEN CAST(${sqlIdentifier(weights)} AS DOUBLE) < 0 THEN ${names.length + 2}`,
    )
  const why = `CASE ${checks.join(' ')} ELSE 0 END`
  let faults: number
  let rows: number
  try {
    const row = (
      await connection.runAndReadAll(`SELECT count(*), count(*) FILTER (WHERE ${why} <> 0) FROM ${source.scan}`)
    ).getRows()
    rows = Number(row[0][0])
    faults = Number(row[0][1])
  } catch (error) {
    throw translate(error, source.files, source.label)
  }
  if (rows === 0) throw noRows(source)
  if (faults === 0) return {rows, kept: Int32Array.from({length: rows}, (_, r) => r), dropped: 0}
  const reason = (code: number) =>
    code <= names.length
      ? `column '${shown(names[code - 1])}' is empty or not a finite number`
      : `weight column '${shown(weights!)}' ${code === names.length + 1 ? 'is not a finite number' : 'is negative; weights must be ≥ 0'}`
  const keep = new Int32Array(rows)
  let kept = 0
  let firstDropped: string | undefined
  const result = await connection.stream(`SELECT ${why} FROM ${source.scan}`)
  let at = 0
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const vector = chunk.getColumnVector(0)
    for (let i = 0; i < chunk.rowCount; i++, at++) {
      const code = Number(vector.getItem(i))
      if (code === 0) {
        keep[kept++] = at
        continue
      }
      if (code === names.length + 2) throw new InputError(`${source.label}, data row ${at + 1}: ${reason(code)}`)
      if (!opts.dropMissing)
        throw new InputError(
          `${source.label}, data row ${at + 1}: ${reason(code)}; fix the file or pass ${opt('dropMissing')} to skip such rows`,
        )
      firstDropped ??= `data row ${at + 1}: ${reason(code)}`
    }
  }
  if (kept === 0) throw new InputError(`${source.label} has no data rows left after ${opt('dropMissing')}`)
  return {rows, kept: keep.subarray(0, kept), dropped: rows - kept, firstDropped}
}
