import {describe, expect, it} from 'vitest'
import {computeAlignment} from '../../../src/core/align/index.js'
import {empiricalQuantile, normalResiduals} from '../../../src/core/align/on-manifold.js'
import {InputError} from '../../../src/core/errors.js'
import {knn, knnSelf} from '../../../src/core/knn/index.js'
import {makeSampleSet} from '../../../src/core/sampleset.js'
import {circle3, cubeIn, curveInPlane, gaussian, plane, rng} from './generators.js'

const N = 600

describe('on-manifold residuals (local PCA)', () => {
  it('a point at height h above a sampled plane has residual h; a point in the plane has residual ≈ 0', () => {
    const p = plane(rng(1), 400)
    const queries = makeSampleSet(Float64Array.from([0.5, 0.5, 0.3, 0.4, 0.6, 0]), 2, 3, ['x', 'y', 'z'])
    const g = knn(p, queries, 20)
    const r = normalResiduals(p.data, queries.data, 3, g, 2)
    expect(r[0]).toBeCloseTo(0.3, 12)
    expect(r[1]).toBeLessThan(1e-14)
  })

  it('the Gram route (K < d) equals the covariance route: a 2-plane in R^40 with K = 20', () => {
    const p = cubeIn(rng(2), 300, 2, 40)
    const q = cubeIn(rng(2), 300, 2, 40) // same rotation (same seed), same plane
    const g = knn(p, q, 20)
    expect(Math.max(...normalResiduals(p.data, q.data, 40, g, 2))).toBeLessThan(1e-12)
  })

  it('empirical quantile is the inverse empirical CDF (type 1)', () => {
    expect(empiricalQuantile(Float64Array.from([5, 1, 4, 2, 3]), 0.95)).toBe(5)
    expect(empiricalQuantile(Float64Array.from([5, 1, 4, 2, 3]), 0.4)).toBe(2)
  })
})

describe('computeAlignment: verdicts on constructed cases (docs/estimators.md "Local-PCA on-manifold test")', () => {
  it('the same plane in R³ sampled twice → aligned, residual threshold ≈ 0', async () => {
    const a = await computeAlignment(plane(rng(1), N), plane(rng(2), N))
    expect(a.verdict).toBe('aligned')
    expect(a.onManifold.qOnP).toBe(1)
    expect(a.onManifold.pOnQ).toBe(1)
    expect(a.onManifold.tau).toBeLessThan(1e-8)
    expect(a.intrinsicDim.ambient).toBe(3)
    expect(Math.round(a.intrinsicDim.p)).toBe(2)
  })

  it('a parallel plane offset by h = 0.1 ≫ spacing → misaligned, nothing of Q on P', async () => {
    const a = await computeAlignment(plane(rng(1), N), plane(rng(2), N, {offset: 0.1}))
    expect(a.verdict).toBe('misaligned')
    expect(a.onManifold.qOnP).toBe(0)
    expect(a.reasons[0].code).toBe('q-off-manifold')
    expect(a.reasons[0].source).toMatch(/Thm 3\.2/)
  })

  it('a plane rotated by 30° about a shared line → misaligned (the intersection is a line: measure zero)', async () => {
    const a = await computeAlignment(plane(rng(1), N), plane(rng(2), N, {angle: Math.PI / 6}))
    expect(a.verdict).toBe('misaligned')
    expect(a.onManifold.qOnP).toBeLessThan(0.1)
  })

  it('a curve inside the plane → partial, with a dimension mismatch (1 vs 2); Q lies on P', async () => {
    const a = await computeAlignment(plane(rng(1), N), curveInPlane(rng(2), N))
    expect(a.verdict).toBe('partial')
    expect(Math.round(a.intrinsicDim.q)).toBe(1)
    expect(a.onManifold.qOnP).toBeGreaterThan(0.95)
    expect(a.onManifold.pOnQ).toBeLessThan(0.2)
    expect(a.reasons.map((r) => r.code)).toContain('dimension-mismatch')
  })

  it('full-dimensional Gaussians → aligned, on-manifold by definition (said in the reasons)', async () => {
    const a = await computeAlignment(gaussian(rng(3), N, 3), gaussian(rng(4), N, 3))
    expect(a.verdict).toBe('aligned')
    expect(a.onManifold.byDefinition.p).toBe(true)
    expect(a.reasons[0].code).toBe('full-dimensional')
  })

  it('Gaussians in R^10 (estimated dimension below 10): the calibrated τ keeps ≈ 95 % on-manifold → aligned', async () => {
    const a = await computeAlignment(gaussian(rng(5), 1500, 10), gaussian(rng(6), 1500, 10))
    expect(a.verdict).toBe('aligned')
    expect(a.onManifold.qOnP).toBeGreaterThan(0.9)
  })

  it('far-apart full-dimensional clusters → misaligned (disjoint supports), all four coverage scores 0', async () => {
    const a = await computeAlignment(gaussian(rng(3), N, 2), gaussian(rng(4), N, 2, 40))
    expect(a.verdict).toBe('misaligned')
    expect([a.precision, a.recall, a.density, a.coverage]).toEqual([0, 0, 0, 0])
    expect(a.reasons.map((r) => r.code)).toContain('disjoint-supports')
  })

  it('identical sets → aligned with precision = recall = coverage = 1, density ≥ 1', async () => {
    const p = circle3(rng(9), N)
    const a = await computeAlignment(p, p)
    expect(a.verdict).toBe('aligned')
    expect([a.precision, a.recall, a.coverage]).toEqual([1, 1, 1])
    expect(a.density).toBeGreaterThanOrEqual(1)
  })

  it('is deterministic, echoes k, and reuses precomputed self graphs to the same result', async () => {
    const p = circle3(rng(10), 1500),
      q = circle3(rng(11), 1400)
    const opts = {manifoldSample: 300, seed: 5, kPrecisionRecall: 4, kDensityCoverage: 6}
    const a = await computeAlignment(p, q, opts)
    const b = await computeAlignment(p, q, opts)
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    expect(a.k).toEqual({precisionRecall: 4, densityCoverage: 6, mle: 20})
    expect(a.onManifold.sampled).toEqual({p: 300, q: 300})
    const c = await computeAlignment(p, q, {...opts, graphs: {p: knnSelf(p, 25), q: knnSelf(q, 25)}})
    expect(JSON.stringify(c)).toBe(JSON.stringify(a))
  })

  it('--baseline calibrates the aligned thresholds on two halves of P and reports them', async () => {
    const a = await computeAlignment(circle3(rng(12), 1200), circle3(rng(13), 1200), {baseline: true})
    expect(a.thresholds.source).toBe('baseline')
    expect(a.baseline?.n).toEqual([600, 600])
    expect(a.thresholds.alignedMin).toBeCloseTo(Math.min(a.baseline!.qOnP, a.baseline!.pOnQ) - 0.05, 12)
    expect(a.thresholds.coverageMin).toBeCloseTo(a.baseline!.coverage - 0.05, 12)
    expect(a.verdict).toBe('aligned')
  })

  it('scale invariance: multiplying both sets by 1e200 changes no fraction and scales τ', async () => {
    const p = circle3(rng(14), 500),
      q = circle3(rng(15), 500)
    const big = (s: typeof p) =>
      makeSampleSet(
        s.data.map((x) => x * 1e200),
        s.n,
        s.d,
        s.columns,
      )
    const a = await computeAlignment(p, q),
      b = await computeAlignment(big(p), big(q))
    expect(b.onManifold.qOnP).toBe(a.onManifold.qOnP)
    expect(b.coverage).toBe(a.coverage)
    expect(b.onManifold.tau / 1e200).toBeCloseTo(a.onManifold.tau, 10)
    expect(Number.isFinite(b.onManifold.tau)).toBe(true)
  })
})

describe('computeAlignment: bad input is an InputError naming the fix', () => {
  const one = makeSampleSet(Float64Array.from([1, 2]), 1, 2, ['a', 'b'], 'one.csv')
  const same = makeSampleSet(new Float64Array(40).fill(3), 20, 2, ['a', 'b'], 'same.csv')
  const ok = gaussian(rng(1), 50, 2)
  it.each([
    ['one point', one, ok, /one\.csv\) has 1 point/],
    [
      'k ≥ n',
      makeSampleSet(Float64Array.from([0, 1, 2, 3]), 4, 1, ['a'], 'four.csv'),
      makeSampleSet(Float64Array.from([0, 1, 2, 3]), 4, 1, ['a']),
      /k = 5 neighbours are needed/,
    ],
    ['all identical', same, ok, /all 20 points of P .* are identical/],
    ['different d', ok, gaussian(rng(2), 50, 3), /same columns/],
  ])('%s', async (_, p, q, msg) => {
    await expect(computeAlignment(p, q)).rejects.toThrow(InputError)
    await expect(computeAlignment(p, q)).rejects.toThrow(msg)
  })
  it('bad option values', async () => {
    await expect(computeAlignment(ok, ok, {quantile: 1})).rejects.toThrow(/⟨quantile⟩/)
    await expect(computeAlignment(ok, ok, {kPrecisionRecall: 0})).rejects.toThrow(/⟨kPrecisionRecall⟩/)
    await expect(computeAlignment(ok, ok, {thresholds: {alignedMin: 2}})).rejects.toThrow(/alignedMin/)
  })
})
