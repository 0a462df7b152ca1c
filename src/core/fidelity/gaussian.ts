import {rowDots} from '../linalg/row-dots.js'
import type {SampleSet} from '../sampleset.js'

/** Points per block of the covariance: 4096 × d float64 (64 MB at d = 2048) at a time. */
const CHUNK = 4096

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
  // The centred coordinates transposed, CHUNK points at a time (d rows of ≤ CHUNK): covariance entry (a, b) is the
  // sum over chunks, in chunk order, of the dot products of rows a and b. Chunks keep the transposed copy (and its
  // copy in the kernels' memory) small instead of a second n×d matrix.
  const cov = new Float64Array(d * d)
  const part = new Float64Array(d * d)
  const xt = new Float64Array(d * Math.min(n, CHUNK))
  for (let r0 = 0; r0 < n; r0 += CHUNK) {
    const len = Math.min(CHUNK, n - r0)
    for (let i = 0; i < len; i++) {
      const row = (r0 + i) * d
      for (let k = 0; k < d; k++) xt[k * len + i] = data[row + k] - mean[k]
    }
    rowDots(xt, d, xt, d, len, part, {symmetric: true})
    for (let k = 0; k < cov.length; k++) cov[k] += part[k]
  }
  const scale = 1 / (n - 1)
  for (let k = 0; k < cov.length; k++) cov[k] *= scale
  return {d, mean, cov, n, source: set.source}
}
