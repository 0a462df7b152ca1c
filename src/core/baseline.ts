import {InputError} from './errors.js'
import {type SampleSet, subset} from './sampleset.js'
import {permutation, type Rng} from './stats/rng.js'

/**
 * Two disjoint random halves of P: what "the same distribution" looks like at half the sample size, for the JSD's
 * baseline and align's calibrated thresholds. Not W1's: its baseline (`--max-w1-ratio`) is the permutation null at the
 * sizes of P and Q (src/core/twosample/w1-null.ts), since in high dimension W1 between halves carries a larger sampling
 * bias than W1 between the full sets and so made the ratio read too low. Each half is a uniform ⌊n/2⌋-subset (Fisher–Yates) kept in file order, so a
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
