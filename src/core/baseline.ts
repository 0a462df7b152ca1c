import {InputError} from './errors.js'
import {type SampleSet, subset} from './sampleset.js'
import {permutation, type Rng} from './stats/rng.js'

/**
 * Two disjoint random halves of P: what "the same distribution" looks like at this sample size. Comparing them
 * gives the real-vs-real baseline against which relative gates (`--max-w1-ratio`) judge P vs Q, JSD's baseline and
 * align's calibrated thresholds. Each half is a uniform ⌊n/2⌋-subset (Fisher–Yates) kept in file order, so a
 * method that depends on point order sees the halves as it would see a file; an odd n leaves one point out.
 */
export function randomHalves(p: SampleSet, rng: Rng): [SampleSet, SampleSet] {
  if (p.n < 4) throw new InputError(`a baseline splits P into two halves; P has ${p.n} rows and needs at least 4`)
  const order = permutation(rng, p.n)
  const half = Math.floor(p.n / 2)
  const first = order.slice(0, half).sort()
  const second = order.slice(half, 2 * half).sort()
  return [subset(p, first, `${p.source} (half 1)`), subset(p, second, `${p.source} (half 2)`)]
}
