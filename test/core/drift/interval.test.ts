/**
 * The drift gates' bootstrap intervals (src/core/drift/interval.ts): coverage against closed forms, width against n,
 * and what they leave alone. Seeds are consecutive integers from a round start, fixed before the first run.
 */
import {describe, expect, it} from 'vitest'
import {computeDrift, type DriftOptions, decisionRule} from '../../../src/core/drift/index.js'
import {columnIntervals} from '../../../src/core/drift/interval.js'
import type {ColumnDrift, NumericDrift} from '../../../src/core/drift/types.js'
import {createRng} from '../../../src/core/stats/rng.js'
import {setWorkBudget} from '../../../src/core/work-budget.js'

const normals = (seed: number, n: number, shift = 0) => {
  const r = createRng(seed)
  return Float64Array.from({length: n}, () => r.normal() + shift)
}
const sorted = (v: Float64Array) => Float64Array.from(v).sort()

/** Φ(x) by Simpson's rule on the normal density over [−12, x] (20 000 panels: error far below 1e-10). */
function Phi(x: number): number {
  if (x < -12) return 0
  if (x > 12) return 1
  const a = -12,
    k = 20000,
    h = (x - a) / k
  const f = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI)
  let s = f(a) + f(x)
  for (let i = 1; i < k; i++) s += (i % 2 ? 4 : 2) * f(a + i * h)
  return (s * h) / 3
}

/** Φ⁻¹ by bisection on Phi. */
function PhiInverse(p: number): number {
  let lo = -10,
    hi = 10
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2
    if (Phi(mid) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** PSI of N(δ, 1) against N(0, 1) on N(0, 1)'s deciles (no proportion is near the 1e-4 floor for δ = 0.5). */
function truePsi(delta: number): number {
  const edges = [-Infinity, ...Array.from({length: 9}, (_, k) => PhiInverse((k + 1) / 10)), Infinity]
  let psi = 0
  for (let b = 0; b < 10; b++) {
    const q = Phi(edges[b + 1] - delta) - Phi(edges[b] - delta)
    psi += (q - 0.1) * Math.log(q / 0.1)
  }
  return psi
}

describe('drift bootstrap intervals', () => {
  it('cover the closed-form W1/σ (= δ) and PSI at about 95 %: at least 34 of 40 seeded cases (1 000 vs 1 000, δ = 0.5)', () => {
    // Binomial(40, 0.95): P(≤ 33 covered) ≈ 0.014. P from seed 2k − 1, Q from seed 2k, resamples from seed 100 + k.
    const delta = 0.5,
      psi = truePsi(delta)
    let w1Covered = 0,
      psiCovered = 0
    for (let k = 1; k <= 40; k++) {
      const iv = columnIntervals(
        sorted(normals(2 * k - 1, 1000)),
        sorted(normals(2 * k, 1000, delta)),
        {resamples: 199, seed: 100 + k},
        createRng(100 + k),
      )
      if ('skipped' in iv.w1NormedInterval || 'skipped' in iv.psiInterval) throw new Error('interval skipped')
      if (iv.w1NormedInterval.lower <= delta && delta <= iv.w1NormedInterval.upper) w1Covered++
      if (iv.psiInterval.lower <= psi && psi <= iv.psiInterval.upper) psiCovered++
    }
    expect(w1Covered, `W1/σ covered ${w1Covered} of 40`).toBeGreaterThanOrEqual(34)
    expect(psiCovered, `PSI ${psi} covered ${psiCovered} of 40`).toBeGreaterThanOrEqual(34)
  }, 60_000)

  it('shrink with n: 16 times the points give about a quarter of the width (less than half required)', () => {
    const width = (n: number) => {
      const iv = columnIntervals(
        sorted(normals(1, n)),
        sorted(normals(2, n, 0.5)),
        {resamples: 199, seed: 3},
        createRng(3),
      )
      if ('skipped' in iv.w1NormedInterval || 'skipped' in iv.psiInterval) throw new Error('interval skipped')
      return [iv.w1NormedInterval.upper - iv.w1NormedInterval.lower, iv.psiInterval.upper - iv.psiInterval.lower]
    }
    const [w1Small, psiSmall] = width(250),
      [w1Big, psiBig] = width(4000)
    expect(w1Big / w1Small).toBeLessThan(0.5)
    expect(psiBig / psiSmall).toBeLessThan(0.5)
  })

  it('computeDrift: the statistics are unchanged, the draws fixed by the seed, a constant P skipped with the reason', () => {
    const columns = [
      {name: 'moved', kind: 'numeric' as const, p: normals(1, 300), q: normals(2, 300, 0.4)},
      {name: 'flat', kind: 'numeric' as const, p: new Float64Array(300).fill(2), q: normals(3, 300)},
      {name: 'same', kind: 'numeric' as const, p: normals(4, 300), q: normals(5, 300)},
    ]
    const base: DriftOptions = {bins: 20, rule: decisionRule()}
    const plain = computeDrift(columns, base)
    const withIv = computeDrift(columns, {...base, intervals: {resamples: 99, seed: 7}})
    const strip = (c: ColumnDrift) => {
      const {w1NormedInterval: _a, psiInterval: _b, ...rest} = c as NumericDrift
      return rest
    }
    expect(withIv.columns.map(strip)).toEqual(plain.columns)
    expect(computeDrift(columns, {...base, intervals: {resamples: 99, seed: 7}})).toEqual(withIv)
    const byName = Object.fromEntries(withIv.columns.map((c) => [c.name, c as NumericDrift]))
    expect(byName.flat.w1NormedInterval).toEqual({
      skipped: 'P or one of its resamples is constant (standard deviation 0): W1 / std(P) is undefined there',
    })
    expect(byName.flat.psiInterval).toMatchObject({resamples: 99, seed: 7, method: 'percentile bootstrap'})
    const moved = byName.moved.w1NormedInterval!
    if ('skipped' in moved) throw new Error('skipped')
    expect(moved.lower).toBeLessThan(byName.moved.w1Normed!)
    expect(moved.upper).toBeGreaterThan(byName.moved.w1Normed!)
  })

  it('skipped, with the way out, when the resamples would exceed the work budget', () => {
    const before = setWorkBudget(1e-3)
    try {
      const r = computeDrift([{name: 'a', kind: 'numeric', p: normals(1, 20000), q: normals(2, 20000)}], {
        bins: 20,
        rule: decisionRule(),
        intervals: {resamples: 999, seed: 1},
      })
      const c = r.columns[0] as NumericDrift
      expect(c.w1NormedInterval).toEqual(c.psiInterval)
      expect(c.psiInterval).toMatchObject({skipped: expect.stringMatching(/999 bootstrap resamples.*⟨bootstrap⟩ \d+/)})
    } finally {
      setWorkBudget(before)
    }
  })
})
