import {writeFile} from 'node:fs/promises'
import {extname} from 'node:path'
import {InputError, opt} from '../../core/errors.js'
import type {SampleSet} from '../../core/sampleset.js'
import type {InputFormat} from '../options.js'
import {toArrowFile} from './arrow.js'
import {toDelimited} from './csv.js'
import {toParquet} from './parquet.js'

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

/** The bytes of `set` in `format`. */
export function encode(set: SampleSet, format: InputFormat): Uint8Array {
  switch (format) {
    case 'arrow':
      return toArrowFile(set)
    case 'parquet':
      return toParquet(set)
    case 'tsv':
      return Buffer.from(toDelimited(set, '\t'))
    default:
      return Buffer.from(toDelimited(set, ','))
  }
}

/** Writes `set` to `path` (only that path). */
export async function writeSampleSet(set: SampleSet, path: string, format: InputFormat): Promise<void> {
  try {
    await writeFile(path, encode(set, format))
  } catch (error) {
    throw new InputError(`cannot write ${path} (${(error as Error).message.split('\n')[0]})`)
  }
}
