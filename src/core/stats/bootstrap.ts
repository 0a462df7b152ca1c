import type {Rng} from './rng.js'

/** Indices of a bootstrap resample of 0..n-1 (n draws with replacement). */
export function resampleIndices(rng: Rng, n: number): Uint32Array {
  const idx = new Uint32Array(n)
  for (let i = 0; i < n; i++) idx[i] = rng.int(n)
  return idx
}

/**
 * The empirical q-quantile of `values` (type 7 of Hyndman & Fan 1996, linear interpolation — R's and NumPy's
 * default), used for percentile bootstrap intervals (Efron & Tibshirani 1993, §13.3).
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(values).sort()
  if (s.length === 0) throw new Error('internal: quantile of an empty list')
  const h = (s.length - 1) * q
  const lo = Math.floor(h),
    hi = Math.ceil(h)
  return s[lo] + (h - lo) * (s[hi] - s[lo])
}

/** The central percentile interval [q_{α/2}, q_{1−α/2}] of bootstrap replicates. */
export function percentileInterval(values: ArrayLike<number>, level = 0.95): [number, number] {
  const a = (1 - level) / 2
  return [quantile(values, a), quantile(values, 1 - a)]
}
