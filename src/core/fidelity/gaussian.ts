import {dotTiles} from '../../kernels/index.js'
import type {SampleSet} from '../sampleset.js'

/** Points per block of the covariance: 4096 × d float64 (64 MB at d = 2048) at a time. */
const CHUNK = 4096
/** Coordinates per dot tile of one chunk: 64 × d float64 (1 MB at d = 2048). A multiple of 4, as tiles start. */
const COV_ROW_BLOCK = 64

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
  // Each chunk's products come from the blocked float64 dot tiles (src/kernels dotTiles: every entry the k-order sum
  // over the chunk's points, whatever the thread count), COV_ROW_BLOCK coordinates at a time against the coordinates
  // from the same one on (the upper triangle: half the work); the lower triangle is mirrored at the end, exactly.
  const cov = new Float64Array(d * d)
  const xt = new Float64Array(d * Math.min(n, CHUNK))
  for (let r0 = 0; r0 < n; r0 += CHUNK) {
    const len = Math.min(CHUNK, n - r0)
    for (let i = 0; i < len; i++) {
      const row = (r0 + i) * d
      for (let k = 0; k < d; k++) xt[k * len + i] = data[row + k] - mean[k]
    }
    const tiles = dotTiles(xt, d, xt, d, len)
    try {
      for (let a0 = 0; a0 < d; a0 += COV_ROW_BLOCK) {
        const a1 = Math.min(d, a0 + COV_ROW_BLOCK)
        const tile = tiles.tile(a0, a1, a0, d)
        const w = (d - a0 + 3) & ~3
        for (let a = a0; a < a1; a++) {
          const from = (a - a0) * w - a0,
            to = a * d
          for (let b = a; b < d; b++) cov[to + b] += tile[from + b]
        }
      }
    } finally {
      tiles.dispose()
    }
  }
  const scale = 1 / (n - 1)
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      const v = cov[a * d + b] * scale
      cov[a * d + b] = v
      cov[b * d + a] = v
    }
  return {d, mean, cov, n, source: set.source}
}
