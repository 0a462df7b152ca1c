import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {exactRefusal, exactSeconds, sinkhornSeconds, useShortlist} from '../../../src/core/ot/exact-estimate.js'
import {
  ASSIGNMENT_FASTER_N,
  AUTO_EXACT_PREFERENCE,
  autoExact,
  computeW1,
  type W1Options,
} from '../../../src/core/ot/w1.js'
import {makeSampleSet, type SampleSet} from '../../../src/core/sampleset.js'
import {createRng} from '../../../src/core/stats/rng.js'
import {setWorkBudget} from '../../../src/core/work-budget.js'

const opts = (method: W1Options['method']): W1Options => ({method, gap: 0.01, maxIter: 3000, projections: 50, seed: 1})
const line = (xs: number[]): SampleSet => makeSampleSet(Float64Array.from(xs), xs.length, 1, ['x'], 't')

describe('exact transport (network simplex) on unequal sizes', () => {
  it('agrees with the 1-D quantile formula for random unequal sets (a closed form it never uses)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({min: -50, max: 50}), {minLength: 2, maxLength: 25}),
        fc.array(fc.integer({min: -50, max: 50}), {minLength: 2, maxLength: 40}),
        async (xs, ys) => {
          fc.pre(xs.length !== ys.length)
          const exact = await computeW1(line(xs), line(ys), opts('exact'))
          const quantiles = await computeW1(line(xs), line(ys), opts('exact-1d'))
          expect(exact.method).toBe('exact')
          expect(exact.value).toBeCloseTo(quantiles.value, 10)
        },
      ),
      {seed: 11, numRuns: 100},
    )
  })

  it('auto sends 10 × 10 000 and 1000 × 1000 to exact (the network simplex beats Sinkhorn there), with a checked certificate', async () => {
    const r = createRng(3)
    const cloud = (n: number) =>
      makeSampleSet(
        Float64Array.from({length: 2 * n}, () => r.normal()),
        n,
        2,
        ['a', 'b'],
        't',
      )
    const small = cloud(10)
    expect(exactSeconds(10, 10_000, 2)).toBeLessThan(AUTO_EXACT_PREFERENCE * sinkhornSeconds(10, 10_000, 2, 3000))
    for (const q of [cloud(10_000), cloud(1000)]) {
      const w = await computeW1(q.n === 1000 ? cloud(1000) : small, q, opts('auto'))
      expect(w.method).toBe('exact')
      expect(w.certificate?.checked).toBe(true)
      expect([w.lower, w.upper]).toEqual([w.value, w.value])
      expect(Math.abs(w.certificate!.dual - w.value)).toBeLessThanOrEqual(1e-9 * w.value)
    }
  })

  it('equal unweighted sizes up to ASSIGNMENT_FASTER_N go to the Hungarian method, larger ones to the simplex; both certified and equal', async () => {
    const r = createRng(5)
    const cloud = (n: number, shift = 0) =>
      makeSampleSet(
        Float64Array.from({length: 3 * n}, (_, k) => r.normal() + (k % 3 === 0 ? shift : 0)),
        n,
        3,
        ['a', 'b', 'c'],
        't',
      )
    const n = ASSIGNMENT_FASTER_N
    const p = cloud(n + 1),
      q = cloud(n + 1, 0.5)
    const big = await computeW1(p, q, opts('exact'))
    expect(big.certificate).toMatchObject({solver: 'network-simplex', checked: true})
    // Dropping one point from each set brings the size to the threshold: the Hungarian method takes over.
    const cut = (s: SampleSet) => makeSampleSet(s.data.slice(0, 3 * n), n, 3, ['a', 'b', 'c'], 't')
    const small = await computeW1(cut(p), cut(q), opts('exact'))
    expect(small.certificate).toMatchObject({solver: 'hungarian', checked: true, pivots: null})
    // The same n × n problem through the simplex (weights make it skip the Hungarian path) gives the same value.
    const weighted = (s: SampleSet) =>
      makeSampleSet(s.data.slice(0, 3 * n), n, 3, ['a', 'b', 'c'], 't', new Float64Array(n).fill(2))
    const viaSimplex = await computeW1(weighted(p), weighted(q), opts('exact'))
    expect(viaSimplex.certificate?.solver).toBe('network-simplex')
    expect(Math.abs(viaSimplex.value - small.value)).toBeLessThanOrEqual(1e-12 * small.value)
  })

  it('refuses only pairs beyond 2^53 (the shortlist solver has no 32-bit arc limit), and a budget refusal names the faster method', async () => {
    expect(exactRefusal(1e8, 1e8, 2)).toMatch(/beyond the exact solver's limit.*⟨w1.method⟩ sinkhorn/)
    expect(exactRefusal(46_341, 46_341, 2)).toBeUndefined()
    expect(exactRefusal(10_000, 10_000, 2)).toBeUndefined()
    const r = createRng(4)
    const cloud = (n: number) =>
      makeSampleSet(
        Float64Array.from({length: 8 * n}, () => r.normal()),
        n,
        8,
        Array.from({length: 8}, (_, k) => `x${k}`),
        't',
      )
    const previous = setWorkBudget(0.05)
    try {
      // Sinkhorn on 2000² × 8 is estimated at ~6 s, exact at ~0.2 s: the refusal points to exact.
      await expect(computeW1(cloud(2000), cloud(2000), opts('sinkhorn'))).rejects.toThrow(
        /Sinkhorn W1 on 2000 × 2000.*use ⟨w1.method⟩ exact \(about \d+ s\)/,
      )
    } finally {
      setWorkBudget(previous)
    }
  })

  it("auto picks exact exactly when its estimate is below Sinkhorn's (up to the preference factor), at every size", () => {
    for (const [n, m, d] of [
      [10, 10_000, 2],
      [901, 896, 64],
      [4000, 4000, 8],
      [10_000, 10_000, 8],
      [10, 100_000, 8],
      [100, 100_000, 8],
    ] as const) {
      // From SHORTLIST_MIN_PAIRS the shortlist solver runs, and auto goes exact wherever its estimate fits the budget.
      expect(autoExact(n, m, d, 3000)).toBe(
        exactSeconds(n, m, d) <= AUTO_EXACT_PREFERENCE * sinkhornSeconds(n, m, d, 3000) ||
          (useShortlist(n, m) && exactSeconds(n, m, d) <= 1800),
      )
    }
    expect(autoExact(901, 896, 64, 3000)).toBe(true)
    expect(autoExact(10_000, 10_000, 8, 3000)).toBe(true)
    // Very unequal sizes make every pivot shift thousands of potentials: 10 × 100 000 goes to Sinkhorn.
    expect(autoExact(10, 100_000, 8, 3000)).toBe(false)
  })
})
