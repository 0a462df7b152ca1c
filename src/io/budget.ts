import {totalmem} from 'node:os'
import {InputError, opt} from '../core/errors.js'

/** How many bytes a read may use: a quarter of the machine's memory, or DIVERGENCE_MAX_BYTES. */
export function memoryBudget(): number {
  const env = Number(process.env.DIVERGENCE_MAX_BYTES)
  return Number.isFinite(env) && env > 0 ? env : totalmem() / 4
}

/** A byte count for people (B, KiB, MiB, …). */
export function bytesText(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let u = 0
  while (bytes >= 1024 && u < units.length - 1) {
    bytes /= 1024
    u++
  }
  return `${u === 0 ? bytes.toFixed(0) : bytes.toFixed(1)} ${units[u]}`
}

/**
 * Refuses, before decoding, a table whose numeric cells would not fit: rows × numeric values per row × 8 bytes,
 * three times over (the parsed columns, the row-major matrix, the decoder's pages). Compressed Parquet and Arrow
 * bodies can be many times smaller than this, so the file-size check alone would let them through.
 */
export function checkDecodedSize(file: string, rows: number, valuesPerRow: number): void {
  const cost = rows * valuesPerRow * 8 * 3
  const budget = memoryBudget()
  if (cost > budget) {
    throw new InputError(
      `${file} holds ${rows} rows × ${valuesPerRow} numbers, about ${bytesText(cost)} to decode, more than the ${bytesText(budget)} budget (a quarter of memory; DIVERGENCE_MAX_BYTES overrides it); write a file with fewer rows or columns first and use ${opt('sample')} N to thin what remains`,
    )
  }
}
