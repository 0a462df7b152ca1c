import type {SampleSet} from '../core/sampleset.js'
import type {RawTable} from './table.js'

/** Input formats the readers know. */
export type InputFormat = 'csv' | 'tsv' | 'arrow' | 'parquet'

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
  /** Read a uniform random subset of this many rows (seeded). */
  sample?: number
  /** Seed for --sample. */
  seed: number
}

/** A SampleSet and what happened while reading it. */
export interface ReadResult {
  set: SampleSet
  format: InputFormat
  /** Rows in the file before dropping/sampling. */
  rows: number
  /** Rows dropped by --drop-missing. */
  dropped: number
  /** Columns left out as a pandas index (see io/pandas-index.ts). */
  index?: string[]
  /** Non-numeric columns skipped by the default selection. */
  skipped: string[]
  warnings: string[]
  /** The parsed table, for `info` (every column, used or not). */
  table: RawTable
}
