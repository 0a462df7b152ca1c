import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {bandwidthOf, twoSampleTests} from '../../../src/core/twosample/index.js'
import {energyFromSums, pairSums} from '../../../src/core/twosample/statistics.js'
import {rowsSet} from '../../helpers/sets.js'

/** Data and values from reference/twosample.py (numpy + scipy, math.fsum sums; committed beside it). */
const reference = JSON.parse(readFileSync(new URL('./reference/reference.json', import.meta.url), 'utf8')) as {
  cases: {
    name: string
    p: number[][]
    q: number[][]
    energy: number
    bandwidth: number
    mmd2u: number
    scipyEnergyPValue: number
  }[]
}
const set = rowsSet
const w1 = {method: 'auto' as const, gap: 0.01, maxIter: 2000, projections: 100, seed: 1}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

describe('energy and MMD² against the numpy reference', () => {
  for (const c of reference.cases)
    it(`${c.name}: statistic and bandwidth to 1e-12 relative, p-value near scipy's permutation_test`, async () => {
      const p = set(c.p, 'p'),
        q = set(c.q, 'q')
      const r = await twoSampleTests(p, q, {tests: ['energy', 'mmd'], permutations: 999, seed: 3, w1})
      const [energy, mmd] = r.tests
      expect(rel(energy.statistic, c.energy)).toBeLessThan(1e-12)
      expect(rel(mmd.bandwidth!, c.bandwidth)).toBeLessThan(1e-12)
      expect(rel(mmd.statistic, c.mmd2u)).toBeLessThan(1e-12)
      // Two Monte Carlo p-values from 999 relabellings each: binomial sd ≤ 0.016, so 0.06 is > 3.5 sd.
      expect(Math.abs(energy.pValue - c.scipyEnergyPValue)).toBeLessThan(0.06)
      expect(energy.pValueFloor).toBe(1 / 1000)
      expect(bandwidthOf(p, q, 3).sigma).toBe(mmd.bandwidth)
    })

  it('the relabelled sums reproduce the observed statistic (label 0 is the observed split)', () => {
    const c = reference.cases[0]
    const p = set(c.p, 'p'),
      q = set(c.q, 'q')
    const e = energyFromSums(
      pairSums(p, q, (s) => Math.sqrt(s)),
      p.n,
      q.n,
    )
    expect(rel(e, c.energy)).toBeLessThan(1e-12)
  })
})
