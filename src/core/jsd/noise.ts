import {OptionError, opt} from '../errors.js'
import {chi2Cdf, chi2Quantile} from '../stats/chi2.js'
import type {Rng} from '../stats/rng.js'

/** The quantile of σ·χ_d used as the default truncation radius (docs/design.md "The bound"). */
export const DEFAULT_RADIUS_LEVEL = 0.999

/**
 * The noise ε of Arjovsky & Bottou §3: N(0, σ²I_d) truncated to the ball ‖ε‖ ≤ R (footnote 6: the bound of
 * Thm 3.3 needs noise of bounded support). It keeps a density (so Thm 3.1's mixtures stay exact), mean 0 by symmetry.
 */
export interface TruncatedGaussian {
  sigma: number
  radius: number
  d: number
  /** F_d(R²/σ²): the Gaussian mass kept inside the ball. */
  mass: number
}

/** The default R = σ·√(χ²_d quantile at 0.999). */
export function defaultRadius(sigma: number, d: number): number {
  return sigma * Math.sqrt(chi2Quantile(d, DEFAULT_RADIUS_LEVEL))
}

/** Checks σ and R and returns the truncated noise. */
export function truncatedGaussian(sigma: number, d: number, radius?: number): TruncatedGaussian {
  if (!(sigma > 0) || !Number.isFinite(sigma))
    throw new OptionError('sigma', sigma, `must be a positive number (the noise scale, in input units), got ${sigma}`)
  const R = radius ?? defaultRadius(sigma, d)
  // The default R = σ·√(χ²_d quantile) overflows when σ is near the top of float64: that is σ's fault, not a radius
  // the user never gave.
  if (radius === undefined && !Number.isFinite(R))
    throw new OptionError(
      'sigma',
      sigma,
      `σ = ${sigma} is too large for float64 (the noise radius σ·√χ²_d overflows); rescale the data (e.g. ${opt('standardize')}) or give a smaller σ`,
    )
  if (!(R > 0) || !Number.isFinite(R))
    throw new OptionError(
      'radius',
      radius,
      `must be a positive number (the noise truncation radius, in input units), got ${radius}`,
    )
  const mass = chi2Cdf(d, (R / sigma) ** 2)
  if (!(mass > 1e-12))
    throw new OptionError(
      'radius',
      R,
      `${R} is so small against σ = ${sigma} in d = ${d} that the truncated Gaussian has no mass; use a radius of at least σ·√d`,
    )
  return {sigma, radius: R, d, mass}
}

/**
 * V = E‖ε‖² of the truncated Gaussian: ‖ε‖²/σ² is χ²_d conditioned on ≤ R²/σ², and
 * E[X·1{X ≤ t}] = d·F_{d+2}(t) for X ~ χ²_d, so V = σ²·d·F_{d+2}(R²/σ²)/F_d(R²/σ²) (docs/design.md "The bound").
 * Untruncated (R = ∞) this is the dσ² of Arjovsky & Bottou Thm 3.3.
 */
export function noiseVariance(noise: TruncatedGaussian): number {
  return noise.sigma ** 2 * relativeNoiseVariance(noise)
}

/**
 * V/σ² (dimensionless). √V = σ·√(V/σ²) stays exact where σ² itself underflows (σ ≈ 1e-200 gives σ² = 0 in
 * float64) or overflows, so the bound's 2√V term is computed from this, never from V.
 */
export function relativeNoiseVariance(noise: TruncatedGaussian): number {
  const t = (noise.radius / noise.sigma) ** 2
  return (noise.d * chi2Cdf(noise.d + 2, t)) / noise.mass
}

/**
 * Writes one draw of ε into out[offset..offset+d). When most of the mass is kept, by rejection (draw N(0,σ²I),
 * redraw while ‖ε‖ > R); otherwise by radius and direction: ‖ε‖²/σ² by inverting the truncated χ²_d CDF, the
 * direction uniform on the sphere (a normalised Gaussian vector).
 */
export function drawNoise(noise: TruncatedGaussian, rng: Rng, out: Float64Array, offset: number): void {
  const {sigma, radius, d, mass} = noise
  const r2 = radius * radius
  if (mass >= 0.5) {
    for (;;) {
      let s = 0
      for (let c = 0; c < d; c++) {
        const e = sigma * rng.normal()
        out[offset + c] = e
        s += e * e
      }
      if (s <= r2) return
    }
  }
  let s = 0
  for (let c = 0; c < d; c++) {
    const e = rng.normal()
    out[offset + c] = e
    s += e * e
  }
  let u = 0
  while (u === 0) u = rng.uniform()
  const len = sigma * Math.sqrt(chi2Quantile(d, Math.min(u * mass, 1 - 1e-16)))
  const k = Math.min(len, radius) / Math.sqrt(s)
  for (let c = 0; c < d; c++) out[offset + c] *= k
}
