import {Args, Flags} from '@oclif/core'
import {DEFAULT_SEED} from '../core/stats/rng.js'
import type {InputFormat, ReadOptions} from '../io/options.js'
import {parseGroups} from '../io/split.js'
import {listFlag, parseDelimiter, parseNaValues} from './parse.js'

/** The two positional arguments of every two-set command. */
export const pairArgs = {
  p: Args.string({
    description: 'the reference set P, e.g. real data (a CSV, TSV, Arrow or Parquet file, or - for stdin)',
    required: true,
  }),
  q: Args.string({
    description: 'the compared set Q, e.g. generated samples (a file, or - for stdin); left out with --by',
    required: false,
  }),
}

/** The reader flags every command that reads files shares (same names everywhere). */
export const readerFlags = {
  'input-format': Flags.string({
    description:
      'input format, overriding the file extension (csv, tsv, arrow, parquet, npy, npz); stdin defaults to csv or an Arrow stream by its first bytes, and takes .npy/.npz by theirs',
    options: ['csv', 'tsv', 'arrow', 'parquet', 'npy', 'npz'],
    helpGroup: 'INPUT',
  }),
  columns: Flags.string({
    description: '[default: every numeric column] comma-separated numeric columns to use, same names in both files',
    helpGroup: 'INPUT',
  }),
  exclude: Flags.string({
    description: 'comma-separated columns to leave out of the default selection (a pandas index is always left out)',
    helpGroup: 'INPUT',
    exclusive: ['columns', 'column'],
  }),
  column: Flags.string({
    description:
      'one list / fixed-size-list column read as the vector (e.g. an embedding); in an .npz, the array to read (if not given: the only one, else arr_0)',
    helpGroup: 'INPUT',
    exclusive: ['columns'],
  }),
  weights: Flags.string({
    description: 'a column of non-negative sample weights (normalised to sum 1)',
    helpGroup: 'INPUT',
  }),
  'drop-missing': Flags.boolean({
    description: 'drop rows with an empty, NaN, infinite or unparsable value (and say how many) instead of failing',
    default: false,
    helpGroup: 'INPUT',
  }),
  'na-values': Flags.string({
    description:
      "comma-separated cell values that mean 'missing' besides pandas' defaults (empty, NA, N/A, n/a, #N/A, NaN, nan, null, NULL, None, <NA>, …), e.g. --na-values='-,?,.'",
    helpGroup: 'INPUT',
  }),
  delimiter: Flags.string({
    description: "[default: from the first line: , ; or tab] CSV field separator: one character, or 'tab'",
    helpGroup: 'INPUT',
  }),
  header: Flags.boolean({
    description: 'CSV/TSV: the first line names the columns; --no-header reads it as data (columns x0, x1, …)',
    default: true,
    allowNo: true,
    helpGroup: 'INPUT',
  }),
  sample: Flags.integer({
    description: 'read a uniform random subset of N rows (seeded by --seed)',
    min: 1,
    helpGroup: 'INPUT',
  }),
  seed: Flags.integer({
    description: 'seed for every random choice; same seed, same inputs ⇒ byte-identical results',
    default: DEFAULT_SEED,
    min: 0,
  }),
}

/** One file, two groups: P and Q are the rows of one file with two values of a label column. */
export const groupFlags = {
  by: Flags.string({
    description: 'split ONE file into P and Q by this label column (never a feature); give one file instead of two',
    helpGroup: 'INPUT',
  }),
  groups: Flags.string({
    description:
      'with --by: the two labels A,B (P = rows with A, Q = rows with B); optional when the column holds exactly two values (P = the value that appears first in the file, Q = the other)',
    helpGroup: 'INPUT',
    dependsOn: ['by'],
  }),
}

/** Comparison flags shared by the two-set commands. */
export const pairFlags = {
  ...readerFlags,
  ...groupFlags,
  standardize: Flags.boolean({
    description: 'z-score every column with the pooled mean/std of P ∪ Q before comparing (reported)',
    default: false,
  }),
}

/** ReadOptions from parsed reader flags. */
export function readOptionsFrom(flags: {
  'input-format'?: string
  columns?: string
  column?: string
  exclude?: string
  weights?: string
  'drop-missing'?: boolean
  'na-values'?: string
  delimiter?: string
  header?: boolean
  sample?: number
  seed: number
  by?: string
  groups?: string
}): ReadOptions {
  return {
    by: flags.by,
    groups: parseGroups(flags.groups),
    format: flags['input-format'] as InputFormat | undefined,
    columns: flags.columns ? listFlag(flags.columns) : undefined,
    column: flags.column,
    exclude: flags.exclude ? listFlag(flags.exclude) : undefined,
    weights: flags.weights,
    dropMissing: flags['drop-missing'],
    naValues: parseNaValues(flags['na-values']),
    delimiter: flags.delimiter === undefined ? undefined : parseDelimiter(flags.delimiter),
    header: flags.header,
    sample: flags.sample,
    seed: flags.seed,
  }
}
