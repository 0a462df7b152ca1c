import {statSync} from 'node:fs'
import type {StreamedStatistics} from '../core/drift/index.js'
import type {Categories, ColumnPair} from '../core/drift/types.js'
import {InputError, opt} from '../core/errors.js'
import type {SampleSet} from '../core/sampleset.js'
import {type Standardization, standardizePair} from '../core/standardize.js'
import {memoryBudget} from './budget.js'
import {driftColumns} from './columns.js'
import {driftStatistics, type StreamSide, sampledSide, withoutMissing} from './duckdb/columns.js'
import {isGlob} from './duckdb/glob.js'
import {splitSource} from './duckdb/groups.js'
import {openEngine} from './duckdb/open.js'
import {type Described, describe, placeholderTable, textCounts} from './duckdb/schema.js'
import {resolveSource} from './duckdb/source.js'
import {withTemporalAsNumbers} from './duckdb/temporal.js'
import {withTrimmedCells} from './duckdb/trimmed.js'
import {createDriftWorkers} from './duckdb/workers.js'
import type {ReadOptions, ReadResult, Sampling} from './options.js'
import {type ReadTable, readCost, readPair, readSampleSet, readTable} from './read.js'
import {sampleRows} from './sample.js'
import {shown} from './show.js'
import {groupLabel, readGroups, splitByGroup} from './split.js'
import type {RawTable} from './table.js'

/*
 * The one read path of every command (docs/formats.md): a file, or one file split by `--by`, is read into a table
 * (./read.ts), its columns chosen — the pandas index and `--exclude` left out of the default selection, `--columns`
 * picked — its rows with a missing value dropped under `--drop-missing`, then `--sample N` drawn by ./sample.ts with
 * `--seed` for P and Q alike. The comparison commands take a SampleSet per side (./select.ts); `drift` takes the
 * columns whole, text included, and counts missing cells per column unless `--drop-missing` drops their rows.
 */

/** P and Q as a comparison command uses them: read, checked against each other, standardised if asked. */
export interface LoadedPair {
  p: SampleSet
  q: SampleSet
  reads: {p: ReadResult; q: ReadResult}
  standardization?: Standardization
  /** How a side over the memory budget was read and sampled (src/io/duckdb/sampled.ts), for the report. */
  sampling?: {p?: Sampling; q?: Sampling}
  warnings: string[]
}

/** The same warning raised for P and Q (a --by group's file warnings, say) is said once. */
const once = (warnings: string[]) => [...new Set(warnings)]

/** The files of a two-set command: P and Q, or one file and `--by`. */
function pairSource(args: {p: string; q?: string}, by: string | undefined): string | undefined {
  if (by !== undefined && args.q !== undefined)
    throw new InputError(
      `${opt('by')} ${by} splits ONE file into P and Q; give one file, not two (${args.p}, ${args.q})`,
    )
  if (by === undefined && args.q === undefined)
    throw new InputError(`Q is missing: give two files, P and Q, or one file with ${opt('by')} COLUMN`)
  return args.q
}

/** Reads P and Q (two files, or one split by `opts.by`) and z-scores them with the pooled statistics if asked. */
export async function loadPair(
  args: {p: string; q?: string},
  opts: ReadOptions,
  extra: {standardize?: boolean} = {},
): Promise<LoadedPair> {
  const second = pairSource(args, opts.by)
  const split = second === undefined ? await readGroups(args.p, {...opts, by: opts.by!}) : undefined
  const reads = split ?? (await readPair(args.p, second!, opts))
  // The parsed columns are a second copy of each matrix; only `info` needs them, so let them be collected before
  // the comparison runs (the names and types stay).
  for (const r of [reads.p, reads.q])
    r.table = {rows: r.table.rows, columns: r.table.columns.map(({name, type}) => ({name, type}))}
  const warnings = once([...(split?.warnings ?? []), ...reads.p.warnings, ...reads.q.warnings])
  if (reads.p.set.weights || reads.q.set.weights) warnings.push('weights were normalised to sum 1 in each set')
  const pair = {p: reads.p, q: reads.q}
  const sampled = reads.p.sampling || reads.q.sampling ? {sampling: {p: reads.p.sampling, q: reads.q.sampling}} : {}
  if (!extra.standardize) return {p: reads.p.set, q: reads.q.set, reads: pair, warnings, ...sampled}
  const {p, q, standardization} = standardizePair(reads.p.set, reads.q.set)
  if (standardization.constant.length > 0)
    warnings.push(
      `${opt('standardize')}: column(s) ${standardization.constant.join(', ')} are constant; centred but not scaled`,
    )
  return {p, q, reads: pair, standardization, warnings, ...sampled}
}

/** Reads one file (for `info`). */
export async function loadOne(path: string, opts: ReadOptions): Promise<ReadResult> {
  return readSampleSet(path, opts)
}

/** The columns `drift` compares, read from two files or one split by `--by`, with where each side came from. */
export interface LoadedColumns {
  columns: ColumnPair[]
  p: {source: string; rows: number}
  q: {source: string; rows: number}
  groups?: [string, string]
  warnings: string[]
}

/** The rows of one column pair's side, in the order given. */
function pickRows(side: Float64Array | Categories, rows: Int32Array): Float64Array | Categories {
  if (side instanceof Float64Array) return Float64Array.from(rows, (r) => side[r])
  return {codes: Int32Array.from(rows, (r) => side.codes[r]), levels: side.levels}
}

const isMissing = (side: Float64Array | Categories, r: number) =>
  side instanceof Float64Array ? !(side[r] - side[r] === 0) : side.codes[r] < 0

/**
 * The rows of one side drift uses: all, or (`--drop-missing`) those with a value in every compared column; then
 * `--sample N` of them (./sample.ts, the convention every command shares).
 */
function driftRows(
  columns: ColumnPair[],
  side: 'p' | 'q',
  table: RawTable,
  file: string,
  opts: ReadOptions,
  warnings: string[],
): Int32Array | undefined {
  if (!opts.dropMissing && opts.sample === undefined) return undefined
  const keep = new Int32Array(table.rows)
  let kept = 0
  for (let r = 0; r < table.rows; r++) {
    if (opts.dropMissing && columns.some((c) => isMissing(c[side], r))) continue
    keep[kept++] = r
  }
  if (kept < table.rows)
    warnings.push(
      `${file}: dropped ${table.rows - kept} of ${table.rows} rows with a missing value in a compared column (${opt('dropMissing')})`,
    )
  if (kept === 0) throw new InputError(`${file} has no data rows left after ${opt('dropMissing')}`)
  const sampled = sampleRows(keep.subarray(0, kept), opts.sample, opts.seed, file)
  if (sampled.warning) warnings.push(sampled.warning)
  return sampled.rows
}

/** `--exclude` names columns that exist: a misspelt name would otherwise leave the column it meant in. */
function checkExcluded(read: ReadTable, exclude: string[]): void {
  for (const name of exclude)
    if (!read.table.columns.some((c) => c.name === name))
      throw new InputError(
        `${read.label} has no column '${shown(name)}' (${opt('exclude')}); its columns are: ${read.table.columns.map((c) => shown(c.name)).join(', ')}`,
      )
}

/** The pandas index columns of a side left out of the default selection, each named in a warning (as ./select.ts). */
function indexLeftOut(read: ReadTable, warnings: string[]): string[] {
  const index = read.table.index ?? []
  for (const name of index)
    if (read.table.columns.some((c) => c.name === name && (c.values || c.categories)))
      warnings.push(
        `${read.label}: ${name === '' ? 'the unnamed first column (the index df.to_csv() writes)' : `column '${shown(name)}' (the pandas index, by the file's metadata)`} is left out: an index is not a feature; name it in ${opt('columns')} to use it`,
      )
  return index
}

/**
 * Reads P and Q for `drift`: whole tables, text columns included, every scalar column kept with its missing cells
 * (drift counts them per column). The columns are chosen on the whole tables (src/io/columns.ts): `--columns` picks
 * them, otherwise every column both sides have except the pandas index and `--exclude`; `--categorical` treats named
 * numeric columns as categories. Then the rows: `--drop-missing` drops those with a missing value in a compared
 * column, `--sample N` thins each side to N rows, with the seed and draw every command uses (./sample.ts).
 */
export async function loadColumns(
  args: {p: string; q?: string},
  readOpts: ReadOptions,
  extra: {categorical?: string[]},
): Promise<LoadedColumns> {
  const opts = {...readOpts, keepText: true}
  if (opts.column)
    throw new InputError(
      `drift compares scalar columns one by one; ${opt('column')} (a vector column) does not apply, use ${opt('columns')}`,
    )
  if (opts.weights)
    throw new InputError(`drift does not take ${opt('weights')} yet: its per-column statistics are unweighted`)
  const q = pairSource(args, opts.by)
  if (q !== undefined && args.p === '-' && q === '-')
    throw new InputError('only one of P and Q can be read from stdin (-)')
  const warnings: string[] = []
  let p: ReadTable, qt: ReadTable, groups: [string, string] | undefined
  if (q === undefined) {
    const by = opts.by!
    if (opts.columns?.includes(by) || extra.categorical?.includes(by))
      throw new InputError(`'${shown(by)}' is the ${opt('by')} label column; it cannot also be a feature`)
    // The label column is never a feature, so excluding it as well changes nothing.
    if (opts.exclude?.includes(by)) opts.exclude = opts.exclude.filter((name) => name !== by)
    const whole = await readTable(args.p, opts)
    const split = splitByGroup(whole.table, whole.label, by, opts.groups)
    groups = split.groups
    warnings.push(...split.warnings)
    p = {table: split.p, format: whole.format, label: groupLabel(whole.label, by, groups[0])}
    qt = {table: split.q, format: whole.format, label: groupLabel(whole.label, by, groups[1])}
  } else {
    p = await readTable(args.p, opts)
    qt = await readTable(q, opts)
  }
  warnings.push(...(p.table.warnings ?? []), ...(qt.table.warnings ?? []))
  const named = opts.columns !== undefined && opts.columns.length > 0
  let exclude = opts.exclude
  if (!named) {
    for (const side of [p, qt]) checkExcluded(side, opts.exclude ?? [])
    exclude = [...new Set([...(opts.exclude ?? []), ...indexLeftOut(p, warnings), ...indexLeftOut(qt, warnings)])]
  }
  const selection = driftColumns(
    p.table,
    qt.table,
    {p: p.label, q: qt.label},
    {columns: opts.columns, categorical: extra.categorical, exclude},
  )
  warnings.push(...selection.warnings)
  const rowsP = driftRows(selection.columns, 'p', p.table, p.label, opts, warnings)
  const rowsQ = driftRows(selection.columns, 'q', qt.table, qt.label, opts, warnings)
  const columns = selection.columns.map((c) => {
    const cp = rowsP ? pickRows(c.p, rowsP) : c.p
    const cq = rowsQ ? pickRows(c.q, rowsQ) : c.q
    return {...c, p: cp, q: cq} as ColumnPair
  })
  return {
    columns,
    groups,
    p: {source: p.label, rows: p.table.rows},
    q: {source: qt.label, rows: qt.table.rows},
    warnings: once(warnings),
  }
}

/** Where `drift` reads: `auto` (the default) chooses; `duckdb` and `memory` force one (docs/drift-guide.md "Large and partitioned inputs"). */
export const ENGINES = ['auto', 'duckdb', 'memory'] as const
export type EngineChoice = (typeof ENGINES)[number]

/**
 * The engine `auto` chooses: DuckDB (src/io/duckdb/) when a path is a pattern or a directory, which the JS readers
 * cannot read, or when a file would cost more than the memory budget to read whole (its size × the reader's cost
 * per byte, src/io/read.ts PARSE_COST, over src/io/budget.ts memoryBudget: exactly when the JS reader refuses
 * it); the in-memory readers otherwise, which are faster on small files. stdin is always read in memory.
 */
export function chooseEngine(paths: string[], asked: EngineChoice = 'auto'): 'duckdb' | 'memory' {
  if (asked !== 'auto') return asked
  const budget = memoryBudget()
  for (const path of paths) {
    if (path === '-') continue
    let info
    try {
      info = statSync(path)
    } catch {
      // A path that names no file may be a pattern; a file whose name has `[`, `*` or `?` in it is that file.
      if (isGlob(path)) return 'duckdb'
      continue
    }
    if (info.isDirectory()) return 'duckdb'
    if (readCost(path, info.size) > budget) return 'duckdb'
  }
  return 'memory'
}

/** `drift`'s columns through DuckDB: what the report needs, and their statistics computed as the columns are read. */
export interface StreamedColumns extends StreamedStatistics {
  columns: {name: string; kind: 'numeric' | 'categorical'}[]
  p: {source: string; rows: number}
  q: {source: string; rows: number}
  groups?: [string, string]
  warnings: string[]
  close(): void
}

/**
 * Reads P and Q for `drift` through DuckDB (src/io/duckdb/): each path a file, a pattern or a (hive-partitioned)
 * directory; the columns chosen by the same rules as loadColumns (src/io/columns.ts driftColumns on the described
 * columns, `--exclude` checked the same way), then streamed a few pairs at a time; `--drop-missing` filters the rows in
 * DuckDB (./duckdb/columns.ts withoutMissing), then `--sample N` draws each side's rows as in memory
 * (./duckdb/columns.ts sampledSide); stdin, which DuckDB cannot scan, is refused by name. `--by` splits one
 * source (a hive directory by its partition key, say) by the rules of src/io/split.ts (./duckdb/groups.ts).
 */
export async function loadColumnsStreamed(
  args: {p: string; q?: string},
  opts: ReadOptions,
  extra: {categorical?: string[]},
): Promise<StreamedColumns> {
  if (opts.column)
    throw new InputError(
      `drift compares scalar columns one by one; ${opt('column')} (a vector column) does not apply, use ${opt('columns')}`,
    )
  if (opts.weights)
    throw new InputError(`drift does not take ${opt('weights')} yet: its per-column statistics are unweighted`)
  const q = pairSource(args, opts.by)
  if (args.p === '-' || q === '-')
    throw new InputError(
      `the DuckDB engine reads files, not stdin (-): save the input to a file and give its path, or use ${opt('engine')} memory when both inputs fit in memory`,
    )
  const by = opts.by
  if (by !== undefined) {
    if (opts.columns?.includes(by) || extra.categorical?.includes(by))
      throw new InputError(`'${shown(by)}' is the ${opt('by')} label column; it cannot also be a feature`)
    if (opts.exclude?.includes(by)) opts = {...opts, exclude: opts.exclude.filter((name) => name !== by)}
  }
  const whole = resolveSource(args.p, opts)
  const other = q === undefined ? undefined : resolveSource(q, opts)
  const engine = await openEngine([...new Set([...whole.files, ...(other?.files ?? [])])], memoryBudget())
  try {
    // Dates, timestamps and a CSV's text cells as the JS readers read them, before anything is described.
    const asNumbers = async (s: typeof whole) =>
      withTrimmedCells(engine.connection, await withTemporalAsNumbers(engine.connection, s))
    let sp = await asNumbers(whole),
      sq = other === undefined ? sp : await asNumbers(other),
      groups: [string, string] | undefined
    const warnings: string[] = []
    if (other === undefined) {
      const split = await splitSource(engine.connection, sp, await describe(engine.connection, sp), by!, opts.groups)
      sp = split.p
      sq = split.q
      groups = split.groups
      warnings.push(...split.warnings)
    }
    const dp = await describe(engine.connection, sp),
      dq = await describe(engine.connection, sq)
    const tp = {table: placeholderTable(dp), format: sp.format, label: sp.label},
      tq = {table: placeholderTable(dq), format: sq.format, label: sq.label}
    const named = opts.columns !== undefined && opts.columns.length > 0
    let exclude = opts.exclude
    if (!named) {
      for (const side of [tp, tq]) checkExcluded(side, opts.exclude ?? [])
      exclude = [...new Set([...(opts.exclude ?? []), ...indexLeftOut(tp, warnings), ...indexLeftOut(tq, warnings)])]
    }
    // Text columns both sides have, counted by DuckDB, so that an id or free-text column is left out as in memory.
    const isText = (c: Described['columns'][number]) => c.kind === 'text' && c.type !== 'BOOLEAN'
    const texts = dp.columns
      .filter((c) => isText(c) && !exclude?.includes(c.name) && !extra.categorical?.includes(c.name))
      .filter((c) => dq.columns.some((o) => o.name === c.name && isText(o)))
      .map((c) => c.name)
    const selection = driftColumns(
      tp.table,
      tq.table,
      {p: sp.label, q: sq.label},
      {
        columns: opts.columns,
        categorical: extra.categorical,
        exclude,
        textCounts: named ? undefined : await textCounts(engine.connection, sp, sq, texts),
      },
    )
    warnings.push(...selection.warnings)
    const columns = selection.columns.map((c) => ({name: c.name, kind: c.kind}))
    const kinds = (d: Described) => new Map(d.columns.map((c) => [c.name, c.kind]))
    let sideP: StreamSide = {source: sp, rows: dp.rows, kinds: kinds(dp)},
      sideQ: StreamSide = {source: sq, rows: dq.rows, kinds: kinds(dq)}
    // Each side's rows as src/io/load.ts driftRows takes them: --drop-missing, then --sample (its warnings in that order).
    const rowsOf = async (side: StreamSide) => {
      const kept = opts.dropMissing ? await withoutMissing(engine.connection, side, columns, warnings) : side
      return opts.sample === undefined ? kept : sampledSide(kept, opts.sample, opts.seed, warnings)
    }
    sideP = await rowsOf(sideP)
    sideQ = await rowsOf(sideQ)
    return {
      columns,
      // The rows read, as the in-memory engine reports them (the columns' n say what --drop-missing kept).
      p: {source: sp.label, rows: dp.rows},
      q: {source: sq.label, rows: dq.rows},
      groups,
      warnings: once(warnings),
      statistics: async ({bins, threads, onProgress}) => {
        const workers = createDriftWorkers(threads)
        try {
          return await driftStatistics(engine.connection, columns, sideP, sideQ, {
            bins,
            budget: memoryBudget(),
            workers,
            onProgress,
          })
        } finally {
          workers.close()
        }
      },
      close: engine.close,
    }
  } catch (error) {
    engine.close()
    throw error
  }
}

/**
 * `drift`'s columns by either engine (chooseEngine over the paths and `--engine`), in one shape: what the report
 * needs, and `pairs`, the column pairs whole in memory or, through DuckDB, a few columns at a time computed on worker
 * threads as they are read (read and compute interleave, so `streamed` says there is no separate read time). `close` releases DuckDB (a no-op in memory);
 * call it once the pairs are consumed.
 */
export interface DriftColumns {
  engine: 'duckdb' | 'memory'
  columns: {name: string}[]
  p: {source: string; rows: number}
  q: {source: string; rows: number}
  groups?: [string, string]
  warnings: string[]
  pairs: ColumnPair[] | StreamedStatistics
  streamed: boolean
  close(): void
}

/** Loads `drift`'s columns through the engine chosen for these paths (see DriftColumns). */
export async function loadDriftColumns(
  args: {p: string; q?: string},
  opts: ReadOptions,
  extra: {categorical?: string[]; engine?: EngineChoice},
): Promise<DriftColumns> {
  const engine = chooseEngine([args.p, ...(args.q === undefined ? [] : [args.q])], extra.engine)
  if (engine === 'duckdb') {
    const streamed = await loadColumnsStreamed(args, opts, extra)
    return {...streamed, engine, pairs: streamed, streamed: true}
  }
  const loaded = await loadColumns(args, opts, extra)
  return {...loaded, engine, pairs: loaded.columns, streamed: false, close: () => {}}
}
