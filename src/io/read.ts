import {createReadStream, statSync} from 'node:fs'
import {open, readFile, stat} from 'node:fs/promises'
import {InputError, opt} from '../core/errors.js'
import {makeSampleSet, type SampleSet} from '../core/sampleset.js'
import {bytesText, memoryBudget} from './budget.js'
import {detectFormat, hasKnownExtension} from './detect.js'
import {directoryFiles, expandGlob, isGlob} from './duckdb/glob.js'
import type {InputFormat, OutOfCore, ReadOptions, ReadResult, ReadTable} from './options.js'
import {reconcileTables} from './reconcile.js'
import {selectSampleSet} from './select.js'
import {firstLine, shown} from './show.js'
import type {RawTable} from './table.js'

export type {OutOfCore, ReadTable} from './options.js'

/** Bytes parsing roughly costs per byte of file, by format (docs/design.md "Readers"). */
export const PARSE_COST: Record<string, number> = {csv: 3, tsv: 3, arrow: 4, parquet: 8, npy: 4, npz: 8}

/** Bytes reading a file whole would cost: its size × its reader's cost per byte (PARSE_COST, by extension). */
export function readCost(file: string, size: number): number {
  return (PARSE_COST[file.split('.').pop()?.toLowerCase() ?? 'csv'] ?? 3) * size
}

/**
 * Whether a path goes to DuckDB rather than to the JS readers: a pattern or a directory, which they cannot read, or
 * a Parquet/CSV/TSV file that would cost more than the memory budget to read whole (exactly when openInput would
 * refuse it). Anything else — stdin, a file that fits, an Arrow or NumPy file (DuckDB reads neither) — stays with
 * the JS readers, which refuse what does not fit with their own message. A path that does not exist is theirs too.
 */
export function outOfCore(path: string, format?: InputFormat): OutOfCore | undefined {
  if (path === '-') return undefined
  const budget = memoryBudget()
  const costOf = (files: string[]) =>
    files.reduce((sum, f) => {
      try {
        return sum + readCost(f, statSync(f).size)
      } catch {
        return sum
      }
    }, 0)
  let info
  try {
    info = statSync(path)
  } catch {
    // A path that names no file may be a pattern; a file whose name has `[`, `*` or `?` in it is that file.
    return isGlob(path) ? {kind: 'pattern', cost: costOf(expandGlob(path)), budget} : undefined
  }
  if (info.isDirectory()) return {kind: 'directory', cost: costOf(directoryFiles(path)), budget}
  if (!info.isFile()) return undefined
  const cost = readCost(path, info.size)
  const known =
    format ??
    ({parquet: 'parquet', pq: 'parquet', csv: 'csv', tsv: 'tsv'} as const)[path.split('.').pop()?.toLowerCase() ?? '']
  if (cost <= budget || (known !== 'parquet' && known !== 'csv' && known !== 'tsv')) return undefined
  return {kind: 'file', cost, budget}
}

/** Bytes read up front to recognise the format (and to refuse binary data named .csv). */
const HEAD = 64 * 1024

/** An input, opened: its first bytes (for the format), and either all its bytes or a way to stream it as text. */
interface Input {
  head: Uint8Array
  bytes?: Uint8Array
  size: number
  text?: () => NodeJS.ReadableStream
  /** Read whole from a stream (stdin, a pipe, a FIFO), not a regular file. */
  stream?: boolean
}

/**
 * A stream read whole (stdin, a pipe, a process substitution `<(…)`, a FIFO, a character device): it has no size up
 * front, so count while reading and stop as soon as parsing what came would exceed the budget (CSV's cost per byte,
 * the smallest of the formats), instead of buffering an endless pipe.
 */
async function readWhole(stream: NodeJS.ReadableStream, label: string): Promise<Input> {
  const chunks: Buffer[] = []
  const budget = memoryBudget()
  let size = 0
  for await (const chunk of stream) {
    const piece = Buffer.from(chunk as Buffer)
    size += piece.length
    if (size * PARSE_COST.csv > budget) {
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy()
      throw new InputError(
        `${label} holds more than ${bytesText(size)}, which needs more than the ${bytesText(budget)} budget to read (a quarter of memory; DIVERGENCE_MAX_BYTES overrides it); pipe fewer rows (e.g. head -n 100001) and use ${opt('sample')} N to thin what remains`,
      )
    }
    chunks.push(piece)
  }
  const bytes = Buffer.concat(chunks)
  return {head: bytes.subarray(0, HEAD), bytes, size: bytes.length, stream: true}
}

async function openInput(path: string, stdin: NodeJS.ReadableStream): Promise<Input> {
  if (path === '-') return readWhole(stdin, 'stdin')
  let info
  try {
    info = await stat(path)
  } catch {
    throw new InputError(`${path}: no such file; check the path`)
  }
  if (info.isDirectory()) throw new InputError(`${path} is a directory, not a data file`)
  // A pipe's size is 0 whatever it carries (`stat` of /dev/fd/63 from `<(cat a.csv)`): read it as a stream.
  if (!info.isFile()) {
    try {
      return await readWhole(createReadStream(path), path)
    } catch (error) {
      if (error instanceof InputError) throw error
      throw new InputError(`${path} cannot be read (${(error as Error).message.split('\n')[0]})`)
    }
  }
  const budget = memoryBudget()
  const cost = readCost(path, info.size)
  if (cost > budget) {
    // --sample N is applied after parsing, so it cannot lower this cost; say so rather than suggest it blindly.
    throw new InputError(
      `${path} (${bytesText(info.size)}) needs about ${bytesText(cost)} to read, more than the ${bytesText(budget)} budget (a quarter of memory; DIVERGENCE_MAX_BYTES overrides it); cut it to fewer rows first (e.g. head -n 100001 for CSV) and use ${opt('sample')} N to thin what remains`,
    )
  }
  try {
    const handle = await open(path, 'r')
    const head = new Uint8Array(Math.min(HEAD, info.size))
    try {
      await handle.read(head, 0, head.length, 0)
    } finally {
      await handle.close()
    }
    return {
      head,
      size: info.size,
      text: () => createReadStream(path, {encoding: 'utf8', highWaterMark: 1 << 20}),
    }
  } catch (error) {
    throw new InputError(`${path} cannot be read (${(error as Error).message.split('\n')[0]})`)
  }
}

async function bytesOf(input: Input, path: string): Promise<Uint8Array> {
  if (input.bytes) return input.bytes
  try {
    return await readFile(path)
  } catch (error) {
    throw new InputError(`${path} cannot be read (${(error as Error).message.split('\n')[0]})`)
  }
}

/**
 * The table a comparison command reads from a path: through DuckDB when the JS readers cannot hold or read it
 * (outOfCore: a pattern, a directory, a Parquet/CSV file over the memory budget), else by readTable. `drift` has
 * its own engine choice (src/io/load.ts chooseEngine) and calls readTable directly.
 */
export async function readInputTable(
  path: string,
  opts: ReadOptions,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<ReadTable> {
  const route = outOfCore(path, opts.format)
  if (route === undefined) return readTable(path, opts, stdin)
  return (await import('./duckdb/sampled.js')).readThroughDuckdb(path, opts, route)
}

/**
 * Reads one file (or '-' for stdin: CSV, or an Arrow stream by its first bytes) into its columns, without choosing
 * any: `readSampleSet` selects from it, `--by` splits it first (src/io/split.ts), `drift` takes its columns whole.
 * CSV/TSV files are streamed; Arrow and Parquet are read whole (their readers need random access).
 */
export async function readTable(
  path: string,
  opts: ReadOptions,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<ReadTable> {
  const input = await openInput(path, stdin)
  const label = path === '-' ? 'stdin' : path
  // A stream without a telling extension (stdin, `<(…)`) is known by its first bytes: Arrow, Parquet, or CSV.
  const format = detectFormat(
    label,
    input.head,
    opts.format,
    path === '-' || (input.stream && !hasKnownExtension(path)),
  )
  if (input.size === 0) throw new InputError(`${label} is empty: a header row and at least one data row are needed`)
  // Text columns cost time and memory: all of them for drift, only the label column for --by elsewhere.
  const keepText = opts.keepText ? () => true : opts.by !== undefined ? (name: string) => name === opts.by : () => false
  let table: RawTable
  if (format === 'npy' || format === 'npz') {
    const bytes = await bytesOf(input, path)
    const read = await import('./npz.js')
    const npy = await import('./npy.js')
    // A .npy holds one array: it takes the name --column gives (so P.npy and Q.parquet --column emb share names).
    const parsed =
      format === 'npz'
        ? read.parseNpz(bytes, label, opts.column)
        : {
            table: npy.matrixTable(npy.readNpyMatrix(bytes, label), opts.column ?? npy.NPY_ARRAY_NAME),
            vector: opts.column ?? npy.NPY_ARRAY_NAME,
          }
    return {table: parsed.table, format, label, vector: parsed.vector}
  }
  // Each reader is imported only when its format is read: apache-arrow alone costs ~0.8 s of start-up (bench/RESULTS.md).
  if (format === 'parquet' || format === 'arrow') {
    const bytes = await bytesOf(input, path)
    table = await unreadableIfThrows(label, format, async () =>
      format === 'parquet'
        ? await (await import('./parquet.js')).parseParquet(bytes, label, keepText)
        : (await import('./arrow.js')).parseArrow(bytes, label, keepText),
    )
  } else {
    if (input.head.includes(0))
      throw new InputError(
        `${label} is not a text file (it contains NUL bytes); give ${opt('inputFormat')} if it is Arrow or Parquet`,
      )
    const source = input.text
      ? input.text()
      : Buffer.from(input.bytes!.buffer, input.bytes!.byteOffset, input.bytes!.byteLength).toString('utf8')
    const csv = await import('./csv.js')
    const delimiter =
      opts.delimiter ?? (format === 'tsv' ? '\t' : csv.detectDelimiter(Buffer.from(input.head).toString('utf8')))
    table = await csv.parseDelimited(
      source,
      {delimiter, header: opts.header ?? true, naValues: opts.naValues ? new Set(opts.naValues) : undefined},
      label,
      keepText,
    )
  }
  refuseRepeatedNames(table, label)
  if (table.rows === 0)
    throw new InputError(
      `${label} has ${format === 'csv' || format === 'tsv' ? 'a header' : 'a schema'} but no data rows; a sample set needs at least one row`,
    )
  return {table, format, label}
}

/**
 * The CSV reader refuses a repeated header name itself; an Arrow or Parquet schema can also repeat one (pyarrow
 * writes such a table; a damaged file did, in fuzzing), and a name must pick one column, in every command.
 */
function refuseRepeatedNames(table: RawTable, file: string): void {
  const seen = new Set<string>()
  for (const c of table.columns) {
    if (seen.has(c.name))
      throw new InputError(
        `${file}: column name '${shown(c.name)}' appears twice in the schema; rename one of them (or re-export the file if it is damaged)`,
      )
    seen.add(c.name)
  }
}

/**
 * Reads one file into a SampleSet, with the column selection, missing-value policy, weights and sampling of `opts`.
 */
export async function readSampleSet(
  path: string,
  opts: ReadOptions,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<ReadResult> {
  const read = await readInputTable(path, opts, stdin)
  return selectRead(read, read.table, read.label, read.vector && !opts.column ? {...opts, column: read.vector} : opts)
}

/**
 * selectFromTable on a read table (or on a part of it, `table`): a table DuckDB already dropped and drew the rows
 * of is selected without drawing again, and the result says what the read did (rows, dropped, its warnings, the
 * sampling).
 */
export function selectRead(read: ReadTable, table: RawTable, label: string, opts: ReadOptions): ReadResult {
  if (!read.sampling) return selectFromTable(table, read.format, label, opts)
  const result = selectFromTable(table, read.format, label, {...opts, sample: undefined})
  const s = read.sampling
  return {
    ...result,
    rows: s.rows,
    dropped: s.dropped,
    ...(s.firstDropped ? {firstDropped: s.firstDropped} : {}),
    warnings: [...result.warnings, ...(read.warnings ?? [])],
    sampling: s,
  }
}

/** The SampleSet `opts` selects from a parsed table, with what was read, dropped and skipped. */
export function selectFromTable(table: RawTable, format: InputFormat, label: string, opts: ReadOptions): ReadResult {
  const selection = selectSampleSet(table, label, opts)
  return {
    set: selection.set,
    format,
    rows: table.rows,
    dropped: selection.dropped,
    firstDropped: selection.firstDropped,
    skipped: selection.skipped,
    index: table.index ?? [],
    warnings: [...(table.warnings ?? []), ...selection.warnings],
    table,
  }
}

/**
 * Runs a binary reader: damaged Arrow or Parquet bytes reach third-party decoders (apache-arrow, hyparquet, the
 * codecs), which throw TypeErrors and RangeErrors of their own at places no check of ours anticipated (fuzzing found
 * several). Whatever they throw means this file cannot be read, so it becomes one line naming the file.
 */
async function unreadableIfThrows<T>(label: string, format: 'arrow' | 'parquet', work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(
      `${label} is not a readable ${format === 'arrow' ? 'Arrow' : 'Parquet'} file (${firstLine(error)}); it may be corrupt or truncated: re-export it`,
    )
  }
}

/**
 * Reads P and Q for a comparison: at most one from stdin, each column given one type from both files
 * (src/io/reconcile.ts), each set with ≥ 2 points and the same columns, matched by name whatever their order.
 */
export async function readPair(
  pPath: string,
  qPath: string,
  opts: ReadOptions,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<{p: ReadResult; q: ReadResult}> {
  if (pPath === '-' && qPath === '-') throw new InputError('only one of P and Q can be read from stdin (-)')
  const pt = await readInputTable(pPath, opts, stdin)
  const qt = await readInputTable(qPath, opts, stdin)
  const {p, q} = reconcileTables(
    pt.table,
    qt.table,
    {p: pt.label, q: qt.label},
    relevantColumns(pt.table, qt.table, opts),
  )
  return checkPair(selectRead(pt, p, pt.label, opts), selectRead(qt, q, qt.label, opts), opts)
}

/** Whether a column takes part in a comparison under `opts`: named, or in the default selection. */
function relevantColumns(p: RawTable, q: RawTable, opts: ReadOptions): (name: string) => boolean {
  if (opts.column) return (name) => name === opts.column || name === opts.weights
  if (opts.columns && opts.columns.length > 0) {
    const named = new Set([...opts.columns, ...(opts.weights ? [opts.weights] : [])])
    return (name) => named.has(name)
  }
  const left = new Set([...(p.index ?? []), ...(q.index ?? []), ...(opts.exclude ?? [])])
  return (name) => !left.has(name)
}

/**
 * P and Q are comparable: each with ≥ 2 points and the same columns. Columns are matched by name: Q's are put in
 * P's order when the files list them differently (with --columns both are already in its order).
 */
export function checkPair(p: ReadResult, q: ReadResult, opts: ReadOptions): {p: ReadResult; q: ReadResult} {
  for (const [name, r] of [
    ['P', p],
    ['Q', q],
  ] as const) {
    if (r.set.n < 2)
      throw new InputError(`${name} (${r.set.source}) has ${r.set.n} row; at least 2 are needed to compare sample sets`)
  }
  const pNames = p.set.columns
  const qNames = q.set.columns
  const onlyP = pNames.filter((c) => !qNames.includes(c))
  const onlyQ = qNames.filter((c) => !pNames.includes(c))
  if (!opts.columns && !opts.column && (onlyP.length > 0 || onlyQ.length > 0)) {
    const list = (names: string[]) => names.map((c) => `'${shown(c)}'`).join(', ')
    throw new InputError(
      `P (${p.set.source}) and Q (${q.set.source}) have different numeric columns (${[
        onlyP.length > 0 ? `only in P: ${list(onlyP)}` : '',
        onlyQ.length > 0 ? `only in Q: ${list(onlyQ)}` : '',
      ]
        .filter((s) => s !== '')
        .join('; ')}); pick the columns to compare with ${opt('columns')}, or leave some out with ${opt('exclude')}`,
    )
  }
  if (p.set.d !== q.set.d) {
    throw new InputError(
      `P (${p.set.source}) has ${p.set.d} columns [${pNames.map(shown).join(', ')}] but Q (${q.set.source}) has ${q.set.d} [${qNames.map(shown).join(', ')}]; pick the same columns with ${opt('columns')}`,
    )
  }
  if (!opts.column && pNames.join('\u0000') !== qNames.join('\u0000'))
    return {p, q: {...q, set: reorderColumns(q.set, pNames)}}
  return {p, q}
}

/** A SampleSet with its columns in the order `names` lists them (the same names, matched by name). */
function reorderColumns(set: SampleSet, names: string[]): SampleSet {
  const from = names.map((name) => set.columns.indexOf(name))
  const {n, d} = set
  const data = new Float64Array(n * d)
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) data[i * d + k] = set.data[i * d + from[k]]
  return makeSampleSet(data, n, d, names, set.source, set.weights)
}
