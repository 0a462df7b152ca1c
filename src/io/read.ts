import {createReadStream} from 'node:fs'
import {open, readFile, stat} from 'node:fs/promises'
import {InputError, opt} from '../core/errors.js'
import {bytesText, memoryBudget} from './budget.js'
import {detectFormat} from './detect.js'
import type {InputFormat, ReadOptions, ReadResult} from './options.js'
import {selectSampleSet} from './select.js'
import {firstLine, shown} from './show.js'
import type {RawTable} from './table.js'

/** Bytes parsing roughly costs per byte of file, by format (docs/design.md "Readers"). */
export const PARSE_COST: Record<string, number> = {csv: 3, tsv: 3, arrow: 4, parquet: 8}

/** Bytes read up front to recognise the format (and to refuse binary data named .csv). */
const HEAD = 64 * 1024

/** An input, opened: its first bytes (for the format), and either all its bytes or a way to stream it as text. */
interface Input {
  head: Uint8Array
  bytes?: Uint8Array
  size: number
  text?: () => NodeJS.ReadableStream
}

async function openInput(path: string, stdin: NodeJS.ReadableStream): Promise<Input> {
  if (path === '-') {
    // stdin has no size up front: count while reading and stop as soon as parsing what came would exceed the
    // budget (CSV's cost per byte, the smallest of the formats), instead of buffering an endless pipe.
    const chunks: Buffer[] = []
    const budget = memoryBudget()
    let size = 0
    for await (const chunk of stdin) {
      const piece = Buffer.from(chunk as Buffer)
      size += piece.length
      if (size * PARSE_COST.csv > budget) {
        throw new InputError(
          `stdin holds more than ${bytesText(size)}, which needs more than the ${bytesText(budget)} budget to read (a quarter of memory; DIVERGENCE_MAX_BYTES overrides it); pipe fewer rows (e.g. head -n 100001) and use ${opt('sample')} N to thin what remains`,
        )
      }
      chunks.push(piece)
    }
    const bytes = Buffer.concat(chunks)
    return {head: bytes.subarray(0, HEAD), bytes, size: bytes.length}
  }
  let info
  try {
    info = await stat(path)
  } catch {
    throw new InputError(`${path}: no such file; check the path`)
  }
  if (info.isDirectory()) throw new InputError(`${path} is a directory, not a data file`)
  const budget = memoryBudget()
  const cost = (PARSE_COST[path.split('.').pop()?.toLowerCase() ?? 'csv'] ?? 3) * info.size
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

/** A parsed file before column selection. */
export interface ReadTable {
  table: RawTable
  format: InputFormat
  /** The path, or 'stdin'. */
  label: string
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
  const format = detectFormat(label, input.head, opts.format, path === '-')
  if (input.size === 0) throw new InputError(`${label} is empty: a header row and at least one data row are needed`)
  // Text columns cost time and memory: all of them for drift, only the label column for --by elsewhere.
  const keepText = opts.keepText ? () => true : opts.by !== undefined ? (name: string) => name === opts.by : () => false
  let table: RawTable
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
    table = await csv.parseDelimited(source, {delimiter, header: opts.header ?? true}, label, keepText)
  }
  if (table.rows === 0)
    throw new InputError(
      `${label} has ${format === 'csv' || format === 'tsv' ? 'a header' : 'a schema'} but no data rows; a sample set needs at least one row`,
    )
  return {table, format, label}
}

/**
 * Reads one file into a SampleSet, with the column selection, missing-value policy, weights and sampling of `opts`.
 */
export async function readSampleSet(
  path: string,
  opts: ReadOptions,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<ReadResult> {
  const {table, format, label} = await readTable(path, opts, stdin)
  return selectFromTable(table, format, label, opts)
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
 * Reads P and Q for a comparison: at most one from stdin, each with ≥ 2 points, the same dimension, and the
 * same column names unless `--columns` named them for both.
 */
export async function readPair(
  pPath: string,
  qPath: string,
  opts: ReadOptions,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<{p: ReadResult; q: ReadResult}> {
  if (pPath === '-' && qPath === '-') throw new InputError('only one of P and Q can be read from stdin (-)')
  const p = await readSampleSet(pPath, opts, stdin)
  const q = await readSampleSet(qPath, opts, stdin)
  return checkPair(p, q, opts)
}

/** P and Q are comparable: each with ≥ 2 points, the same dimension, and the same column names unless --columns named them. */
export function checkPair(p: ReadResult, q: ReadResult, opts: ReadOptions): {p: ReadResult; q: ReadResult} {
  for (const [name, r] of [
    ['P', p],
    ['Q', q],
  ] as const) {
    if (r.set.n < 2)
      throw new InputError(`${name} (${r.set.source}) has ${r.set.n} row; at least 2 are needed to compare sample sets`)
  }
  if (p.set.d !== q.set.d) {
    throw new InputError(
      `P (${p.set.source}) has ${p.set.d} columns [${p.set.columns.map(shown).join(', ')}] but Q (${q.set.source}) has ${q.set.d} [${q.set.columns.map(shown).join(', ')}]; pick the same columns with ${opt('columns')}`,
    )
  }
  if (!opts.columns && p.set.columns.join('\u0000') !== q.set.columns.join('\u0000')) {
    throw new InputError(
      `P and Q have different column names ([${p.set.columns.map(shown).join(', ')}] vs [${q.set.columns.map(shown).join(', ')}]); name the columns to compare with ${opt('columns')}`,
    )
  }
  return {p, q}
}
