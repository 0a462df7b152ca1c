import {InputError} from './errors.js'
import {makeSampleSet, type SampleSet} from './sampleset.js'

/** The pooled per-column location and scale used by `--standardize`, reported so results can be mapped back. */
export interface Standardization {
  mean: number[]
  std: number[]
  /** Columns whose pooled standard deviation is 0: left centred but unscaled (dividing would give NaN). */
  constant: string[]
}

/**
 * z-scores every column of P and Q with the mean and standard deviation of the pooled sample P ∪ Q
 * (unweighted, population std), so that both sets move by the same affine map and distances stay comparable.
 * Two-pass (mean, then squared deviations) for accuracy; a column with std 0 is only centred.
 */
export function standardizePair(
  p: SampleSet,
  q: SampleSet,
): {p: SampleSet; q: SampleSet; standardization: Standardization} {
  if (p.d !== q.d) throw new InputError(`cannot standardize: P has ${p.d} columns and Q has ${q.d}`)
  const d = p.d
  const total = p.n + q.n
  const mean = new Array<number>(d).fill(0)
  const std = new Array<number>(d).fill(0)
  for (const s of [p, q]) for (let i = 0; i < s.n; i++) for (let k = 0; k < d; k++) mean[k] += s.data[i * d + k] / total
  // Squared deviations of data near 1e±200 overflow or underflow float64, so each column's sum of squares is taken
  // relative to its largest deviation: std = M·√(Σ (z/M)² / N) with M = max |z|.
  const largest = new Array<number>(d).fill(0)
  for (const s of [p, q])
    for (let i = 0; i < s.n; i++)
      for (let k = 0; k < d; k++) largest[k] = Math.max(largest[k], Math.abs(s.data[i * d + k] - mean[k]))
  for (const s of [p, q])
    for (let i = 0; i < s.n; i++)
      for (let k = 0; k < d; k++) {
        if (!(largest[k] > 0) || !Number.isFinite(largest[k])) continue
        const z = (s.data[i * d + k] - mean[k]) / largest[k]
        std[k] += (z * z) / total
      }
  const constant: string[] = []
  for (let k = 0; k < d; k++) {
    if (!Number.isFinite(largest[k]))
      throw new InputError(
        `cannot standardize column ${p.columns[k]}: its values span more than a float64 holds (deviations from the mean overflow); rescale it first`,
      )
    std[k] = largest[k] * Math.sqrt(std[k])
    if (!(std[k] > 0)) constant.push(p.columns[k])
  }
  const apply = (s: SampleSet): SampleSet => {
    const data = new Float64Array(s.data.length)
    for (let i = 0; i < s.n; i++)
      for (let k = 0; k < d; k++) {
        const scale = std[k] > 0 ? std[k] : 1
        data[i * d + k] = (s.data[i * d + k] - mean[k]) / scale
      }
    return makeSampleSet(data, s.n, d, s.columns, s.source, s.weights)
  }
  return {p: apply(p), q: apply(q), standardization: {mean, std, constant}}
}
