import {opt} from '../core/errors.js'
import {createRng, sampleIndices} from '../core/stats/rng.js'

/**
 * The rows `--sample N` keeps of the rows `kept` (row indices, after `--drop-missing`): N of them uniformly without
 * replacement, drawn by the RNG seeded with `seed` itself — the same seed for P and for Q, in every command (one
 * convention: docs/formats.md "Column selection, weights, sampling"). N at or above the row count keeps every row,
 * with a warning. The draw's order is kept (it is the points' order in the SampleSet).
 */
export function sampleRows(
  kept: Int32Array,
  sample: number | undefined,
  seed: number,
  file: string,
): {rows: Int32Array; warning?: string} {
  if (sample === undefined) return {rows: kept}
  if (sample >= kept.length)
    return {
      rows: kept,
      warning: `${file}: ${opt('sample')} ${sample} is not fewer than the ${kept.length} rows there are; all of them are used`,
    }
  return {rows: Int32Array.from(sampleIndices(createRng(seed), kept.length, sample), (i) => kept[i])}
}
