import {describe, expect, it} from 'vitest'
import {exactW1D} from '../../../src/core/ot/exact1d.js'
import {CERTIFICATE_TOL, certified, computeW1} from '../../../src/core/ot/w1.js'
import {FAR_TRUTH, readWeighted} from './reference/far-point.js'

const opts = {gap: 0.01, maxIter: 2000, projections: 10, seed: 1}

// Issue 19 item 6: one point at 1e12 (1e6 for p = 2) of weight 1e-12. Before the fix the network simplex stopped
// 18 % (2-D), 0.8 % (1-D) and 54 % (1-D, p = 2) above the optimum with `checked: true`, and exact-1d was 1.6e-5 off.
describe('exact W_p with one far point of tiny weight (truths: scripts/w1-far-point.py)', () => {
  const cases = [
    ['far', 1, FAR_TRUTH.far2d],
    ['far1d', 1, FAR_TRUTH.far1d],
    ['far1d2', 2, FAR_TRUTH.far1d2],
  ] as const
  for (const [name, p, truth] of cases) {
    it(`${name}, p = ${p}: the network simplex finds the optimum and certifies it`, async () => {
      const P = readWeighted(`${name}-p.csv`),
        Q = readWeighted(`${name}-q.csv`)
      const r = await computeW1(P, Q, {...opts, method: 'exact', p})
      expect(Math.abs(r.value - truth)).toBeLessThanOrEqual(1e-12 * truth)
      expect(r.certificate?.checked).toBe(true)
      expect(r.converged).toBe(true)
      // The certificate's own claim, checked here against the truth: its dual is a lower bound within tolerance.
      expect(r.certificate!.dual).toBeLessThanOrEqual(truth * (1 + 1e-12))
      expect(truth - r.certificate!.dual).toBeLessThanOrEqual(2 * CERTIFICATE_TOL * truth)
    })
  }

  for (const [name, p, truth] of cases.slice(1)) {
    // Old code, far1d: 0.5851415229 against 0.5851507235 (9.2e-6 low), the figure.
    it(`${name}, p = ${p}: exact-1d merges the two CDFs without cancellation`, async () => {
      const P = readWeighted(`${name}-p.csv`),
        Q = readWeighted(`${name}-q.csv`)
      const direct = exactW1D(P.data, P.weights!, Q.data, Q.weights!, p)
      expect(Math.abs(direct - truth)).toBeLessThanOrEqual(1e-13 * truth)
      const r = await computeW1(P, Q, {...opts, method: 'exact-1d', p})
      expect(Math.abs(r.value - truth)).toBeLessThanOrEqual(1e-13 * truth)
    })
  }

  it('exact-1d: a breakpoint shared by both CDFs after many unequal steps is met exactly (no leftover mass)', () => {
    // 1/10 summed ten times is not 1 in float64: both CDFs must still end together, with the far atoms matched.
    const x = Float64Array.from({length: 11}, (_, i) => (i < 10 ? i / 10 : 1e12))
    const wx = Float64Array.from({length: 11}, (_, i) => (i < 10 ? 0.1 : 1e-15))
    const y = Float64Array.from({length: 3}, (_, i) => (i < 2 ? i : 1e12))
    const wy = Float64Array.of(0.5, 0.5, 1e-15)
    // Exact: far to far costs 0; the rest moves 0..0.9 to {0, 1}: 0.1·(0 + .1 + .2 + .3 + .4) + 0.1·(.5 + .4 + .3 + .2 + .1) = 0.25
    // (weights renormalised by 1 + 1e-15 in each set alike, so the far atoms match exactly).
    expect(Math.abs(exactW1D(x, wx, y, wy, 1) - 0.25 / (1 + 1e-15))).toBeLessThanOrEqual(1e-15)
  })
})

describe('the exact certificate claims only what it checked', () => {
  it('is relative to the value: the issue-19 pair (value 0.7437058, dual 0.7429617) is not certified', () => {
    expect(certified(0.7437058, 0.7429617, 0)).toBe(false)
    // Within 1e-9 of the value it is, unless the dual's own rounding bound eats the margin.
    expect(certified(0.7437058, 0.7437058 * (1 - 5e-10), 0)).toBe(true)
    expect(certified(1, 1 - 5e-10, 1e-10)).toBe(true)
    expect(certified(1, 1 - 5e-10, 1e-9)).toBe(false)
    expect(certified(0, 0, 0)).toBe(true)
  })
})
