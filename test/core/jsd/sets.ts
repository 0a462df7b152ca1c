import type {SampleSet} from '../../../src/core/sampleset.js'
import {createRng} from '../../../src/core/stats/rng.js'
import {rowsSet} from '../../helpers/sets.js'

/** A SampleSet from rows. */
export function setOf(rows: number[][], source = 'test'): SampleSet {
  return rowsSet(rows, source)
}

/** n draws of N(mean, I_d) (seeded). */
export function gaussian(n: number, d: number, mean: number[], seed: number): SampleSet {
  const rng = createRng(seed)
  return setOf(Array.from({length: n}, () => Array.from({length: d}, (_, c) => mean[c] + rng.normal())))
}

/** n draws of U[a, a+1] in 1-D (seeded). */
export function uniform(n: number, a: number, seed: number): SampleSet {
  const rng = createRng(seed)
  return setOf(Array.from({length: n}, () => [a + rng.uniform()]))
}

/** JSD(N(0,1), N(μ,1)) in nats, computed by scipy quad (docs/estimators.md "KDE JSD"). */
export const GAUSSIAN_SHIFT_JSD: Record<string, number> = {'0.5': 0.030311, '1': 0.111421, '2': 0.336831, '4': 0.63272}
