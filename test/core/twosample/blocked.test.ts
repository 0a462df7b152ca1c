/**
 * The blocked (incomplete-U) energy and MMD estimator of src/core/twosample/blocked.ts, in-process on core.
 * Seeds: every data seed and test seed below was written down before the first run (consecutive integers from a
 * round start), none chosen by an outcome.
 */
import {describe, expect, it} from 'vitest'
import {blocksFor} from '../../../src/core/twosample/blocked.js'
import {MIN_POINTS, twoSampleTests} from '../../../src/core/twosample/index.js'
import {shiftedGaussian} from '../../helpers/sets.js'

const w1 = {method: 'auto' as const, gap: 0.01, maxIter: 2000, projections: 100, seed: 1}
const MiB = 2 ** 20

describe('blocked energy / MMD estimator', () => {
  it('with 1 block it is the full statistic bit for bit: statistic, p, null quantiles (float64 and float32 matrices)', async () => {
    for (const [n, m, d] of [
      [150, 160, 3],
      [2100, 2050, 2],
    ]) {
      const p = shiftedGaussian(11, n, d),
        q = shiftedGaussian(12, m, d, 0.2)
      const opts = {tests: ['energy', 'mmd'] as ('energy' | 'mmd')[], permutations: n > 1000 ? 19 : 99, seed: 3, w1}
      const full = await twoSampleTests(p, q, opts)
      const one = await twoSampleTests(p, q, {...opts, blocks: 1})
      expect(full.tests.map((t) => t.estimator)).toEqual(['full', 'full'])
      expect(one.tests.map((t) => t.estimator)).toEqual(['blocked', 'blocked'])
      expect(one.tests.map(({standardError, ...t}) => ({...t, estimator: 'full'}))).toEqual(full.tests)
      for (const t of one.tests) expect(t.standardError, t.name).toBeGreaterThan(0)
      expect(full.tests[0].nullPrecision).toBe(n > 1000 ? 'float32' : 'float64')
    }
  }, 60_000)

  it('with 4 blocks its mean over 20 partitions is within 3 SE/√20 of the full statistic, and SE covers the spread', async () => {
    // A shifted pair, so the statistic is well away from 0; partitions (and relabellings) from seeds 1 … 20.
    const p = shiftedGaussian(21, 300, 4),
      q = shiftedGaussian(22, 300, 4, 0.3)
    const base = {tests: ['energy', 'mmd'] as ('energy' | 'mmd')[], permutations: 9, w1}
    const full = await twoSampleTests(p, q, {...base, seed: 1})
    const S = 20
    for (const [k, name] of ['energy', 'mmd'].entries()) {
      const estimates: number[] = [],
        errors: number[] = []
      for (let seed = 1; seed <= S; seed++) {
        const t = (await twoSampleTests(p, q, {...base, seed, blocks: 4})).tests[k]
        expect(t).toMatchObject({name, estimator: 'blocked', blocks: 4})
        estimates.push(t.statistic)
        errors.push(t.standardError!)
      }
      const mean = estimates.reduce((a, v) => a + v, 0) / S
      const se = errors.reduce((a, v) => a + v, 0) / S
      const sd = Math.sqrt(estimates.reduce((a, v) => a + (v - mean) ** 2, 0) / (S - 1))
      const T = full.tests[k].statistic
      const msg = `${name}: full ${T}, blocked mean ${mean}, sd over partitions ${sd}, mean SE ${se}`
      // E[blocked | data] = full exactly, and Var(blocked − full) ≤ SE²: the mean of S partitions is within 3 SE/√S.
      expect(Math.abs(mean - T), msg).toBeLessThanOrEqual((3 * se) / Math.sqrt(S))
      // The stated error is not vacuous: partitions do move the estimate, and SE is at least their spread.
      expect(sd, msg).toBeGreaterThan(0)
      expect(sd, msg).toBeLessThanOrEqual(1.5 * se)
    }
  }, 120_000)

  it('is calibrated: 40 seeded null pairs (500 × 8) with a 1 MiB budget (3 blocks), at α = 0.05 at most 6 rejections', async () => {
    // The data seeds are those of calibration.test.ts (2k − 1, 2k for k = 1 … 40), the test seeds 2000 + k. Under H₀
    // the rejections are Binomial(40, 0.05): mean 2, P(> 6) ≈ 0.004.
    let rejections = 0
    const pValues: number[] = []
    for (let k = 1; k <= 40; k++) {
      const r = await twoSampleTests(shiftedGaussian(2 * k - 1, 500, 8), shiftedGaussian(2 * k, 500, 8), {
        tests: ['energy'],
        permutations: 199,
        seed: 2000 + k,
        memory: MiB,
        w1,
      })
      expect(r.tests[0]).toMatchObject({estimator: 'blocked', blocks: 3})
      pValues.push(r.tests[0].pValue)
      if (r.tests[0].pValue < 0.05) rejections++
    }
    expect(rejections, `p-values: ${pValues.join(', ')}`).toBeLessThanOrEqual(6)
    expect(Math.min(...pValues)).toBeLessThan(0.5)
    expect(Math.max(...pValues)).toBeGreaterThan(0.5)
  }, 180_000)

  it('detects a clear shift: 0.5 on one axis of 8, 400 vs 400 in 3 blocks, p ≤ 0.01 for energy and MMD', async () => {
    const r = await twoSampleTests(shiftedGaussian(101, 400, 8), shiftedGaussian(102, 400, 8, 0.5), {
      tests: ['energy', 'mmd'],
      permutations: 199,
      seed: 7,
      memory: MiB,
      w1,
    })
    expect(r.warnings.join('\n')).toMatch(/blocked estimator over 3 blocks/)
    for (const t of r.tests) {
      expect(t, t.name).toMatchObject({estimator: 'blocked', blocks: 3})
      expect(t.pValue, t.name).toBeLessThanOrEqual(0.01)
      expect(t.standardError, t.name).toBeGreaterThan(0)
    }
  })

  it('chooses the fewest blocks that fit, and refuses a budget that leaves blocks too small to test', () => {
    expect(blocksFor(500, 500, 8 * 1000 * 1000, MIN_POINTS)).toBe(1)
    expect(blocksFor(500, 500, 8 * 1000 * 1000 - 1, MIN_POINTS)).toBe(2)
    // 1 MiB holds 362² float64 entries: ⌈500/K⌉·2 ≤ 362 first at K = 3.
    expect(blocksFor(500, 500, MiB, MIN_POINTS)).toBe(3)
    // 1 000 bytes still hold blocks of 5 + 5 (K = 100); 500 bytes (7 points) do not.
    expect(blocksFor(500, 500, 1000, MIN_POINTS)).toBe(100)
    expect(() => blocksFor(500, 500, 500, MIN_POINTS)).toThrow(/fewer than 5 points.*raise ⟨memory⟩/)
  })
})
