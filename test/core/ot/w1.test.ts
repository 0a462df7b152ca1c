import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {diameter} from '../../../src/core/ot/diameter.js'
import {exactW1D} from '../../../src/core/ot/exact1d.js'
import {computeW1, type W1Options} from '../../../src/core/ot/w1.js'
import {createRng} from '../../../src/core/stats/rng.js'
import {flatSet, shiftedGaussian} from '../../helpers/sets.js'

const opts = (method: W1Options['method'], extra: Partial<W1Options> = {}): W1Options => ({
  method,
  gap: 0.01,
  maxIter: 3000,
  projections: 50,
  seed: 1,
  ...extra,
})
const set = flatSet
const gaussian = shiftedGaussian

describe('exact W1 in 1-D (quantile functions)', () => {
  it('matches hand-computed values with weights and ties', () => {
    // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5 (a pure shift by 5).
    expect(
      exactW1D(
        Float64Array.of(0, 1, 3),
        new Float64Array(3).fill(1 / 3),
        Float64Array.of(5, 6, 8),
        new Float64Array(3).fill(1 / 3),
      ),
    ).toBeCloseTo(5, 14)
    // scipy.stats.wasserstein_distance([0, 1], [0, 1], [3, 1], [1, 1]) = 0.25: mass 1/4 moves by 1.
    expect(
      exactW1D(Float64Array.of(0, 1), Float64Array.of(0.75, 0.25), Float64Array.of(0, 1), Float64Array.of(0.5, 0.5)),
    ).toBeCloseTo(0.25, 15)
    // W2 of N-point translations is the shift.
    expect(
      exactW1D(
        Float64Array.of(2, 2, 7),
        new Float64Array(3).fill(1 / 3),
        Float64Array.of(4, 4, 9),
        new Float64Array(3).fill(1 / 3),
        2,
      ),
    ).toBeCloseTo(2, 14)
  })
})

describe('computeW1 closed forms', () => {
  it('Q = P + t with n = m gives W1 = ‖t‖ (the identity coupling is optimal)', async () => {
    const p = gaussian(3, 60, 3)
    const t = [0.3, -1.2, 2]
    const q = set(
      Array.from(p.data, (v, i) => v + t[i % 3]),
      3,
    )
    const r = await computeW1(p, q, opts('exact'))
    expect(r.value).toBeCloseTo(Math.hypot(...t), 12)
    expect([r.lower, r.upper]).toEqual([r.value, r.value])
  })

  it('WGAN Example 1: parallel lines with shared Z are θ apart, exactly', async () => {
    const r = createRng(5)
    const z = Array.from({length: 80}, () => r.uniform())
    const line = (theta: number) =>
      set(
        z.flatMap((v) => [theta, v]),
        2,
      )
    for (const theta of [0.5, 1, 3])
      expect((await computeW1(line(0), line(theta), opts('auto'))).value).toBeCloseTo(theta, 12)
  })

  it('identical sets give exactly 0, and huge coordinates (1e200) give finite answers', async () => {
    const p = gaussian(4, 40, 2)
    expect((await computeW1(p, p, opts('exact'))).value).toBe(0)
    const big = set(
      Array.from(p.data, (v) => v * 1e200),
      2,
    )
    const big2 = set(
      Array.from(p.data, (v, i) => v * 1e200 + (i % 2 === 0 ? 1e200 : 0)),
      2,
    )
    const w = await computeW1(big, big2, opts('exact'))
    expect(w.value / 1e200).toBeCloseTo(1, 10)
    const tiny = set(
      Array.from(p.data, (v) => v * 1e-200),
      2,
    )
    expect(Number.isFinite((await computeW1(tiny, p, opts('exact'))).value)).toBe(true)
  })

  it('W2 of a translation is the translation length', async () => {
    const p = gaussian(6, 30, 2)
    const q = set(
      Array.from(p.data, (v, i) => v + (i % 2 === 0 ? 3 : 4)),
      2,
    )
    expect((await computeW1(p, q, opts('exact', {p: 2}))).value).toBeCloseTo(5, 12)
  })

  it('weights and unequal sizes: one point against many is the mean distance', async () => {
    const p = set([0, 0], 2)
    const q = set([3, 4, 6, 8, 0, 1], 2, [0.5, 0.25, 0.25])
    expect((await computeW1(p, q, opts('exact'))).value).toBeCloseTo(0.5 * 5 + 0.25 * 10 + 0.25 * 1, 12)
  })

  it('refuses bad options with a clear message', async () => {
    const p = gaussian(1, 5, 2)
    await expect(computeW1(p, p, opts('exact', {gap: 0}))).rejects.toThrow(/⟨gap⟩ must be between 0 and 1/)
    await expect(computeW1(p, p, opts('exact-1d'))).rejects.toThrow(/needs one column/)
  })
})

describe('Sinkhorn bracket and sliced bound', () => {
  it('lower ≤ exact ≤ upper, and the bracket closes to the requested gap', async () => {
    const p = gaussian(7, 120, 4),
      q = gaussian(8, 100, 4, 0.7)
    const exact = (await computeW1(p, q, opts('exact'))).value
    const s = await computeW1(p, q, opts('sinkhorn', {gap: 0.02}))
    expect(s.lower).toBeLessThanOrEqual(exact + 1e-12)
    expect(s.upper!).toBeGreaterThanOrEqual(exact - 1e-12)
    expect(s.converged).toBe(true)
    expect((s.upper! - s.lower) / s.upper!).toBeLessThanOrEqual(0.02)
    expect(s.sinkhornDivergence).not.toBeNull()
  })

  it('stays finite at ε = 1e-6 × diameter (log domain) and says when it stopped early', async () => {
    const p = gaussian(9, 30, 2),
      q = gaussian(10, 30, 2, 1)
    const s = await computeW1(p, q, opts('sinkhorn', {epsilon: 1e-6, maxIter: 30, gap: 1e-9}))
    expect(Number.isFinite(s.lower) && Number.isFinite(s.upper!)).toBe(true)
    expect(s.converged).toBe(false)
  })

  it('properties on random inputs: symmetry, triangle inequality, lower ≤ exact ≤ upper, sliced ≤ exact', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({min: 0, max: 1e6}),
        fc.integer({min: 2, max: 12}),
        fc.integer({min: 2, max: 12}),
        fc.integer({min: 1, max: 3}),
        async (seed, n, m, d) => {
          const a = gaussian(seed, n, d),
            b = gaussian(seed + 1, m, d, 0.5),
            c = gaussian(seed + 2, n, d, -0.3)
          const ab = (await computeW1(a, b, opts('exact'))).value
          const ba = (await computeW1(b, a, opts('exact'))).value
          const ac = (await computeW1(a, c, opts('exact'))).value
          const cb = (await computeW1(c, b, opts('exact'))).value
          const s = await computeW1(a, b, opts('sinkhorn', {gap: 0.05, maxIter: 500}))
          const sl = await computeW1(a, b, opts('sliced', {projections: 20}))
          const tol = 1e-9 * (1 + ab)
          expect(Math.abs(ab - ba)).toBeLessThanOrEqual(tol)
          expect(ab).toBeLessThanOrEqual(ac + cb + tol)
          expect(s.lower).toBeLessThanOrEqual(ab + tol)
          expect(s.upper!).toBeGreaterThanOrEqual(ab - tol)
          expect(sl.value).toBeLessThanOrEqual(ab + tol)
        },
      ),
      {seed: 11, numRuns: 40},
    )
  })
})

describe('diameter', () => {
  it('is the largest pairwise distance of P ∪ Q', () => {
    const r = diameter(set([0, 0, 1, 0], 2), set([0, 5, 0.5, 0.5], 2))
    expect(r.exact).toBe(true)
    expect(r.value).toBeCloseTo(Math.hypot(1, 5), 14)
  })
})
