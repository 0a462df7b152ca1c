/**
 * W1's percentile bootstrap interval (src/core/twosample/w1-interval.ts) on 1-D cases whose W1 has a closed form:
 * W1(F, G) = ∫₀¹ |F⁻¹(u) − G⁻¹(u)| du (Villani 2009, Remark 2.19 (ii) for the line), so
 *   N(0, 1) vs N(0.5, 1):         F⁻¹ − G⁻¹ = −0.5          → W1 = 0.5
 *   N(0, 1) vs N(0, 2²):          (2 − 1)·Φ⁻¹(u)            → W1 = E|Z| = √(2/π)
 *   U(0, 1) vs U(0, 3):           (3 − 1)·u                  → W1 = 1
 *   Exp(mean 1) vs Exp(mean 2):   (2 − 1)·(−ln(1 − u))       → W1 = 1
 * Panel: the 4 families × 10 cases, case k = 1 … 40 draws P and Q (200 points each) from createRng(k) and resamples
 * with seed 1000 + k; the seeds are the first 40, fixed before the test was first run. With coverage 95 % the number
 * of intervals that contain the truth is about Binomial(40, 0.95) (mean 38, P(≤ 33) ≈ 0.0034, scipy.stats.binom.cdf(33, 40, 0.95)): at least 34 required,
 * and an interval that never misses because it is huge is caught by the width test. At this commit: 37 of 40 (the
 * misses: case 15, uniform; cases 28 and 32, exponential, each just above the truth).
 */
import {describe, expect, it} from 'vitest'
import {computeW1} from '../../../src/core/ot/w1.js'
import {makeSampleSet, type SampleSet} from '../../../src/core/sampleset.js'
import {createRng, type Rng} from '../../../src/core/stats/rng.js'
import {w1BootstrapInterval} from '../../../src/core/twosample/index.js'
import {setWorkBudget} from '../../../src/core/work-budget.js'

const w1 = {method: 'auto' as const, gap: 0.01, maxIter: 2000, projections: 100, seed: 1}

function column(values: number[], name: string): SampleSet {
  return makeSampleSet(Float64Array.from(values), values.length, 1, ['x'], name)
}

type Family = {name: string; truth: number; draw: (rng: Rng, n: number) => [number[], number[]]}
const FAMILIES: Family[] = [
  {
    name: 'N(0,1) vs N(0.5,1)',
    truth: 0.5,
    draw: (r, n) => [Array.from({length: n}, () => r.normal()), Array.from({length: n}, () => 0.5 + r.normal())],
  },
  {
    name: 'N(0,1) vs N(0,4)',
    truth: Math.sqrt(2 / Math.PI),
    draw: (r, n) => [Array.from({length: n}, () => r.normal()), Array.from({length: n}, () => 2 * r.normal())],
  },
  {
    name: 'U(0,1) vs U(0,3)',
    truth: 1,
    draw: (r, n) => [Array.from({length: n}, () => r.uniform()), Array.from({length: n}, () => 3 * r.uniform())],
  },
  {
    name: 'Exp(1) vs Exp(mean 2)',
    truth: 1,
    draw: (r, n) => [
      Array.from({length: n}, () => -Math.log(1 - r.uniform())),
      Array.from({length: n}, () => -2 * Math.log(1 - r.uniform())),
    ],
  },
]

async function intervalOf(f: Family, seed: number, n: number, resamples = 199) {
  const [a, b] = f.draw(createRng(seed), n)
  const p = column(a, 'P'),
    q = column(b, 'Q')
  const observed = await computeW1(p, q, w1)
  const out = await w1BootstrapInterval(p, q, observed, {resamples, seed: 1000 + seed, w1})
  if (!('interval' in out)) throw new Error(out.skipped)
  return {observed: observed.value, ...out.interval}
}

describe("W1's percentile bootstrap interval", () => {
  it('covers the closed-form W1 at about 95 %: at least 34 of 40 seeded 1-D cases (200 vs 200)', async () => {
    let covered = 0
    const misses: string[] = []
    for (let k = 1; k <= 40; k++) {
      const f = FAMILIES[(k - 1) % 4]
      const i = await intervalOf(f, k, 200)
      expect(i.lower).toBeLessThanOrEqual(i.observed)
      expect(i.upper).toBeGreaterThanOrEqual(i.observed)
      expect(i.upper).toBeGreaterThan(i.lower)
      if (i.lower <= f.truth && f.truth <= i.upper) covered++
      else misses.push(`case ${k} ${f.name}: [${i.lower}, ${i.upper}] vs ${f.truth}`)
    }
    expect(covered, misses.join('; ')).toBeGreaterThanOrEqual(34)
  }, 60_000)

  it('shrinks with n: 16 times the points give about a quarter of the width (less than half required)', async () => {
    const f = FAMILIES[0]
    const small = await intervalOf(f, 7, 100)
    const large = await intervalOf(f, 7, 1600)
    expect(large.upper - large.lower).toBeLessThan((small.upper - small.lower) / 2)
  }, 60_000)

  it('covers the sampling spread, not the bias: two samples of one 8-D normal (true W1 = 0) sit wholly above 0', async () => {
    // The documented caveat, shown: in 8-D the plug-in W1 of 100 vs 100 points of N(0, I) is far from 0 (its bias,
    // of order n^(−1/8)), and so is every resample's; the interval says nothing about W1 = 0.
    const rng = createRng(77)
    const draw = () =>
      makeSampleSet(
        Float64Array.from({length: 100 * 8}, () => rng.normal()),
        100,
        8,
        Array.from({length: 8}, (_, c) => `x${c}`),
        'N(0, I)',
      )
    const p = draw(),
      q = draw()
    const observed = await computeW1(p, q, {...w1, method: 'exact'})
    const out = await w1BootstrapInterval(p, q, observed, {resamples: 19, seed: 5, w1: {...w1, method: 'exact'}})
    if (!('interval' in out)) throw new Error(out.skipped)
    expect(out.interval.lower).toBeGreaterThan(0.5 * observed.value)
  }, 60_000)

  it('states its level, method, resamples and seed, and the same seed gives the same interval', async () => {
    const a = await intervalOf(FAMILIES[1], 3, 150, 49)
    const b = await intervalOf(FAMILIES[1], 3, 150, 49)
    expect(a).toEqual(b)
    expect(a).toMatchObject({level: 0.95, method: 'percentile bootstrap', resamples: 49, seed: 1003})
  })

  it('is skipped, with the reason naming the resamples, when the estimated solves exceed the time budget', async () => {
    const previous = setWorkBudget(1e-6)
    try {
      const p = column([0, 1, 2, 3, 4, 5], 'P'),
        q = column([1, 2, 3, 4, 5, 6], 'Q')
      const out = await w1BootstrapInterval(p, q, await computeW1(p, q, w1), {resamples: 199, seed: 1, w1})
      expect(out).toHaveProperty('skipped')
      expect('skipped' in out && out.skipped).toMatch(/would take about .*⟨w1Bootstrap⟩/)
    } finally {
      setWorkBudget(previous)
    }
  })

  it('refuses fewer than 2 resamples and weighted sets', async () => {
    const p = column([0, 1, 2], 'P')
    const observed = await computeW1(p, p, w1)
    await expect(w1BootstrapInterval(p, p, observed, {resamples: 1, seed: 1, w1})).rejects.toThrow(/≥ 2/)
    const weighted = {...p, weights: Float64Array.of(1, 2, 3)}
    expect(await w1BootstrapInterval(weighted, p, observed, {resamples: 9, seed: 1, w1})).toHaveProperty('skipped')
  })
})
