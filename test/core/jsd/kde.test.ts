import {describe, expect, it} from 'vitest'
import {InputError} from '../../../src/core/errors.js'
import {computeJsd, kdeJsd} from '../../../src/core/jsd/index.js'
import {GAUSSIAN_SHIFT_JSD, gaussian, setOf, uniform} from './sets.js'

describe('KDE JSD', () => {
  it('1-D Gaussians N(0,1) vs N(μ,1) (n = 1500 each): within 0.03 nats of the quadrature values (docs/estimators.md "KDE JSD")', async () => {
    for (const mu of ['0.5', '1', '2', '4']) {
      const r = await computeJsd(gaussian(1500, 1, [0], 11), gaussian(1500, 1, [Number(mu)], 12), {
        method: 'kde',
        seed: 1,
      })
      expect(Math.abs(r.value - GAUSSIAN_SHIFT_JSD[mu])).toBeLessThan(0.03)
    }
  })
  it('U[0,1] vs U[a,1+a] gives a·ln 2 (n = 2000, loose tolerance for boundary bias)', async () => {
    for (const a of [0.25, 0.5]) {
      const r = await computeJsd(uniform(2000, 0, 21), uniform(2000, a, 22), {method: 'kde', seed: 1})
      expect(Math.abs(r.value - a * Math.LN2)).toBeLessThan(0.05)
    }
  })
  it('far-apart clusters give ln 2; identical sets give exactly 0', async () => {
    const far = await computeJsd(gaussian(100, 2, [0, 0], 1), gaussian(100, 2, [1000, 0], 2), {method: 'kde', seed: 1})
    expect(far.value).toBeCloseTo(Math.LN2, 4) // the pooled spread makes the bandwidth ~1/5 of the gap: overlap ~e^(−12)
    const p = gaussian(100, 2, [0, 0], 3)
    const same = await computeJsd(p, p, {method: 'kde', seed: 1})
    expect(same.value).toBe(0)
    expect(same.bandwidth!.rule).toBe('scott')
  })
  it('works on data on a line in R³ (where full-covariance KDE fails) and on a constant column', () => {
    const line = (n: number, off: number, seed: number) => {
      const g = gaussian(n, 1, [off], seed)
      return setOf(Array.from(g.data, (t) => [t, 2 * t, 7]))
    }
    const r = kdeJsd(line(300, 0, 1), line(300, 1, 2), 'scott')
    expect(Number.isFinite(r.raw)).toBe(true)
    expect(r.raw).toBeGreaterThan(0.03)
    expect(r.raw).toBeLessThan(0.3)
  })
  it('each set’s bandwidth is the Scott factor of its own size times its own spread, in input units (also after internal scaling)', async () => {
    const p = setOf([[0], [1], [2], [3]]),
      q = setOf([[4], [6], [8], [10], [12], [14], [16], [18]])
    const r = await computeJsd(p, q, {method: 'kde', seed: 1})
    // P = 0..3: sample sd √(5/3), factor 4^(−1/5); Q = 4, 6, …, 18: sample sd 2·√6, factor 8^(−1/5)
    expect(r.bandwidth!.p.widths[0]).toBeCloseTo(4 ** -0.2 * Math.sqrt(5 / 3), 12)
    expect(r.bandwidth!.q.widths[0]).toBeCloseTo(8 ** -0.2 * 2 * Math.sqrt(6), 12)
    expect(r.bandwidth!.p.factor).toBeCloseTo(4 ** -0.2, 14)
    const fixed = await computeJsd(p, q, {method: 'kde', bandwidth: 0.5, seed: 1})
    expect(fixed.bandwidth!.p.widths[0]).toBe(0.5)
    expect(fixed.bandwidth!.q.widths[0]).toBe(0.5)
    expect(fixed.bandwidth!.rule).toBe('fixed')
  })
  it('warns when d is large enough that the bandwidth dominates', async () => {
    const r = await computeJsd(gaussian(50, 8, Array(8).fill(0), 1), gaussian(50, 8, Array(8).fill(0.5), 2), {
      method: 'kde',
      seed: 1,
    })
    expect(r.warnings.join(' ')).toMatch(/dominated by the bandwidth.*⟨jsd.method⟩ noisy/)
  })
  it('bits, bootstrap interval and baseline', async () => {
    const p = gaussian(300, 1, [0], 1),
      q = gaussian(300, 1, [1], 2)
    const r = await computeJsd(p, q, {method: 'kde', base: 2, bootstrap: 30, baseline: true, seed: 5})
    const nats = await computeJsd(p, q, {method: 'kde', seed: 5})
    expect(r.unit).toBe('bits')
    expect(r.value).toBeCloseTo(nats.value / Math.LN2, 12)
    expect(r.ci![0]).toBeLessThanOrEqual(r.ci![1])
    expect(r.ci![0]).toBeLessThan(r.value + 0.1)
    expect(r.ci![1]).toBeGreaterThan(r.value - 0.1)
    expect(r.baseline!.n).toBe(150)
    expect(r.baseline!.value).toBeLessThan(r.value)
  })
  it('bad input: one point, bad bandwidth, mismatched columns, bootstrap of 1', async () => {
    await expect(computeJsd(setOf([[0]]), setOf([[1], [2]]), {method: 'kde', seed: 1})).rejects.toThrow(InputError)
    await expect(
      computeJsd(setOf([[0], [1]]), setOf([[1], [2]]), {method: 'kde', bandwidth: -1, seed: 1}),
    ).rejects.toThrow(/⟨bandwidth⟩/)
    await expect(
      computeJsd(
        setOf([
          [0, 1],
          [1, 1],
        ]),
        setOf([[1], [2]]),
        {method: 'kde', seed: 1},
      ),
    ).rejects.toThrow(/columns/)
    await expect(
      computeJsd(setOf([[0], [1]]), setOf([[1], [2]]), {method: 'kde', bootstrap: 1, seed: 1}),
    ).rejects.toThrow(/⟨bootstrap⟩/)
  })
})

describe('huge and tiny coordinates', () => {
  it('values near 1e200 and 1e-200 give the same KDE and kNN JSD as the unscaled data (no overflow, no NaN)', async () => {
    const p = gaussian(200, 2, [0, 0], 41),
      q = gaussian(200, 2, [1, 0], 42)
    const times = (s: typeof p, f: number) =>
      setOf(Array.from({length: s.n}, (_, i) => [s.data[2 * i] * f, s.data[2 * i + 1] * f]))
    for (const method of ['kde', 'knn'] as const) {
      const base = await computeJsd(p, q, {method, seed: 1})
      for (const f of [2 ** 660, 2 ** -660]) {
        const r = await computeJsd(times(p, f), times(q, f), {method, seed: 1})
        expect(r.raw).toBeCloseTo(base.raw, 9)
        for (const v of [r.value, r.raw, ...(r.bandwidth?.p.widths ?? []), ...(r.bandwidth?.q.widths ?? [])])
          expect(Number.isFinite(v)).toBe(true)
      }
    }
  })
})
