import {extname} from 'node:path'
import {InputError, opt} from '../core/errors.js'
import {isNpy} from './npy.js'
import {isZip} from './npz.js'
import type {InputFormat} from './options.js'

const BY_EXTENSION: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.arrows': 'arrow',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.npy': 'npy',
  '.npz': 'npz',
}

/** Whether a path's extension names a format (a pipe such as /dev/fd/63 has none: its bytes decide). */
export function hasKnownExtension(file: string): boolean {
  return BY_EXTENSION[extname(file).toLowerCase()] !== undefined
}

/** How each binary format starts, for the messages below. */
const STARTS_LIKE: Record<string, string> = {
  arrow: 'an Arrow IPC file or stream',
  parquet: 'a Parquet file (PAR1)',
  npy: 'a NumPy .npy file (\\x93NUMPY)',
  npz: 'a NumPy .npz (zip) archive (PK)',
}

const FORMAT_NAME: Record<string, string> = {arrow: 'Arrow', parquet: 'Parquet', npy: 'NumPy .npy', npz: 'NumPy .npz'}

/** What the first bytes say: Parquet (`PAR1`), Arrow file (`ARROW1`), Arrow stream (continuation marker 0xFFFFFFFF), NumPy .npy (`\x93NUMPY`), zip (.npz, `PK`), or nothing binary. */
export function sniff(bytes: Uint8Array): InputFormat | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
  if (bytes.length >= 4 && ascii(0, 4) === 'PAR1') return 'parquet'
  if (bytes.length >= 6 && ascii(0, 6) === 'ARROW1') return 'arrow'
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff)
    return 'arrow'
  if (isNpy(bytes)) return 'npy'
  if (isZip(bytes)) return 'npz'
  return undefined
}

/**
 * The format to read `file` as: `--input-format` if given (the magic bytes must not contradict it), else the
 * extension confirmed by the magic bytes, else the magic bytes alone (stdin, unknown extensions).
 */
export function detectFormat(file: string, bytes: Uint8Array, forced?: InputFormat, isStdin = false): InputFormat {
  const magic = sniff(bytes)
  const binary = (f: InputFormat) => f in STARTS_LIKE
  if (forced) {
    if (binary(forced) && magic !== forced)
      throw new InputError(
        `${file} does not start like ${STARTS_LIKE[forced]}, yet ${opt('inputFormat')} ${forced} was given; check the file or the flag`,
      )
    if (!binary(forced) && magic)
      throw new InputError(
        `${file} looks like ${FORMAT_NAME[magic]}, not ${forced}; drop ${opt('inputFormat')} or give ${opt('inputFormat')} ${magic}`,
      )
    return forced
  }
  const byExt = isStdin ? undefined : BY_EXTENSION[extname(file).toLowerCase()]
  if (byExt) {
    if (binary(byExt) && magic !== byExt) {
      throw new InputError(
        `${file} has a ${extname(file).toLowerCase()} extension but does not start like one${magic ? ` (it looks like ${magic})` : ''}: the file may be corrupt or misnamed; give ${opt('inputFormat')} to override`,
      )
    }
    if (!binary(byExt) && magic)
      throw new InputError(
        `${file} has a ${extname(file).toLowerCase()} extension but looks like ${magic}; give ${opt('inputFormat')} ${magic}`,
      )
    return byExt
  }
  if (magic) return magic
  if (isStdin) return 'csv'
  throw new InputError(
    `cannot tell the format of ${file} from its extension; give ${opt('inputFormat')} csv|tsv|arrow|parquet|npy|npz`,
  )
}
