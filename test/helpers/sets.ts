/**
 * SampleSets for tests, built one way: from row-major values or from rows, columns named x0…x{d−1}. Weights are
 * passed through as given (makeSampleSet normalises them).
 */
import {makeSampleSet, type SampleSet} from '../../src/core/sampleset.js'
import {createRng} from '../../src/core/stats/rng.js'

const columnNames = (d: number) => Array.from({length: d}, (_, k) => `x${k}`)

/** n×d values in row-major order (n = data.length / d). */
export function flatSet(data: ArrayLike<number>, d: number, weights?: ArrayLike<number>, source = 't'): SampleSet {
  return makeSampleSet(
    Float64Array.from(data),
    data.length / d,
    d,
    columnNames(d),
    source,
    weights ? Float64Array.from(weights) : undefined,
  )
}

/** One row per point. */
export function rowsSet(rows: number[][], source = 't', weights?: ArrayLike<number>): SampleSet {
  return flatSet(rows.flat(), rows[0]?.length ?? 1, weights, source)
}

/** n draws of N(0, I_d) with the first coordinate shifted by `shift` (seeded; the draws in row-major order). */
export function shiftedGaussian(seed: number, n: number, d: number, shift = 0, source = 't'): SampleSet {
  const r = createRng(seed)
  return flatSet(
    Array.from({length: n * d}, (_, i) => r.normal() + (i % d === 0 ? shift : 0)),
    d,
    undefined,
    source,
  )
}
