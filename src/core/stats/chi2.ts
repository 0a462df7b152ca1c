import {regularizedGammaP, regularizedGammaQ} from './gamma.js'

/** F_k(x) = P(χ²_k ≤ x) = P(k/2, x/2) (regularised lower incomplete gamma). */
export function chi2Cdf(k: number, x: number): number {
  if (!(k > 0)) throw new Error(`internal: χ² degrees of freedom must be > 0, got ${k}`)
  return regularizedGammaP(k / 2, x / 2)
}

/** 1 − F_k(x) = P(χ²_k > x) = Q(k/2, x/2), accurate in the far tail (a chi-square test's p-value). */
export function chi2Sf(k: number, x: number): number {
  if (!(k > 0)) throw new Error(`internal: χ² degrees of freedom must be > 0, got ${k}`)
  return regularizedGammaQ(k / 2, x / 2)
}

/**
 * The p-quantile of χ²_k (inverse of `chi2Cdf`), 0 < p < 1: bracket by doubling, then bisection to relative
 * width 1e-15 (monotone, so it cannot fail; ≈ 60 CDF evaluations). The default truncation radius of the noise
 * is σ·√(chi2Quantile(d, 0.999)) — the 0.999 quantile of σ·χ_d (docs/design.md "The bound").
 */
export function chi2Quantile(k: number, p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`internal: quantile level must be in (0, 1), got ${p}`)
  let lo = 0,
    hi = Math.max(1, k)
  while (chi2Cdf(k, hi) < p) {
    lo = hi
    hi *= 2
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = 0.5 * (lo + hi)
    if (chi2Cdf(k, mid) < p) lo = mid
    else hi = mid
  }
  return 0.5 * (lo + hi)
}
