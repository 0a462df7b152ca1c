import {describe, expect, it} from 'vitest'
import {computeJsd} from '../../../src/core/jsd/index.js'
import {GAUSSIAN_SHIFT_JSD, gaussian, setOf} from './sets.js'

describe('kNN JSD (Ross 2014 mutual-information form)', () => {
  it('1-D Gaussians N(0,1) vs N(μ,1) (n = 1500, k = 5): within 0.03 nats of the quadrature values', async () => {
    for (const mu of ['0.5', '1', '2', '4']) {
      const r = await computeJsd(gaussian(1500, 1, [0], 31), gaussian(1500, 1, [Number(mu)], 32), {
        method: 'knn',
        k: 5,
        seed: 1,
      })
      expect(Math.abs(r.raw - GAUSSIAN_SHIFT_JSD[mu])).toBeLessThan(0.03)
    }
  })
  it('far-apart clusters give ψ(N) − ψ(N/2) ≈ ln 2', async () => {
    const r = await computeJsd(gaussian(200, 2, [0, 0], 1), gaussian(200, 2, [100, 0], 2), {method: 'knn', seed: 1})
    expect(r.raw).toBeCloseTo(Math.LN2, 2)
  })
  it('subsamples the larger set to equal size and says so', async () => {
    const r = await computeJsd(gaussian(400, 1, [0], 1), gaussian(100, 1, [1], 2), {method: 'knn', seed: 1})
    expect(r.n).toBe(100)
    expect(r.m).toBe(100)
    expect(r.warnings.join(' ')).toMatch(/subsampled to 100/)
  })
  it('duplicates are jittered (finite result, warning) and raw may be negative while value is clamped', async () => {
    const rows = Array.from({length: 60}, (_, i) => [i % 10])
    const r = await computeJsd(setOf(rows), setOf(rows.map((x) => [x[0] + 0.01])), {method: 'knn', k: 3, seed: 1})
    expect(Number.isFinite(r.raw)).toBe(true)
    expect(r.value).toBeGreaterThanOrEqual(0)
    expect(r.warnings.join(' ')).toMatch(/jitter/)
  })
  it('k ≥ n and weights are input errors', async () => {
    await expect(
      computeJsd(setOf([[0], [1], [2]]), setOf([[1], [2], [3]]), {method: 'knn', k: 3, seed: 1}),
    ).rejects.toThrow(/-k 3/)
    const w = {...setOf([[0], [1], [2]]), weights: Float64Array.from([0.2, 0.3, 0.5])}
    await expect(computeJsd(w, setOf([[1], [2], [3]]), {method: 'knn', k: 1, seed: 1})).rejects.toThrow(/weights/)
  })
})
