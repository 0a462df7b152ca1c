import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../../src/core/errors.js'
import {computeJsd, medianNearestNeighbour, noisySmoothedJsd} from '../../../src/core/jsd/index.js'
import {noiseVariance, truncatedGaussian} from '../../../src/core/jsd/noise.js'
import {createRng} from '../../../src/core/stats/rng.js'
import {GAUSSIAN_SHIFT_JSD, gaussian, setOf} from './sets.js'

/**
 * JSD of N(0,σ²) and N(Δ,σ²) both truncated to ±R around their centres, by Simpson quadrature on a fine grid
 * (the closed form has no elementary expression once truncated; this is our own quadrature, not a published value).
 */
function truncatedPairJsd(delta: number, sigma: number, R: number): number {
  const mass = erf(R / (sigma * Math.SQRT2))
  const dens = (x: number, c: number) =>
    Math.abs(x - c) <= R ? Math.exp(-((x - c) ** 2) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI) * mass) : 0
  const lo = -R,
    hi = delta + R,
    steps = 200000
  const h = (hi - lo) / steps
  let acc = 0
  for (let s = 0; s <= steps; s++) {
    const x = lo + s * h
    const p = dens(x, 0),
      q = dens(x, delta),
      m = 0.5 * (p + q)
    let f = 0
    if (p > 0) f += 0.5 * p * Math.log(p / m)
    if (q > 0) f += 0.5 * q * Math.log(q / m)
    acc += f * (s === 0 || s === steps ? 1 : s % 2 ? 4 : 2)
  }
  return (acc * h) / 3
}

/** erf by Abramowitz & Stegun 7.1.26 refined with a series (|error| < 1e-12 for our arguments ≤ 5). */
function erf(x: number): number {
  // Maclaurin series, converges fast for |x| ≤ 5 with enough terms in float64.
  let term = x,
    sum = x
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n
    sum += term / (2 * n + 1)
  }
  return (2 / Math.sqrt(Math.PI)) * sum
}

describe('noisy-smoothing JSD (Arjovsky & Bottou §3)', () => {
  it('X = {0}, Y = {σ}, noise effectively untruncated: JSD(N(0,σ²), N(σ,σ²)) = 0.111421 nats (docs/estimators.md "Noisy-smoothing JSD")', async () => {
    const r = await computeJsd(setOf([[0]]), setOf([[2]]), {
      method: 'noisy',
      sigma: 2,
      radius: 2 * 12,
      draws: 40000,
      seed: 1,
    })
    expect(r.stderr!).toBeLessThan(0.004)
    expect(Math.abs(r.raw - GAUSSIAN_SHIFT_JSD['1'])).toBeLessThan(4 * r.stderr!)
    expect(r.sigma).toBe(2)
    expect(r.radius).toBe(24)
  })
  it('with the default truncation R = σ·χ_1(0.999) the value matches our quadrature of the truncated pair', async () => {
    const sigma = 0.5
    const r = await computeJsd(setOf([[0]]), setOf([[0.5]]), {method: 'noisy', sigma, draws: 40000, seed: 2})
    expect(r.radius!).toBeCloseTo(sigma * 3.2905267314919255, 8) // √(χ²_1 0.999 quantile) = z_{0.9995} = 3.29053
    const expected = truncatedPairJsd(0.5, sigma, r.radius!)
    expect(Math.abs(expected - 0.111421)).toBeGreaterThan(1e-5) // truncation does change the value slightly
    expect(Math.abs(r.raw - expected)).toBeLessThan(4 * r.stderr!)
  })
  it('Δ = 2σ and 4σ match 0.336831 and 0.632720 nats within the reported standard error', async () => {
    for (const [mu, want] of [
      [2, GAUSSIAN_SHIFT_JSD['2']],
      [4, GAUSSIAN_SHIFT_JSD['4']],
    ]) {
      const r = await computeJsd(setOf([[0]]), setOf([[mu]]), {
        method: 'noisy',
        sigma: 1,
        radius: 12,
        draws: 20000,
        seed: 3,
      })
      expect(Math.abs(r.raw - want)).toBeLessThan(4 * r.stderr! + 1e-4)
    }
  })
  it('identical inputs give exactly 0 (also when the rows are permuted)', async () => {
    const a = gaussian(50, 3, [0, 0, 0], 5)
    const rows = Array.from({length: 50}, (_, i) => Array.from(a.data.subarray(i * 3, i * 3 + 3))).reverse()
    const r = await computeJsd(a, setOf(rows), {method: 'noisy', sigma: 0.3, seed: 1})
    expect(r.value).toBe(0)
    expect(r.raw).toBe(0)
    expect(r.identical).toBe(true)
  })
  it('clusters farther apart than 2R give exactly ln 2 (no component of one mixture reaches the other)', async () => {
    const r = await computeJsd(gaussian(30, 2, [0, 0], 1), gaussian(30, 2, [100, 0], 2), {
      method: 'noisy',
      sigma: 1,
      seed: 4,
    })
    expect(r.raw).toBe(Math.LN2)
    expect(r.stderr).toBe(0)
  })
  it('the adaptive default reaches a standard error ≤ 0.005 nats, and the result is deterministic', async () => {
    const p = gaussian(200, 2, [0, 0], 7),
      q = gaussian(200, 2, [0.5, 0], 8)
    const a = await computeJsd(p, q, {method: 'noisy', sigma: 0.5, seed: 9})
    const b = await computeJsd(p, q, {method: 'noisy', sigma: 0.5, seed: 9})
    expect(a.stderr!).toBeLessThanOrEqual(0.005)
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(a.raw).toBeGreaterThan(0.01)
  })
  it('scale invariance: multiplying data, σ and R by 1e150 gives the same estimate (no overflow)', async () => {
    const p = gaussian(20, 2, [0, 0], 1),
      q = gaussian(20, 2, [1, 0], 2)
    const big = (s: typeof p) =>
      setOf(Array.from({length: s.n}, (_, i) => [s.data[2 * i] * 1e150, s.data[2 * i + 1] * 1e150]))
    const a = await computeJsd(p, q, {method: 'noisy', sigma: 0.7, draws: 500, seed: 3})
    const b = await computeJsd(big(p), big(q), {method: 'noisy', sigma: 0.7e150, draws: 500, seed: 3})
    expect(b.raw).toBeCloseTo(a.raw, 9)
    expect(Number.isFinite(b.radius)).toBe(true)
  })
  it('V is dσ² untruncated and matches the truncated-normal variance at R = σ (d = 1)', () => {
    expect(noiseVariance(truncatedGaussian(2, 5, 1e3))).toBeCloseTo(5 * 4, 10)
    // Var of N(0,1) truncated to [−1,1] = 1 − 2φ(1)/(2Φ(1) − 1) (Johnson, Kotz & Balakrishnan, vol. 1 §10.1)
    const phi1 = 0.24197072451914337,
      mass = 0.6826894921370859
    expect(noiseVariance(truncatedGaussian(1, 1, 1))).toBeCloseTo(1 - (2 * phi1) / mass, 12)
  })
  it('rejects σ ≤ 0, bad radius and bad draws with InputError', async () => {
    const p = setOf([[0]]),
      q = setOf([[1]])
    await expect(computeJsd(p, q, {method: 'noisy', sigma: 0, seed: 1})).rejects.toThrow(InputError)
    await expect(computeJsd(p, q, {method: 'noisy', sigma: -1, seed: 1})).rejects.toThrow(/⟨sigma⟩/)
    await expect(computeJsd(p, q, {method: 'noisy', sigma: 1, radius: 0, seed: 1})).rejects.toThrow(/⟨radius⟩/)
    expect(() => noisySmoothedJsd(p, q, {sigma: 1, draws: 1, rng: createRng(1)})).toThrow(/⟨draws⟩/)
  })
  it('default σ is the median nearest-neighbour distance, reported with a warning', async () => {
    const r = await computeJsd(setOf([[0], [1], [2]]), setOf([[10], [11], [12]]), {
      method: 'noisy',
      draws: 200,
      seed: 1,
    })
    expect(r.sigma).toBe(1)
    expect(r.warnings.join(' ')).toMatch(/median nearest-neighbour/)
  })
})

describe('noisy JSD with sample weights', () => {
  it('weights (2/3, 1/3) on {0, 3} give the same JSD against {1} as the unweighted {0, 0, 3} (within 4 standard errors)', async () => {
    const weighted = {...setOf([[0], [3]]), weights: Float64Array.from([2 / 3, 1 / 3])}
    const a = await computeJsd(weighted, setOf([[1]]), {method: 'noisy', sigma: 1, draws: 20000, seed: 1})
    const b = await computeJsd(setOf([[0], [0], [3]]), setOf([[1]]), {method: 'noisy', sigma: 1, draws: 20000, seed: 2})
    expect(Math.abs(a.raw - b.raw)).toBeLessThan(4 * Math.hypot(a.stderr!, b.stderr!))
    // and it differs from the equal-weight {0, 3}: the weights are used
    const c = await computeJsd(setOf([[0], [3]]), setOf([[1]]), {method: 'noisy', sigma: 1, draws: 20000, seed: 3})
    expect(Math.abs(a.raw - c.raw)).toBeGreaterThan(4 * Math.hypot(a.stderr!, c.stderr!))
  })
})

describe('baseline and bootstrap on identical inputs', () => {
  it('still compute (the halves of P are not identical to each other)', async () => {
    const p = gaussian(80, 1, [0], 9)
    const r = await computeJsd(p, p, {method: 'noisy', sigma: 0.5, baseline: true, bootstrap: 5, seed: 1})
    expect(r.value).toBe(0)
    expect(r.baseline!.n).toBe(40)
    expect(r.baseline!.value).toBeGreaterThan(0)
    expect(r.ci![1]).toBeGreaterThanOrEqual(r.ci![0])
  })
})

describe('default σ: the median nearest-neighbour distance', () => {
  /** The definition as a plain float64 scan (and as divergence computed it before issue 11). */
  function definition(p: number[][], q: number[][], seed: number): number {
    // The pooled rows flattened into one Float64Array: the same float64 sums in the same order as indexing the
    // nested arrays, several times faster (this scan is most of the property's time).
    const rows = [...p, ...q],
      total = rows.length,
      d = rows[0].length
    const pooled = Float64Array.from(rows.flat())
    const rng = createRng(seed)
    const queries = Math.min(total, 2000)
    const dists: number[] = []
    for (let t = 0; t < queries; t++) {
      const i = queries === total ? t : rng.int(total)
      let best = Infinity
      for (let j = 0; j < total; j++) {
        if (j === i) continue
        let s = 0
        for (let c = 0; c < d; c++) s += (pooled[i * d + c] - pooled[j * d + c]) ** 2
        if (s > 0 && s < best) best = s
      }
      if (best < Infinity) dists.push(Math.sqrt(best))
    }
    dists.sort((x, y) => x - y)
    return dists[Math.floor(dists.length / 2)]
  }

  it('property: equals the float64 scan bit for bit (duplicates ignored, near-ties, subsampled queries), d ≤ 40', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 40}),
        fc.integer({min: 2, max: 1300}),
        fc.integer({min: 1, max: 1e6}),
        (d, n, seed) => {
          const r = createRng(seed)
          const p = Array.from({length: n}, () => Array.from({length: d}, () => r.normal() + 5))
          // Q: duplicates of P (distance 0, ignored), copies moved by 1e-9 relative (closer than float32 resolves).
          const q = p.map((x, i) =>
            i % 3 === 0
              ? x.slice()
              : i % 3 === 1
                ? x.map((v, c) => (c ? v : v * (1 + 1e-9)))
                : x.map((v) => v + r.normal()),
          )
          expect(medianNearestNeighbour(setOf(p), setOf(q), createRng(seed))).toBe(definition(p, q, seed))
        },
      ),
      {numRuns: 25},
    )
  })
})
