import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {fdInfinity} from '../../../src/core/fidelity/fd-infinity.js'
import {frechetDistance, prepareReference} from '../../../src/core/fidelity/frechet.js'
import {fitGaussian, type GaussianSummary} from '../../../src/core/fidelity/gaussian.js'
import {computeFidelity, FIDELITY_DEFAULTS} from '../../../src/core/fidelity/index.js'
import {kernelInceptionDistance, unbiasedMmd2} from '../../../src/core/fidelity/kid.js'
import {precisionRecallDensityCoverage} from '../../../src/core/fidelity/prdc.js'
import {makeSampleSet, type SampleSet} from '../../../src/core/sampleset.js'
import {createRng} from '../../../src/core/stats/rng.js'
import {openNpz, readStatistics} from '../../../src/io/npz.js'
import {readSampleSet} from '../../../src/io/read.js'

// Expected values: fixtures/fidelity/expected.json, written by test/core/fidelity/reference/make_fixtures.py
// (eigh-based float64 FD, unbiased MMD² over all points, prdc's formulas in float64 numpy).
const F = 'fixtures/fidelity/'
const expected = JSON.parse(readFileSync(`${F}expected.json`, 'utf8'))
const read = async (file: string) => (await readSampleSet(F + file, {seed: 1})).set
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)
const fd = (p: GaussianSummary, q: GaussianSummary) => frechetDistance(prepareReference(p), q)
const gaussian = (mean: number[], cov: number[]): GaussianSummary => ({
  d: mean.length,
  mean: Float64Array.from(mean),
  cov: Float64Array.from(cov),
  source: '',
})

describe('Fréchet distance', () => {
  it('matches the eigh-based numpy reference to 1e-8 relative (.npy float64, .npy float32, .npz, statistics file)', async () => {
    const p = await read('p.npy')
    const q = await read('q.npy')
    const got = fd(fitGaussian(p), fitGaussian(q))
    expect(rel(got.value, expected.fd_p_q.value)).toBeLessThan(1e-8)
    expect(rel(got.meanTerm, expected.fd_p_q.meanTerm)).toBeLessThan(1e-8)
    expect(rel(got.traceTerm, expected.fd_p_q.traceTerm)).toBeLessThan(1e-8)
    expect(got.rankP).toBe(12)
    const p32 = fitGaussian(await read('p-f4.npy'))
    expect(rel(fd(p32, fitGaussian(q)).value, expected.fd_p32_q.value)).toBeLessThan(1e-8)
    const npz = fitGaussian(
      await read('p-compressed.npz').catch(() => readSampleSet(`${F}p.npz`, {seed: 1}).then((r) => r.set)),
    )
    expect(rel(fd(npz, fitGaussian(q)).value, expected.fd_p32_q.value)).toBeLessThan(1e-8)
    const stats = readStatistics(openNpz(new Uint8Array(readFileSync(`${F}p-stats.npz`)), 'p-stats.npz'), 'p-stats.npz')
    expect(rel(fd(stats, fitGaussian(q)).value, expected.fd_p32_q.value)).toBeLessThan(1e-8)
  })

  it('n ≤ d: a singular covariance gives the PSD-root value (rank n − 1), no complex number, no negative value', async () => {
    const few = fitGaussian(await read('few.npy'))
    const got = fd(few, fitGaussian(await read('q.npy')))
    expect(got.rankP).toBe(8)
    expect(rel(got.value, expected.fd_few_q.value)).toBeLessThan(1e-8)
  })

  it('closed forms: equal Gaussians give 0; commuting covariances give Σ(√a − √b)²; 2-D non-commuting', () => {
    const a = gaussian([1, 2, 3], [4, 1, 0, 1, 3, 0.5, 0, 0.5, 2])
    const same = fd(a, a)
    expect(same.value).toBeLessThanOrEqual(same.roundingBound)
    expect(same.value).toBeGreaterThanOrEqual(0)
    const diag = fd(gaussian([0, 0, 0], [1, 0, 0, 0, 4, 0, 0, 0, 9]), gaussian([1, 1, 1], [4, 0, 0, 0, 1, 0, 0, 0, 16]))
    expect(diag.meanTerm).toBe(3)
    expect(diag.value).toBeCloseTo(3 + 1 + 1 + 1, 12)
    // 2×2: tr((A^½ B A^½)^½) = √(tr(AB) + 2√det(AB)) (the square root of a 2×2 PSD matrix with eigenvalues λ₁, λ₂ has
    // trace √λ₁ + √λ₂, and (√λ₁ + √λ₂)² = λ₁ + λ₂ + 2√(λ₁λ₂)).
    const A = [2, 1, 1, 3],
      B = [1, -0.5, -0.5, 2]
    const trAB = A[0] * B[0] + A[1] * B[2] + A[2] * B[1] + A[3] * B[3]
    const det = (A[0] * A[3] - A[1] * A[2]) * (B[0] * B[3] - B[1] * B[2])
    const want = 2 + 3 + 1 + 2 - 2 * Math.sqrt(trAB + 2 * Math.sqrt(det))
    expect(fd(gaussian([0, 0], A), gaussian([0, 0], B)).value).toBeCloseTo(want, 12)
  })

  it('is symmetric in P and Q and never below 0 on random PSD pairs, rank-deficient ones included', () => {
    const rng = createRng(3)
    for (let trial = 0; trial < 20; trial++) {
      const d = 2 + (trial % 7)
      const rank = 1 + (trial % d)
      const make = () => {
        const x = Float64Array.from({length: d * rank}, () => rng.normal())
        const cov = new Float64Array(d * d)
        for (let i = 0; i < d; i++)
          for (let j = 0; j < d; j++) for (let t = 0; t < rank; t++) cov[i * d + j] += x[i * rank + t] * x[j * rank + t]
        return gaussian(
          Array.from({length: d}, () => rng.normal()),
          Array.from(cov),
        )
      }
      const g1 = make(),
        g2 = make()
      const ab = fd(g1, g2),
        ba = fd(g2, g1)
      expect(ab.value).toBeGreaterThanOrEqual(0)
      expect(Math.abs(ab.value - ba.value)).toBeLessThan(1e-9 * (1 + ab.value))
    }
  })

  it('FD∞: on Gaussian data the intercept of the least-squares line in 1/N is near the large-sample FD', () => {
    const rng = createRng(9)
    const d = 4
    const gen = (n: number, shift: number) =>
      makeSampleSet(
        Float64Array.from({length: n * d}, (_, k) => rng.normal() + (k % d === 0 ? shift : 0)),
        n,
        d,
        ['a', 'b', 'c', 'd'],
      )
    const p = gen(4000, 0)
    const q = gen(2000, 0.5)
    const r = fdInfinity(prepareReference(fitGaussian(p)), q, FIDELITY_DEFAULTS.fdInfinityFractions, 1)
    expect(r.points.map((x) => x.n)).toEqual([400, 800, 1200, 1600, 2000])
    // True FD of N(0, I) vs N(0.5 e₁, I) is 0.25. The estimate's own noise is mostly the mean term's:
    // 2·0.5·δ with sd(δ) = √(1/2000 + 1/4000) ≈ 0.027, so 0.1 is ~3.6 sd. Finite-N FD is biased upward (~d/N each side).
    expect(Math.abs(r.value - 0.25)).toBeLessThan(0.1)
    // The line is the least-squares fit of its points: residuals orthogonal to 1 and to 1/N.
    const res = r.points.map((pt) => pt.fd - r.value - r.slope / pt.n)
    expect(Math.abs(res.reduce((a, b) => a + b, 0))).toBeLessThan(1e-12)
    expect(Math.abs(res.reduce((a, b, i) => a + b / r.points[i].n, 0))).toBeLessThan(1e-14)
    expect(r.stderr).toBeGreaterThan(0)
  })
})

describe('fitGaussian', () => {
  it('covariance over several 4096-point chunks equals the two-pass float64 formula (ddof 1)', () => {
    const rng = createRng(12)
    const n = 9001,
      d = 3
    const data = Float64Array.from({length: n * d}, (_, k) => rng.normal() * (1 + (k % d)) + 100 * (k % d))
    const g = fitGaussian(makeSampleSet(data, n, d, ['a', 'b', 'c']))
    const mean = [0, 1, 2].map((k) => {
      let s = 0
      for (let i = 0; i < n; i++) s += data[i * d + k]
      return s / n
    })
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) {
        let s = 0
        for (let i = 0; i < n; i++) s += (data[i * d + a] - mean[a]) * (data[i * d + b] - mean[b])
        expect(rel(g.cov[a * d + b], s / (n - 1))).toBeLessThan(1e-12)
      }
  })
})

describe('KID', () => {
  it('one subset of all points equals the unbiased MMD² over all points (numpy) to 1e-9 relative', async () => {
    const p = await read('p200.npy')
    const q = await read('q.npy')
    const k = kernelInceptionDistance(p, q, {subsets: 1, subsetSize: 200, seed: 5})
    expect(rel(k.mean, expected.kid_all_p_q200)).toBeLessThan(1e-9)
    expect(k.std).toBe(0)
    expect(rel(unbiasedMmd2(p.data, 200, q.data, 200, 12), expected.kid_all_p_q200)).toBeLessThan(1e-9)
  })

  it('is seeded, reduces the subset size to the smaller set, and is near 0 for two samples of one law', async () => {
    const p = await read('p.npy')
    const q = await read('q.npy')
    const a = kernelInceptionDistance(p, q, {subsets: 5, subsetSize: 1000, seed: 1})
    const b = kernelInceptionDistance(p, q, {subsets: 5, subsetSize: 1000, seed: 1})
    expect(a).toEqual(b)
    expect(a.subsetSize).toBe(200)
    expect(a.reduced).toBe(true)
    const rng = createRng(4)
    const same = (n: number) =>
      makeSampleSet(
        Float64Array.from({length: n * 3}, () => rng.normal()),
        n,
        3,
        ['a', 'b', 'c'],
      )
    const z = kernelInceptionDistance(same(600), same(600), {subsets: 10, subsetSize: 300, seed: 2})
    expect(Math.abs(z.mean)).toBeLessThan(4 * z.std + 1e-3)
  })
})

describe('precision, recall, density, coverage', () => {
  it('match prdc formulas in float64 numpy for k = 5 and k = 3', async () => {
    const p = await read('p.npy')
    const q = await read('q.npy')
    for (const k of [5, 3]) {
      const got = precisionRecallDensityCoverage(p, q, k)
      const want = expected[`prdc_p_q_k${k}`]
      expect(got.precision).toBeCloseTo(want.precision, 12)
      expect(got.recall).toBeCloseTo(want.recall, 12)
      expect(got.density).toBeCloseTo(want.density, 12)
      expect(got.coverage).toBeCloseTo(want.coverage, 12)
    }
  })

  it('identical sets: precision = recall = coverage = 1 (≤ membership)', async () => {
    const p = await read('p.npy')
    const c = precisionRecallDensityCoverage(p, p, 5)
    expect([c.precision, c.recall, c.coverage]).toEqual([1, 1, 1])
  })
})

describe('computeFidelity', () => {
  const opts = {parts: ['fd', 'kid', 'prdc'] as const, kidSubsets: 3, kidSubsetSize: 50, k: 5, seed: 1}
  it('a statistics file on one side: FD only, the other parts unavailable with the reason', async () => {
    const stats = readStatistics(openNpz(new Uint8Array(readFileSync(`${F}p-stats.npz`)), 'p-stats.npz'), 'p-stats.npz')
    const q: SampleSet = await read('q.npy')
    const r = computeFidelity({gaussian: stats}, {points: q}, {...opts, parts: [...opts.parts]})
    expect(rel(r.fd!.value, expected.fd_p32_q.value)).toBeLessThan(1e-8)
    expect(r.fd!.n).toBeNull()
    expect(r.fd!.m).toBe(200)
    expect(r.unavailable.kid).toMatch(/P is Gaussian statistics/)
    expect(r.unavailable.prdc).toMatch(/P is Gaussian statistics/)
  })

  it('warns when n ≤ d', async () => {
    const r = computeFidelity({points: await read('few.npy')}, {points: await read('q.npy')}, {...opts, parts: ['fd']})
    expect(r.warnings.join(' ')).toMatch(/P has 9 points in 12 dimensions \(n ≤ d\)/)
  })
})
