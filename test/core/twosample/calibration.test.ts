/**
 * Calibration and power of the energy permutation test (issue 20 targets), in-process on core.
 * Null pairs: P and Q both 500 × 8 standard normal, drawn from createRng(seed) with seeds 1 … 40 — the first 40
 * seeds, fixed before the test was first run (not chosen by its outcome); each test's relabellings use seed 1000 + k.
 * Under H₀ the rejections at α = 0.05 are Binomial(40, 0.05) (mean 2, P(> 6) ≈ 0.004): at most 6 is required.
 */
import {describe, expect, it} from 'vitest'
import {makeSampleSet} from '../../../src/core/sampleset.js'
import {twoSampleTests} from '../../../src/core/twosample/index.js'
import {shiftedGaussian} from '../../helpers/sets.js'

const w1 = {method: 'auto' as const, gap: 0.01, maxIter: 2000, projections: 100, seed: 1}

const gaussian = (seed: number, n: number, d: number, shift = 0) =>
  shiftedGaussian(seed, n, d, shift, `gaussian ${seed}`)

describe('energy permutation test', () => {
  it('is calibrated: over 40 seeded null pairs (500 × 8) at α = 0.05, at most 6 rejections', async () => {
    let rejections = 0
    const pValues: number[] = []
    for (let k = 1; k <= 40; k++) {
      const p = gaussian(2 * k - 1, 500, 8)
      const q = gaussian(2 * k, 500, 8)
      const r = await twoSampleTests(p, q, {tests: ['energy'], permutations: 199, seed: 1000 + k, w1})
      pValues.push(r.tests[0].pValue)
      if (r.tests[0].pValue < 0.05) rejections++
    }
    expect(rejections, `p-values: ${pValues.join(', ')}`).toBeLessThanOrEqual(6)
    // Not degenerate either: null p-values spread over (0, 1] (a test that always says p = 1 would pass the count).
    expect(Math.min(...pValues)).toBeLessThan(0.5)
    expect(Math.max(...pValues)).toBeGreaterThan(0.5)
  }, 120_000)

  it('has power: a 0.5 shift on one axis of 8 (200 vs 200) is found at p = the floor', async () => {
    const r = await twoSampleTests(gaussian(101, 200, 8), gaussian(102, 200, 8, 0.5), {
      tests: ['energy', 'mmd'],
      permutations: 199,
      seed: 7,
      w1,
    })
    for (const t of r.tests) expect(t.pValue, t.name).toBe(1 / 200)
  })

  it('constant sets: all distances 0, E = 0 and MMD² = 0 with p = 1 and a stated note, never NaN', async () => {
    const c = makeSampleSet(new Float64Array(20).fill(3), 10, 2, ['a', 'b'], 'const')
    const r = await twoSampleTests(c, c, {tests: ['energy', 'mmd'], permutations: 99, seed: 1, w1})
    for (const t of r.tests) {
      expect(t.statistic).toBe(0)
      expect(t.pValue).toBe(1)
      expect(t.note).toMatch(/coincides/)
      expect(JSON.stringify(t)).not.toMatch(/NaN|:null/)
    }
  })

  it('the same seed gives the same p-values; the relabellings do not depend on the test list', async () => {
    const p = gaussian(5, 60, 3),
      q = gaussian(6, 70, 3, 0.3)
    const a = await twoSampleTests(p, q, {tests: ['energy', 'mmd'], permutations: 99, seed: 9, w1})
    const b = await twoSampleTests(p, q, {tests: ['mmd'], permutations: 99, seed: 9, w1})
    expect(b.tests[0]).toEqual(a.tests[1])
  })

  it('warns when the sets have fewer distinct splits than relabellings (5 + 5 points: C(10, 5) = 252)', async () => {
    const r = await twoSampleTests(gaussian(1, 5, 2), gaussian(2, 5, 2), {
      tests: ['energy'],
      permutations: 999,
      seed: 1,
      w1,
    })
    expect(r.warnings.join('\n')).toMatch(/only 252 distinct splits of 5 \+ 5 points/)
    const big = await twoSampleTests(gaussian(1, 10, 2), gaussian(2, 10, 2), {
      tests: ['energy'],
      permutations: 999,
      seed: 1,
      w1,
    })
    expect(big.warnings).toEqual([])
  })

  it('refuses too few points, weights and bad counts with a reason naming what to change', async () => {
    const small = gaussian(1, 4, 2)
    await expect(
      twoSampleTests(small, gaussian(2, 10, 2), {tests: ['energy'], permutations: 99, seed: 1, w1}),
    ).rejects.toThrow(/at least 5 points in each set/)
    await expect(
      twoSampleTests(gaussian(1, 10, 2), gaussian(2, 10, 2), {tests: ['energy'], permutations: 0, seed: 1, w1}),
    ).rejects.toThrow(/permutations.*whole number/)
    const weighted = {...gaussian(3, 10, 2), weights: new Float64Array(10).fill(0.1)}
    await expect(
      twoSampleTests(weighted, gaussian(2, 10, 2), {tests: ['energy'], permutations: 9, seed: 1, w1}),
    ).rejects.toThrow(/weights/)
  })
})
