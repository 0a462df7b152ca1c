import type {SampleSet} from '../core/sampleset.js'
import {standardizePair, type Standardization} from '../core/standardize.js'
import type {ReadResult} from '../io/options.js'
import {readPair, readSampleSet} from '../io/read.js'
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

/** Reads P and Q with the shared reader flags and applies `--standardize`. */
export async function loadPair(args: {p: string; q: string}, flags: ReaderFlagValues): Promise<LoadedPair> {
  const reads = await readPair(args.p, args.q, readOptionsFrom(flags))
  // The parsed columns are a second copy of each matrix; only `info` needs them, so let them be collected before
  // the comparison runs (the names and types stay).
  for (const r of [reads.p, reads.q]) r.table = {rows: r.table.rows, columns: r.table.columns.map(({name, type}) => ({name, type}))}
  const warnings = [...reads.p.warnings, ...reads.q.warnings]
  if (reads.p.set.weights || reads.q.set.weights) warnings.push('weights were normalised to sum 1 in each set')
  if (!flags.standardize) return {p: reads.p.set, q: reads.q.set, reads, warnings}
  const {p, q, standardization} = standardizePair(reads.p.set, reads.q.set)
  if (standardization.constant.length > 0) warnings.push(`--standardize: column(s) ${standardization.constant.join(', ')} are constant; centred but not scaled`)
  return {p, q, reads, standardization, warnings}
}

/** Reads one file with the shared reader flags (for `info`). */
export async function loadOne(path: string, flags: Parameters<typeof readOptionsFrom>[0]): Promise<ReadResult> {
  return readSampleSet(path, readOptionsFrom(flags))
}
