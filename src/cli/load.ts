import type {ColumnPair} from '../core/drift/types.js'
import {InputError} from '../core/errors.js'
import type {SampleSet} from '../core/sampleset.js'
import {type Standardization, standardizePair} from '../core/standardize.js'
import {createRng, sampleIndices} from '../core/stats/rng.js'
import {driftColumns} from '../io/columns.js'
import type {ReadResult} from '../io/options.js'
import {type ReadTable, readPair, readSampleSet, readTable} from '../io/read.js'
import {groupLabel, readGroups, splitByGroup, subsetTable} from '../io/split.js'
import type {RawTable} from '../io/table.js'
import {readOptionsFrom} from './flags.js'

type ReaderFlagValues = Parameters<typeof readOptionsFrom>[0] & {standardize?: boolean}

/** P and Q as a comparison command uses them: read, checked against each other, standardised if asked. */
export interface LoadedPair {
  p: SampleSet
  q: SampleSet
  reads: {p: ReadResult; q: ReadResult}
  standardization?: Standardization
  warnings: string[]
}

/** The files of a two-set command: P and Q, or one file and `--by`. */
function pairSource(args: {p: string; q?: string}, by: string | undefined): string | undefined {
  if (by !== undefined && args.q !== undefined)
    throw new InputError(`--by ${by} splits ONE file into P and Q; give one file, not two (${args.p}, ${args.q})`)
  if (by === undefined && args.q === undefined)
    throw new InputError('Q is missing: give two files, P and Q, or one file with --by COLUMN')
  return args.q
}

/** Reads P and Q with the shared reader flags (two files, or one split by `--by`) and applies `--standardize`. */
export async function loadPair(args: {p: string; q?: string}, flags: ReaderFlagValues): Promise<LoadedPair> {
  const opts = readOptionsFrom(flags)
  const second = pairSource(args, opts.by)
  const reads =
    second === undefined ? await readGroups(args.p, {...opts, by: opts.by!}) : await readPair(args.p, second, opts)
  // The parsed columns are a second copy of each matrix; only `info` needs them, so let them be collected before
  // the comparison runs (the names and types stay).
  for (const r of [reads.p, reads.q])
    r.table = {rows: r.table.rows, columns: r.table.columns.map(({name, type}) => ({name, type}))}
  const warnings = [...reads.p.warnings, ...reads.q.warnings]
  if (reads.p.set.weights || reads.q.set.weights) warnings.push('weights were normalised to sum 1 in each set')
  if (!flags.standardize) return {p: reads.p.set, q: reads.q.set, reads, warnings}
  const {p, q, standardization} = standardizePair(reads.p.set, reads.q.set)
  if (standardization.constant.length > 0)
    warnings.push(
      `--standardize: column(s) ${standardization.constant.join(', ')} are constant; centred but not scaled`,
    )
  return {p, q, reads, standardization, warnings}
}

/** Reads one file with the shared reader flags (for `info`). */
export async function loadOne(path: string, flags: Parameters<typeof readOptionsFrom>[0]): Promise<ReadResult> {
  return readSampleSet(path, readOptionsFrom(flags))
}

/** The columns `drift` compares, read from two files or one split by `--by`, with where each side came from. */
export interface LoadedColumns {
  columns: ColumnPair[]
  p: {source: string; rows: number}
  q: {source: string; rows: number}
  groups?: [string, string]
  warnings: string[]
}

/**
 * Reads P and Q for `drift`: whole tables, text columns included, every scalar column kept with its missing cells
 * (drift counts them per column). `--sample N` thins each side to N rows (seeded), `--columns` picks columns,
 * `--categorical` treats named numeric columns as categories.
 */
export async function loadColumns(
  args: {p: string; q?: string},
  flags: Parameters<typeof readOptionsFrom>[0],
  extra: {categorical?: string[]},
): Promise<LoadedColumns> {
  const opts = {...readOptionsFrom(flags), keepText: true}
  if (opts.column)
    throw new InputError(
      'drift compares scalar columns one by one; --column (a vector column) does not apply, use --columns',
    )
  if (opts.weights) throw new InputError('drift does not take --weights yet: its per-column statistics are unweighted')
  const q = pairSource(args, opts.by)
  if (q !== undefined && args.p === '-' && q === '-')
    throw new InputError('only one of P and Q can be read from stdin (-)')
  let p: ReadTable, qt: ReadTable, groups: [string, string] | undefined
  if (q === undefined) {
    if (opts.columns?.includes(opts.by!) || extra.categorical?.includes(opts.by!))
      throw new InputError(`'${opts.by}' is the --by label column; it cannot also be a feature`)
    const whole = await readTable(args.p, opts)
    const split = splitByGroup(whole.table, whole.label, opts.by!, opts.groups)
    groups = split.groups
    p = {table: split.p, format: whole.format, label: groupLabel(whole.label, opts.by!, groups[0])}
    qt = {table: split.q, format: whole.format, label: groupLabel(whole.label, opts.by!, groups[1])}
  } else {
    p = await readTable(args.p, opts)
    qt = await readTable(q, opts)
  }
  const warnings = [...(p.table.warnings ?? []), ...(qt.table.warnings ?? [])]
  const thin = (t: ReadTable, seedOffset: number): RawTable => {
    if (opts.sample === undefined || opts.sample >= t.table.rows) return t.table
    return subsetTable(
      t.table,
      Int32Array.from(sampleIndices(createRng(opts.seed + seedOffset), t.table.rows, opts.sample)).sort(),
    )
  }
  const selection = driftColumns(
    thin(p, 0),
    thin(qt, 1),
    {p: p.label, q: qt.label},
    {columns: opts.columns, categorical: extra.categorical},
  )
  return {
    columns: selection.columns,
    groups,
    p: {source: p.label, rows: p.table.rows},
    q: {source: qt.label, rows: qt.table.rows},
    warnings: [...warnings, ...selection.warnings],
  }
}
