import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {kthDistances, supportCoverage} from '../../../src/core/align/coverage.js'
import {computeAlignment} from '../../../src/core/align/index.js'
import {knnSelf} from '../../../src/core/knn/index.js'
import {makeSampleSet, type SampleSet} from '../../../src/core/sampleset.js'
import {gaussian, ring, rng} from './generators.js'

function radii(s: SampleSet, k: number): Float64Array {
  const g = knnSelf(s, k)
  return kthDistances(g.distances, s.n, k, k)
}

function prdc(p: SampleSet, q: SampleSet, kpr = 3, kdc = 5, method: 'tree' | 'brute' | 'brute-f64' | 'auto' = 'auto') {
  return supportCoverage(
    p.data,
    p.n,
    q.data,
    q.n,
    p.d,
    radii(p, kpr),
    radii(q, kpr),
    radii(p, kdc),
    kdc,
    undefined,
    method,
  )
}

/** The definitions of docs/estimators.md "Precision, recall, density, coverage", pair by pair. */
function naive(p: number[][], q: number[][], kpr: number, kdc: number) {
  const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0))
  const nnd = (s: number[][], k: number) =>
    s.map(
      (x, i) =>
        s
          .filter((_, j) => j !== i)
          .map((y) => dist(x, y))
          .sort((a, b) => a - b)[k - 1],
    )
  const rp = nnd(p, kpr),
    rq = nnd(q, kpr),
    rd = nnd(p, kdc)
  return {
    precision: q.filter((y) => p.some((x, i) => dist(y, x) <= rp[i])).length / q.length,
    recall: p.filter((x) => q.some((y, j) => dist(x, y) <= rq[j])).length / p.length,
    density: q.reduce((s, y) => s + p.filter((x, i) => dist(y, x) <= rd[i]).length, 0) / (kdc * q.length),
    coverage: p.filter((x, i) => q.some((y) => dist(x, y) <= rd[i])).length / p.length,
  }
}

const mk = (rows: number[][]) =>
  makeSampleSet(
    Float64Array.from(rows.flat()),
    rows.length,
    rows[0].length,
    rows[0].map((_, k) => `c${k}`),
  )

describe('precision / recall / density / coverage', () => {
  it('property: the blocked pass and the k-d tree both equal the pairwise definitions (docs/estimators.md "Precision, recall, density, coverage"), with duplicates', () => {
    const pt = fc.array(fc.integer({min: -3, max: 3}), {minLength: 2, maxLength: 2})
    fc.assert(
      fc.property(fc.array(pt, {minLength: 7, maxLength: 60}), fc.array(pt, {minLength: 7, maxLength: 60}), (p, q) => {
        const want = naive(p, q, 3, 5)
        for (const method of ['brute', 'tree'] as const) {
          const got = prdc(mk(p), mk(q), 3, 5, method)
          expect(got.precision).toBe(want.precision)
          expect(got.recall).toBe(want.recall)
          expect(got.coverage).toBe(want.coverage)
          expect(got.density).toBeCloseTo(want.density, 12)
        }
      }),
      {numRuns: 60},
    )
  })

  it('property: the float32-filtered pass gives exactly the float64 pass (balls whose radius equals a distance, near-ties, d ≤ 40)', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 40}),
        fc.integer({min: 8, max: 70}),
        fc.integer({min: 8, max: 70}),
        fc.integer({min: 1, max: 1e6}),
        (d, n, m, seed) => {
          const r = rng(seed)
          const p = Array.from({length: n}, () => Array.from({length: d}, () => r.normal() + 10))
          // Q: copies of P's points (a distance to P's point i then equals a radius of P exactly), copies moved by
          // 1e-9 relative (closer than float32 resolves), and fresh points.
          const q = Array.from({length: m}, (_, j) =>
            j % 3 === 0
              ? p[j % n].slice()
              : j % 3 === 1
                ? p[(j * 7) % n].map((x, c) => (c === 0 ? x * (1 + 1e-9 * r.normal()) : x))
                : Array.from({length: d}, () => r.normal() + 10),
          )
          const a = prdc(mk(p), mk(q), 3, 5, 'brute'),
            b = prdc(mk(p), mk(q), 3, 5, 'brute-f64')
          expect(a).toEqual(b)
        },
      ),
      {numRuns: 80},
    )
  })

  it('identical sets: precision = recall = coverage = 1 and density ≥ 1 (membership <=)', () => {
    const p = gaussian(rng(1), 500, 8)
    const r = prdc(p, p)
    expect([r.precision, r.recall, r.coverage]).toEqual([1, 1, 1])
    expect(r.density).toBeGreaterThanOrEqual(1)
  })

  it('P = Q in distribution, n = m: coverage ≈ 1 − Π(n−i)/(n+m−i) ≈ 1 − 2⁻ᵏ and density ≈ 1 (Naeem et al. 2020)', () => {
    const n = 2000
    const p = gaussian(rng(2), n, 2),
      q = gaussian(rng(3), n, 2)
    for (const k of [3, 5]) {
      let prod = 1
      for (let i = 1; i <= k; i++) prod *= (n - i) / (2 * n - i)
      const r = supportCoverage(p.data, n, q.data, n, 2, radii(p, 3), radii(q, 3), radii(p, k), k)
      expect(Math.abs(r.coverage - (1 - prod))).toBeLessThan(0.025) // sd of the mean of n Bernoullis ≈ 0.008
      expect(Math.abs(r.density - 1)).toBeLessThan(0.08)
    }
  })

  it('far-apart clusters: all four are 0', () => {
    const r = prdc(gaussian(rng(4), 300, 3), gaussian(rng(5), 300, 3, 50))
    expect([r.precision, r.recall, r.density, r.coverage]).toEqual([0, 0, 0, 0])
  })

  it('a ring of 8 modes with one dropped: recall and coverage ≈ 7/8, precision ≈ 1', async () => {
    const p = ring(rng(6), 1600),
      q = ring(rng(7), 1400, {drop: [2]})
    const r = prdc(p, q)
    expect(Math.abs(r.recall - 7 / 8)).toBeLessThan(0.05)
    expect(Math.abs(r.coverage - 7 / 8)).toBeLessThan(0.05)
    expect(r.precision).toBeGreaterThan(0.9)
    const a = await computeAlignment(p, q)
    // The supports align (Q's modes lie on P's ring); the dropped mode is its own finding.
    expect(a.verdict).toBe('aligned')
    expect(a.modeDropping.detected).toBe(true)
    expect(a.reasons.map((x) => x.code)).toContain('low-coverage')
  })
})
