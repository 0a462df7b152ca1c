import {type SampleSet, subset} from '../sampleset.js'
import {createRng, sampleIndices} from '../stats/rng.js'
import {frechetDistance, type PreparedReference} from './frechet.js'
import {fitGaussian} from './gaussian.js'

/** FD extrapolated to infinitely many generated samples. */
export interface FdInfinity {
  /** The intercept of the least-squares line FD_N = FD∞ + slope/N. */
  value: number
  slope: number
  /** Standard error of the intercept from the fit's residuals (NaN-free: 0 when the points lie on the line). */
  stderr: number
  /** The points fitted: Q-subset size N and its FD. */
  points: {n: number; fd: number}[]
}

/**
 * FD∞ (Chong & Forsyth 2020, "Effectively Unbiased FID and Inception Score and where to find them", §3, eq. 3):
 * FD computed with N generated points is FD∞ + c/N + o(1/N), so FD is evaluated on random subsets of Q of several
 * sizes N (seeded, without replacement), a line is fitted by least squares in 1/N and its intercept is FD∞. As in the
 * paper the reference statistics (P) stay fixed at all its points. The intercept's standard error is
 * s·√(Σx²/(K·Sxx)) with x = 1/N, s² = RSS/(K − 2) (ordinary least squares).
 */
export function fdInfinity(
  ref: PreparedReference,
  q: SampleSet,
  fractions: readonly number[],
  seed: number,
): FdInfinity {
  const rng = createRng(seed)
  const sizes = [...new Set(fractions.map((f) => Math.max(2, Math.round(f * q.n))))].sort((a, b) => a - b)
  const points = sizes.map((n) => {
    const part = n === q.n ? q : subset(q, sampleIndices(rng, q.n, n))
    return {n, fd: frechetDistance(ref, fitGaussian(part)).value}
  })
  const K = points.length
  const xs = points.map((pt) => 1 / pt.n)
  const ys = points.map((pt) => pt.fd)
  const mx = xs.reduce((a, b) => a + b, 0) / K
  const my = ys.reduce((a, b) => a + b, 0) / K
  let sxx = 0,
    sxy = 0,
    sx2 = 0
  for (let i = 0; i < K; i++) {
    sxx += (xs[i] - mx) ** 2
    sxy += (xs[i] - mx) * (ys[i] - my)
    sx2 += xs[i] ** 2
  }
  const slope = sxx > 0 ? sxy / sxx : 0
  const value = my - slope * mx
  let rss = 0
  for (let i = 0; i < K; i++) rss += (ys[i] - value - slope * xs[i]) ** 2
  const stderr = K > 2 && sxx > 0 ? Math.sqrt(rss / (K - 2)) * Math.sqrt(sx2 / (K * sxx)) : 0
  return {value, slope, stderr, points}
}
