import {rowDots} from '../linalg/row-dots.js'
import type {SampleSet} from '../sampleset.js'

/**
 * A Gaussian fit of a feature set: mean and covariance, from points (`n` known) or from a statistics file
 * (pytorch-fid's / clean-fid's `mu`, `sigma`; `n` unknown).
 */
export interface GaussianSummary {
  d: number
  mean: Float64Array
  /** Row-major d×d, symmetric. */
  cov: Float64Array
  /** Points the fit came from; undefined for a statistics file. */
  n?: number
  source: string
}

/**
 * Mean and unbiased covariance (ddof = 1, as np.cov and pytorch-fid) of the rows of `set`, in float64:
 * Σ = Xcᵀ Xc / (n − 1) with Xc the centred coordinates. Centring first (two passes) keeps the products small:
 * the one-pass Σx xᵀ − n μ μᵀ loses digits to cancellation when |μ| ≫ σ. Weights are ignored (a feature set).
 */
export function fitGaussian(set: SampleSet): GaussianSummary {
  const {n, d, data} = set
  const mean = new Float64Array(d)
  for (let i = 0; i < n; i++) {
    const row = i * d
    for (let k = 0; k < d; k++) mean[k] += data[row + k]
  }
  for (let k = 0; k < d; k++) mean[k] /= n
  // The centred coordinates transposed (d rows of n): covariance entry (a, b) is the dot product of rows a and b.
  const xt = new Float64Array(d * n)
  for (let i = 0; i < n; i++) {
    const row = i * d
    for (let k = 0; k < d; k++) xt[k * n + i] = data[row + k] - mean[k]
  }
  const cov = rowDots(xt, d, xt, d, n, new Float64Array(d * d), {symmetric: true})
  const scale = 1 / (n - 1)
  for (let k = 0; k < cov.length; k++) cov[k] *= scale
  return {d, mean, cov, n, source: set.source}
}
