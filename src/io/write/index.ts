import {writeFile} from 'node:fs/promises'
import {extname} from 'node:path'
import {InputError, opt} from '../../core/errors.js'
import type {SampleSet} from '../../core/sampleset.js'
import type {InputFormat} from '../options.js'
import {toDelimited} from './csv.js'

const BY_EXTENSION: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.parquet': 'parquet',
  '.pq': 'parquet',
}

/** The format to write `path` in: the override, else its extension. */
export function outputFormatFor(path: string, forced?: string): InputFormat {
  const format = (forced as InputFormat | undefined) ?? BY_EXTENSION[extname(path).toLowerCase()]
  if (!format)
    throw new InputError(
      `cannot tell which format to write ${path} in; use a .csv, .tsv, .arrow or .parquet name, or ${opt('outputFormat')}`,
    )
  return format
}

/**
 * The bytes of `set` in `format`. The Arrow and Parquet writers are imported when asked for: apache-arrow alone took
 * ~0.2 CPU-s of every `gen` run, CSV or a refused flag included.
 */
export async function encode(set: SampleSet, format: InputFormat): Promise<Uint8Array> {
  switch (format) {
    case 'arrow':
      return (await import('./arrow.js')).toArrowFile(set)
    case 'parquet':
      return (await import('./parquet.js')).toParquet(set)
    case 'tsv':
      return Buffer.from(toDelimited(set, '\t'))
    default:
      return Buffer.from(toDelimited(set, ','))
  }
}

/** Writes `set` to `path` (only that path). */
export async function writeSampleSet(set: SampleSet, path: string, format: InputFormat): Promise<void> {
  try {
    await writeFile(path, await encode(set, format))
  } catch (error) {
    throw new InputError(`cannot write ${path} (${(error as Error).message.split('\n')[0]})`)
  }
}
