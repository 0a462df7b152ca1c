import type {SampleSet} from '../core/sampleset.js'
import type {RawTable} from './table.js'

/** Input formats the readers know. */
export type InputFormat = 'csv' | 'tsv' | 'arrow' | 'parquet' | 'npy' | 'npz'

/** How to read a file into a SampleSet (the reader flags of every command). */
export interface ReadOptions {
  /** Forced format; otherwise from the extension, confirmed by magic bytes. */
  format?: InputFormat
  /** Numeric columns to use, in this order (default: every numeric column). */
  columns?: string[]
  /** Columns left out of the default selection (`--exclude`), besides a pandas index, which is always left out. */
  exclude?: string[]
  /** One list / fixed-size-list column read as the vector. */
  column?: string
  /** A column of non-negative sample weights (normalised; excluded from the coordinates). */
  weights?: string
  /** Drop rows with a missing or non-finite value instead of failing. */
  dropMissing?: boolean
  /** Cell values read as missing besides pandas' defaults (`--na-values`; CSV/TSV), compared after trimming. */
  naValues?: string[]
  /** Read a uniform random subset of this many rows (seeded). */
  sample?: number
  /** CSV field separator (default: detected from the first line: ',' ';' or tab; tab for .tsv). */
  delimiter?: string
  /** false: a CSV/TSV file has no header row; every row is data, columns x0, x1, … (default true). */
  header?: boolean
  /** Seed for --sample. */
  seed: number
  /** Also read text, boolean and dictionary columns (as RawColumn.categories): for `drift` (`--by` reads its label column's alone). */
  keepText?: boolean
  /** `--by COLUMN`: split one file into P and Q by this label column (never a feature). */
  by?: string
  /** `--groups A,B`: the labels of P and Q in the --by column (default: the two values present, P the one that appears first). */
  groups?: [string, string]
}

/**
 * How an input too large for memory was read (src/io/duckdb/sampled.ts): through DuckDB, as a seeded uniform sample
 * of its rows (the `--sample` draw) when they do not all fit. Reported with the set (`p.sampling`, `q.sampling`).
 */
export interface Sampling {
  engine: 'duckdb'
  reason: 'over the memory budget'
  /** The budget it was held to (bytes; DIVERGENCE_MAX_BYTES or a quarter of memory). */
  budgetBytes: number
  /** Rows in the input. */
  rows: number
  /** Rows dropped by `--drop-missing` before the draw, and the first of them. */
  dropped: number
  firstDropped?: string
  /** The rows the sample was drawn from (rows − dropped). */
  eligible: number
  /** The rows kept: the sample's size. */
  n: number
  seed: number
  method: string
}

/** A SampleSet and what happened while reading it. */
export interface ReadResult {
  set: SampleSet
  format: InputFormat
  /** Rows in the file before dropping/sampling. */
  rows: number
  /** Rows dropped by --drop-missing. */
  dropped: number
  /** The first of them and why, for a report that counts them instead of refusing (`info`). */
  firstDropped?: string
  /** Columns left out as a pandas index (see io/pandas-index.ts). */
  index?: string[]
  /** Non-numeric columns skipped by the default selection. */
  skipped: string[]
  warnings: string[]
  /** The parsed table, for `info` (every column, used or not). */
  table: RawTable
  /** Present when the input was over the memory budget and read through DuckDB (possibly sampled). */
  sampling?: Sampling
}

/** How a path is read when it is not one file that fits: a pattern, a directory, or a file over the budget. */
export interface OutOfCore {
  kind: 'pattern' | 'directory' | 'file'
  /** What reading it whole would cost (readCost summed over its files), and the budget it was held to. */
  cost: number
  budget: number
}

/** A parsed file before column selection. */
export interface ReadTable {
  table: RawTable
  format: InputFormat
  /** The path, or 'stdin'. */
  label: string
  /** .npy/.npz: the vector column holding the array read as the points (selected as `--column` would). */
  vector?: string
  /** Read through DuckDB over the memory budget: the rows are already dropped and drawn (src/io/duckdb/sampled.ts). */
  sampling?: Sampling
  /** What that read says (the drop and the draw), given with the selection's warnings. */
  warnings?: string[]
}
