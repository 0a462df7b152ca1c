import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {computeJsd, knnJsd} from '../../../src/core/jsd/index.js'
import {knnSelf} from '../../../src/core/knn/index.js'
import {digamma} from '../../../src/core/stats/gamma.js'
import {createRng} from '../../../src/core/stats/rng.js'
import {GAUSSIAN_SHIFT_JSD, gaussian, setOf} from './sets.js'

/**
 * The estimator as its definition reads (and as divergence computed it before issue 11): every pooled point scans
 * all N pooled points in float64 for r_i (k-th nearest of its own set) and m_i (pooled points within r_i).
 * Equal sizes, no duplicates (the cases where nothing is subsampled or jittered).
 */
function definition(a: number[][], b: number[][], k: number): number {
  const z = [...a, ...b],
    N = z.length,
    size = a.length
  const sq = (u: number[], v: number[]) => {
    let s = 0
    for (let c = 0; c < u.length; c++) {
      const t = u[c] - v[c]
      s += t * t
    }
    return s
  }
  let sumPsiM = 0
  for (let i = 0; i < N; i++) {
    const own = z
      .map((v, j) => ({j, s: sq(z[i], v)}))
      .filter((e) => e.j !== i && e.j < size === i < size)
      .map((e) => e.s)
      .sort((x, y) => x - y)
    const rk = own[k - 1]
    let mi = 0
    for (let j = 0; j < N; j++) if (j !== i && sq(z[i], z[j]) <= rk) mi++
    sumPsiM += digamma(mi)
  }
  return digamma(N) + digamma(k) - digamma(size) - sumPsiM / N
}

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
  it('property: equals the pooled brute-force definition bit for bit (ties, near-ties, d ≤ 40), with or without shared graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 40}),
        fc.integer({min: 4, max: 90}),
        fc.integer({min: 1, max: 3}),
        fc.boolean(),
        fc.integer({min: 1, max: 1e6}),
        (d, size, k, grid, seed) => {
          const rng = createRng(seed)
          // Grid values give exact distance ties between and within sets (but no duplicate points); continuous values
          // with copies moved by 1e-9 relative give near-ties that only float64 can order.
          const draw = (shift: number) =>
            Array.from({length: size}, (_, i) =>
              Array.from({length: d}, (_, c) =>
                grid ? Math.round(4 * rng.normal()) / 2 + (c === 0 ? i * 1e-3 : 0) : rng.normal() + shift,
              ),
            )
          const a = draw(0),
            b = draw(0.3)
          if (!grid) for (let i = 1; i < size; i += 4) b[i] = a[i].map((x, c) => (c === 0 ? x * (1 + 1e-9) + 1e-12 : x))
          if (grid) for (let i = 0; i < size; i++) b[i][0] += 5e-4
          const want = definition(a, b, k)
          const P = setOf(a),
            Q = setOf(b)
          expect(knnJsd(P, Q, k, createRng(1)).raw).toBe(want)
          const graphs = {p: knnSelf(P, Math.min(size - 1, k + 2)), q: knnSelf(Q, Math.min(size - 1, k + 2))}
          expect(knnJsd(P, Q, k, createRng(1), undefined, graphs).raw).toBe(want)
        },
      ),
      {numRuns: 60},
    )
  })
})
