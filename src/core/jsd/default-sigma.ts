import {opt} from '../errors.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'
import {makeSampleSet, type SampleSet} from '../sampleset.js'
import type {Rng} from '../stats/rng.js'
import {medianNearestNeighbour} from './noisy.js'

/**
 * The σ of the noise when none is given, for the noisy JSD and the bound alike: the median nearest-neighbour
 * distance of P ∪ Q (c × median 1-NN distance with c = 1, see docs/design.md "Noise scale σ"), in input units,
 * with the warning that says so. Coordinates are divided by a power of two first (exact), so the distance neither
 * overflows nor underflows. Callers pass `createRng(seed).fork()` (the first fork of the run's seed), so `jsd`,
 * `bound` and `compare` pick the same σ for the same files and seed.
 */
export function defaultSigma(p: SampleSet, q: SampleSet, rng: Rng): {sigma: number; warning: string} {
  const s = powerOfTwoScale(p.data, q.data)
  const ps = makeSampleSet(divided(p.data, s), p.n, p.d, p.columns),
    qs = makeSampleSet(divided(q.data, s), q.n, q.d, q.columns)
  const sigma = medianNearestNeighbour(ps, qs, rng) * s
  return {
    sigma,
    warning: `${opt('sigma')} not given: using the median nearest-neighbour distance of P ∪ Q, σ = ${Number(sigma.toPrecision(6))}`,
  }
}
