import {describe, expect, it} from 'vitest'
import {computeBound} from '../../../src/core/bound/index.js'
import {computeJsd} from '../../../src/core/jsd/index.js'
import {makeSampleSet} from '../../../src/core/sampleset.js'
import {createRng} from '../../../src/core/stats/rng.js'
import {setOf} from './sets.js'

/**
 * Issue 13 item 1. P = 100 points x_i (weight 1/100 each); Q = the same points with weight (1 − ε)/100 each plus one
 * point at 1e6 with weight ε = 1e-4. With noise of radius R ≪ 1e6 the far ball meets nothing, so near the x_i
 * q̃ = (1 − ε)·p̃ exactly and on the far ball p̃ = 0. Hence, whatever σ and the x_i are,
 *   KL(P̃‖M̃) = log(2/(2 − ε)),  KL(Q̃‖M̃) = (1 − ε)·log(2(1 − ε)/(2 − ε)) + ε·ln 2,
 *   JSD = ½(KL(P̃‖M̃) + KL(Q̃‖M̃)) = ε·ln 2/2 + ε²/8 + O(ε³) = 3.46586e-5 nats.
 */
const EPS = 1e-4
const CLOSED = 0.5 * (Math.log(2 / (2 - EPS)) + (1 - EPS) * Math.log((2 * (1 - EPS)) / (2 - EPS)) + EPS * Math.LN2)

function farPair() {
  const rng = createRng(13)
  const xs = Array.from({length: 100}, () => 0.1 * rng.normal())
  const p = setOf(xs.map((x) => [x]))
  const qRows = [...xs.map((x) => [x]), [1e6]]
  const w = Float64Array.from([...xs.map(() => (1 - EPS) / 100), EPS])
  const q = makeSampleSet(Float64Array.from(qRows.flat()), 101, 1, ['x0'], 'q', w)
  return {p, q}
}

describe('noisy JSD: a far component of mass below 1/draws', () => {
  it('is accounted for exactly: the JSD is the closed form 3.46586e-5 nats, with an honest (≈ 0) standard error', async () => {
    expect(CLOSED).toBeCloseTo((EPS * Math.LN2) / 2 + (EPS * EPS) / 8, 12)
    const {p, q} = farPair()
    const r = await computeJsd(p, q, {method: 'noisy', sigma: 1, seed: 7})
    expect(Math.abs(r.raw - CLOSED)).toBeLessThan(1e-10)
    expect(r.stderr!).toBeLessThan(1e-12)
    expect(r.exactComponents).toEqual({p: 0, q: 1})
    expect(r.upper!).toBeGreaterThanOrEqual(r.raw)
  })

  it('the bound holds: W1 = 100 ≤ 2√V + 2C√JSD ≈ 11,776 (not 2√V ≈ 1.99)', async () => {
    const {p, q} = farPair()
    const b = await computeBound(p, q, {sigma: 1, seed: 7})
    expect(b.w1).toBeCloseTo(100, 3)
    const expected = b.noiseTerm + 2 * b.C * Math.sqrt(CLOSED)
    expect(Math.abs(b.value - expected) / expected).toBeLessThan(1e-5)
    expect(b.value).toBeGreaterThan(11_700)
    expect(b.holds).toBe(true)
    expect(b.upper).toBeGreaterThanOrEqual(b.value)
    expect(b.confidence).toBe(0.999)
    expect(b.warnings.join(' ')).not.toMatch(/NOT hold/)
  })

  it('unweighted: 500 points of N(0,1) against the same with one moved to 1e5 — the moved point counts, the bound holds', async () => {
    const rng = createRng(5)
    const xs = Array.from({length: 500}, () => [rng.normal()])
    const p = setOf(xs),
      q = setOf([[1e5], ...xs.slice(1)])
    const j = await computeJsd(p, q, {method: 'noisy', sigma: 0.5, seed: 3})
    expect(j.exactComponents).toEqual({p: 0, q: 1})
    // The far point alone contributes ½·(1/500)·ln 2 = 6.93e-4 to ½KL(Q̃‖M̃); P's unmatched point adds a little more.
    expect(j.raw).toBeGreaterThan((0.5 * Math.LN2) / 500 - 4 * j.stderr!)
    const b = await computeBound(p, q, {sigma: 0.5, seed: 3})
    expect(b.w1).toBeGreaterThan(199)
    expect(b.holds).toBe(true)
  })

  it('the standard error is honest: over 40 seeds a small two-cluster case stays within 4 standard errors of a long run', async () => {
    // Q has 2 % of its mass in a cluster 3σ away that overlaps P's noise (not disjoint): sampled, never skipped.
    const rng = createRng(21)
    const p = setOf(Array.from({length: 50}, () => [0.2 * rng.normal()]))
    const q = setOf([...Array.from({length: 49}, () => [0.2 * rng.normal()]), [3]])
    const ref = await computeJsd(p, q, {method: 'noisy', sigma: 1, draws: 200_000, seed: 99})
    let outside = 0
    for (let s = 0; s < 40; s++) {
      const r = await computeJsd(p, q, {method: 'noisy', sigma: 1, draws: 400, seed: 1000 + s})
      if (Math.abs(r.raw - ref.raw) > 4 * Math.hypot(r.stderr!, ref.stderr!)) outside++
    }
    expect(outside).toBeLessThanOrEqual(1)
  })
})
