import {accessSync, closeSync, constants, openSync, readSync, statSync} from 'node:fs'
import {extname, resolve, sep} from 'node:path'
import {InputError, opt} from '../../core/errors.js'
import {decimalCommaFor, detectDelimiter} from '../csv.js'
import {missingTokens} from '../number.js'
import type {InputFormat} from '../options.js'
import {directoryFiles, expandGlob, isGlob} from './glob.js'
import {sqlPath, sqlPathList, sqlString, sqlStringList} from './quote.js'

/** One side of a drift through DuckDB: the files it reads and the table expression that scans them. */
export interface Source {
  /** What the user gave (a file, a pattern, a directory), as reports name it. */
  label: string
  files: string[]
  format: 'parquet' | 'csv' | 'tsv'
  /** Whether the path's `key=value` directories are read as columns (hive partitioning). */
  hive: boolean
  /** The FROM expression, every path a quoted literal (./quote.ts). */
  scan: string
  /** A CSV with a header: its first file read as text rows with no header, to see the header cells as written. */
  headerScan?: string
  /** A CSV's read_csv arguments (scan is `read_csv(csvArguments)`), for a scan that also declares column types. */
  csvArguments?: string
  /** A CSV's missing cells, matched exactly (DuckDB's `nullstr`): the JS reader's tokens and the `--na-values` markers. */
  nulls?: string[]
  /** A CSV's numeric columns that hold text cells, read as NULL (./trimmed.ts): how many, and the least. */
  textCells?: Record<string, {count: number; least: string}>
}

const FORMATS: Record<string, Source['format']> = {
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.csv': 'csv',
  '.tsv': 'tsv',
}

/** The missing-value tokens of the JS CSV reader (src/io/number.ts isMissingToken), every spelling it accepts. */
const CSV_NULLS = missingTokens()

/** The first 64 KiB of a file as text, for the separator (src/io/csv.ts detectDelimiter reads its first line). */
function headOf(file: string): string {
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(64 * 1024)
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

/** The files a path names: a pattern expanded, a directory's data files (hive layout), or the one file. */
function filesOf(path: string): {files: string[]; directory: boolean} {
  let info
  try {
    info = statSync(path)
  } catch {
    // A path that names no file may be a pattern; a file whose name has `[`, `*` or `?` in it is that file.
    if (!isGlob(path)) throw new InputError(`${path}: no such file; check the path`)
    const files = expandGlob(path)
    if (files.length === 0) throw new InputError(`${path} matches no file`)
    return {files, directory: false}
  }
  if (info.isDirectory()) return {files: directoryFiles(path), directory: true}
  return {files: [resolve(path)], directory: false}
}

/** Resolves a user path for DuckDB: its files (each checked readable), their one format, and the scan. */
export function resolveSource(
  path: string,
  opts: {format?: InputFormat; delimiter?: string; header?: boolean; naValues?: string[]},
): Source {
  const {files, directory} = filesOf(path)
  const kinds = new Set<Source['format'] | undefined>(files.map((f) => FORMATS[extname(f).toLowerCase()]))
  let format: Source['format'] | undefined
  if (opts.format === 'arrow' || opts.format === 'npy' || opts.format === 'npz')
    throw new InputError(
      `${path}: the DuckDB engine reads Parquet and CSV; for ${opts.format === 'arrow' ? 'Arrow IPC' : 'NumPy files'} use ${opt('engine')} memory`,
    )
  if (opts.format) format = opts.format
  else if (kinds.size === 1 && !kinds.has(undefined)) format = [...kinds][0]!
  else {
    const odd =
      files.find((f) => FORMATS[extname(f).toLowerCase()] !== FORMATS[extname(files[0]).toLowerCase()]) ?? files[0]
    throw new InputError(
      kinds.size > 1
        ? `${path} mixes formats (${files[0]} and ${odd}); give one format per side`
        : `${odd}: unknown format (by its extension); name it with ${opt('inputFormat')} parquet|csv|tsv`,
    )
  }
  for (const f of files) {
    try {
      accessSync(f, constants.R_OK)
    } catch {
      throw new InputError(`${f} cannot be read (permission denied)`)
    }
  }
  // Partition columns only where the paths spell them: a directory given, or a pattern whose files sit in key=value folders.
  const hive = directory || files.every((f) => f.split(sep).some((s) => /^[^=]+=[^=]*$/.test(s)))
  const list = files.length === 1 ? sqlPath(files[0]) : sqlPathList(files)
  // The separator the JS reader would use (src/io/read.ts): DuckDB's own sniffer took a `;` file with decimal commas
  // for one column. Where the JS reader takes decimal commas (decimalCommaFor), DuckDB is told to as well.
  const separator =
    opts.delimiter ?? (format === 'tsv' ? '\t' : format === 'csv' ? detectDelimiter(headOf(files[0])) : ',')
  const delim =
    separator === ',' && opts.delimiter === undefined
      ? ''
      : `, delim = ${sqlString(separator)}${decimalCommaFor(separator) ? `, decimal_separator = ','` : ''}`
  // Only the empty cell is NULL here (DuckDB's default null string), so an empty header cell is told from 'NA'.
  const headerScan =
    format !== 'parquet' && opts.header !== false
      ? `read_csv(${sqlPath(files[0])}, header = false, all_varchar = true${delim})`
      : undefined
  if (format === 'parquet')
    return {label: path, files, format, hive, scan: `read_parquet(${list}, hive_partitioning = ${hive})`}
  // `--na-values` markers are missing values here too. The JS reader matches them after trimming spaces, which
  // nullstr cannot: ./trimmed.ts reads padded markers as missing afterwards.
  const nulls = [...new Set([...CSV_NULLS, ...(opts.naValues ?? [])])]
  const csvArguments = `${list}, header = ${opts.header !== false}, nullstr = ${sqlStringList(nulls)}, hive_partitioning = ${hive}${delim}`
  return {label: path, files, format: format!, hive, scan: `read_csv(${csvArguments})`, headerScan, csvArguments, nulls}
}
