import {describe, expect, it} from 'vitest'
import {chi2Cdf, chi2Quantile} from '../../../src/core/stats/chi2.js'
import {digamma, logGamma, regularizedGammaP} from '../../../src/core/stats/gamma.js'

describe('gamma functions', () => {
  it('logGamma matches Γ(1/2) = √π, Γ(5) = 24, Γ(10.5)', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13)
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13)
    // Γ(10.5) = 1133278.3889487855 (Abramowitz & Stegun table 6.1 via Γ(n+½) = (2n)!√π/(4ⁿ n!))
    expect(logGamma(10.5)).toBeCloseTo(Math.log(1133278.3889487855), 12)
  })
  it('digamma: ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(n+1) = ψ(n) + 1/n', () => {
    const euler = 0.5772156649015329
    expect(digamma(1)).toBeCloseTo(-euler, 13)
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.LN2, 13)
    expect(digamma(101)).toBeCloseTo(digamma(100) + 0.01, 13)
  })
  it('P(1, x) = 1 − e^−x (exponential CDF)', () => {
    for (const x of [0.01, 0.5, 2, 10, 40]) expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14)
  })
})

describe('χ² distribution', () => {
  it('F_2(x) = 1 − e^(−x/2) and F_4(x) = 1 − e^(−x/2)(1 + x/2) (closed forms for even k)', () => {
    for (const x of [0.1, 1, 5.99, 20]) {
      expect(chi2Cdf(2, x)).toBeCloseTo(1 - Math.exp(-x / 2), 14)
      expect(chi2Cdf(4, x)).toBeCloseTo(1 - Math.exp(-x / 2) * (1 + x / 2), 14)
    }
  })
  it('quantiles match the standard tables (NIST/SEMATECH e-Handbook 1.3.6.7.4)', () => {
    expect(chi2Quantile(1, 0.95)).toBeCloseTo(3.841, 3)
    expect(chi2Quantile(2, 0.999)).toBeCloseTo(-2 * Math.log(0.001), 10)
    expect(chi2Quantile(10, 0.999)).toBeCloseTo(29.588, 3)
    expect(chi2Quantile(100, 0.999)).toBeCloseTo(149.449, 3)
  })
  it('quantile inverts the CDF, also in high dimension', () => {
    for (const k of [1, 3, 8, 50, 500])
      for (const p of [0.001, 0.5, 0.999]) expect(chi2Cdf(k, chi2Quantile(k, p))).toBeCloseTo(p, 10)
  })
})
