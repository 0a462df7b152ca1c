import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {EXACT_MAX_WORK, exactTransportRefusal, exactTransportWork} from '../../../src/core/ot/exact.js'
import {AUTO_EXACT_WORK, computeW1, type W1Options} from '../../../src/core/ot/w1.js'
import {makeSampleSet, type SampleSet} from '../../../src/core/sampleset.js'
import {createRng} from '../../../src/core/stats/rng.js'

const opts = (method: W1Options['method']): W1Options => ({method, gap: 0.01, maxIter: 3000, projections: 50, seed: 1})
const line = (xs: number[]): SampleSet => makeSampleSet(Float64Array.from(xs), xs.length, 1, ['x'], 't')

describe('exact transport (successive shortest paths) on unequal sizes', () => {
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

  it('auto sends 10 × 10 000 to Sinkhorn (the exact solver would take ~24 s) and 10 × 1000 to exact', async () => {
    const r = createRng(3)
    const cloud = (n: number) => makeSampleSet(Float64Array.from({length: 2 * n}, () => r.normal()), n, 2, ['a', 'b'], 't')
    const small = cloud(10)
    expect(exactTransportWork(10, 10_000)).toBeGreaterThan(AUTO_EXACT_WORK)
    expect((await computeW1(small, cloud(1000), opts('auto'))).method).toBe('exact')
    const big = await computeW1(small, cloud(10_000), opts('auto'))
    expect(big.method).toBe('sinkhorn')
    expect(big.lower).toBeLessThanOrEqual(big.upper!)
    // S_ε's 10 000² self term would cost 1000× the bracket: reported as skipped, with the reason.
    expect(big.sinkhornDivergence).toBeNull()
    expect(big.sinkhornDivergenceSkipped).toMatch(/sizes differ by more than 16×/)
  })

  it('refuses, with the way out, sizes whose work or cost matrix is beyond its limits', () => {
    expect(exactTransportRefusal(1000, 1000)).toBeUndefined()
    expect(exactTransportRefusal(1001, 1000)).toMatch(/too large.*--method sinkhorn/)
    expect(exactTransportWork(20, 50_000)).toBeGreaterThan(EXACT_MAX_WORK)
    expect(exactTransportRefusal(20, 50_000)).toMatch(/would take minutes.*--sample N/)
  })
})
