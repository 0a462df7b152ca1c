/** Drift statistics against SciPy/NumPy values computed by fixtures/drift/expected.py (committed with its output). */
import {describe, expect, it} from 'vitest'
import {chi2ContingencyPValue} from '../../../src/core/drift/contingency.js'
import {jsdOfCounts, tvdOfCounts} from '../../../src/core/drift/divergences.js'
import {kolmogorovSf} from '../../../src/core/drift/kolmogorov.js'
import {ks2samp} from '../../../src/core/drift/ks.js'
import {numericDrift} from '../../../src/core/drift/numeric.js'
import {smirnovSf} from '../../../src/core/drift/smirnov.js'
import {EXPECTED, relClose, sample} from './cases.js'

describe('numeric drift statistics match SciPy', () => {
  for (const [name, c] of Object.entries(EXPECTED.numeric) as [string, any][]) {
    it(name, () => {
      const p = sample(c.p),
        q = sample(c.q)
      const r = numericDrift('x', p, q, {bins: 20})
      expect(Math.abs(r.ks! - c.ks)).toBeLessThanOrEqual(1e-9)
      expect(
        relClose(r.ksPValue, c.ksPValue, 1e-6),
        `ksPValue ${r.ksPValue} vs SciPy ${c.ksPValue} (${r.ksMethod})`,
      ).toBe(true)
      expect(relClose(r.w1, c.w1, 1e-9), `w1 ${r.w1} vs ${c.w1}`).toBe(true)
      expect(relClose(r.w1Normed, c.w1Normed, 1e-9)).toBe(true)
      expect(relClose(r.jsd, c.jsd20, 1e-9), `jsd ${r.jsd} vs ${c.jsd20}`).toBe(true)
      expect(relClose(numericDrift('x', p, q, {bins: 7}).jsd, c.jsd7, 1e-9)).toBe(true)
      expect(relClose(r.psi, c.psi, 1e-9), `psi ${r.psi} vs ${c.psi}`).toBe(true)
      for (const key of ['mean', 'std', 'q05', 'q50', 'q95'] as const)
        expect(relClose(r.p![key], c.summaryP[key], 1e-9), key).toBe(true)
    })
  }

  it('ks2samp is symmetric in its arguments', () => {
    const c = EXPECTED.numeric['unequal-300-200-exact']
    const p = sample(c.p).sort(),
      q = sample(c.q).sort()
    expect(ks2samp(q, p)).toEqual(ks2samp(p, q))
  })
})

describe('KS distributions match scipy.stats.kstwo.sf and scipy.special.smirnov', () => {
  it.each(EXPECTED.kstwo as [number, number, number][])('kstwo.sf n=%d x=%f', (n, x, expected) => {
    const got = kolmogorovSf(n, x)
    expect(relClose(got, expected, 1e-6) || Math.abs(got - expected) < 1e-300, `${got} vs ${expected}`).toBe(true)
  })
  it.each(EXPECTED.smirnov as [number, number, number][])('smirnov n=%d x=%f', (n, x, expected) => {
    const got = smirnovSf(n, x)
    expect(relClose(got, expected, 1e-9) || Math.abs(got - expected) < 1e-300, `${got} vs ${expected}`).toBe(true)
  })
})

describe('categorical statistics match SciPy', () => {
  for (const [name, c] of Object.entries(EXPECTED.categorical) as [string, any][]) {
    it(name, () => {
      expect(relClose(jsdOfCounts(c.p, c.q), c.jsd, 1e-9) || Math.abs(jsdOfCounts(c.p, c.q) - c.jsd) < 1e-15).toBe(true)
      expect(relClose(tvdOfCounts(c.p, c.q), c.tvd, 1e-12) || Math.abs(tvdOfCounts(c.p, c.q) - c.tvd) < 1e-15).toBe(
        true,
      )
      const chi = chi2ContingencyPValue(c.p, c.q)
      expect(relClose(chi.pValue, c.chi2PValue, 1e-9), `chi2 p ${chi.pValue} vs ${c.chi2PValue}`).toBe(true)
      expect(relClose(chi.statistic, c.chi2, 1e-12) || Math.abs(chi.statistic - c.chi2) < 1e-12).toBe(true)
    })
  }
})
