import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {shortlistSeconds} from '../../../src/core/ot/exact-estimate.js'
import {coarseCandidates, MULTISCALE_K} from '../../../src/core/ot/multiscale.js'
import {networkSimplex} from '../../../src/core/ot/network-simplex.js'
import {SHORTLIST_K, shortlistSimplex} from '../../../src/core/ot/shortlist.js'
import {pointCost} from '../../../src/core/ot/transport-costs.js'
import {autoExact, certified} from '../../../src/core/ot/w1.js'
import {kernelThreads, setKernelThreads} from '../../../src/kernels/index.js'

/** Points from a small integer grid (ties and duplicates are common) or continuous values. */
const cloud = (k: number, d: number) =>
  fc.oneof(
    fc.array(fc.integer({min: -2, max: 2}), {minLength: k * d, maxLength: k * d}),
    fc.array(fc.double({min: -3, max: 3, noNaN: true}), {minLength: k * d, maxLength: k * d}),
  )

/** Weights with zeros allowed (at least one positive), normalised; or uniform. */
const weights = (k: number) =>
  fc.option(
    fc
      .array(fc.oneof(fc.constant(0), fc.integer({min: 1, max: 5})), {minLength: k, maxLength: k})
      .filter((w) => w.some((v) => v > 0)),
    {nil: undefined},
  )
const normalise = (w: number[] | undefined, k: number) => {
  if (!w) return new Float64Array(k).fill(1 / k)
  const s = w.reduce((t, v) => t + v, 0)
  return Float64Array.from(w, (v) => v / s)
}

/** Everything the certificate claims, checked from scratch over all pairs. */
function expectFeasibleDual(
  r: ReturnType<typeof shortlistSimplex>,
  x: Float64Array,
  y: Float64Array,
  d: number,
  p: 1 | 2,
  a: Float64Array,
  b: Float64Array,
) {
  let worst = -Infinity,
    dual = 0
  for (let i = 0; i < a.length; i++) dual += a[i] * r.f[i]
  for (let j = 0; j < b.length; j++) dual += b[j] * r.g[j]
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) worst = Math.max(worst, r.f[i] + r.g[j] - pointCost(x, i, y, j, d, p))
  expect(worst).toBeLessThanOrEqual(1e-12 * Math.max(1, r.maxCost))
  expect(Math.abs(dual - r.dualValue)).toBeLessThanOrEqual(1e-12 * Math.max(1, r.cost))
  expect(certified(r.cost, Math.min(r.dualValue, r.cost), r.dualRounding)).toBe(true)
}

/**
 * The shortlist (with the coarse problem from `multiscaleMin` points a side) equals the dense network simplex to 1e-12
 * relative, and its certificate holds over all pairs, on `runs` random shapes drawn from sizes `sizes` and dimensions
 * `dims` (three clouds each, two with the coarse step on), from fast-check seed `seed`.
 */
function equalsDense(
  sizes: {min: number; max: number},
  dims: number[],
  seed0: number,
  runs: number,
  multiscaleMin?: number,
) {
  fc.assert(
    fc.property(
      fc.integer(sizes),
      fc.integer(sizes),
      fc.constantFrom(...dims),
      fc.constantFrom(1 as const, 2 as const),
      fc.integer({min: 0, max: 1e6}),
      (n, m, d, p, seed) =>
        fc.assert(
          fc.property(cloud(n, d), cloud(m, d), weights(n), weights(m), (xs, ys, wa, wb) => {
            const x = Float64Array.from(xs),
              y = Float64Array.from(ys, (v, k) => v + ((seed + k) % 3) * 0.25)
            const a = normalise(wa, n),
              b = normalise(wb, m)
            const pts = {x, n, y, m, d, power: p}
            const dense = networkSimplex({a, b, costs: pts, storage: 'from-coordinates'})
            const short = shortlistSimplex(a, b, pts, undefined, multiscaleMin)
            expect(Math.abs(short.cost - dense.cost)).toBeLessThanOrEqual(1e-12 * Math.max(dense.cost, 1e-300))
            expectFeasibleDual(short, x, y, d, p, a, b)
          }),
          {seed, numRuns: multiscaleMin === undefined ? 3 : 2},
        ),
    ),
    {seed: seed0, numRuns: runs},
  )
}

/** A deterministic value in [0, 1) from k: the fractional part of sin(k·c)·43758.5453 (a classic shader hash). */
const hash01 = (k: number, c: number) => {
  const v = Math.sin(k * c) * 43758.5453
  return v - Math.floor(v)
}

/**
 * P: 60 points near 0 and 20 near (100, 0); Q: 40 near 0 and 40 near (100, 0), in 2-D, uniform weights. Half of a
 * cluster's mass in P must cross 100 units, but every kNN arc stays within a cluster and the north-west corner carries
 * only a few crossing arcs: the optimum needs 20 crossing paths, found only by the all-pairs check.
 */
function farClusters() {
  const d = 2
  const make = (near: number, far: number, off: number) =>
    Float64Array.from(
      {length: (near + far) * d},
      (_, k) => (k % d === 0 && Math.floor(k / d) >= near ? 100 : 0) + hash01(k + off, 12.9898),
    )
  const pts = {x: make(60, 20, 0), n: 80, y: make(40, 40, 1000), m: 80, d, power: 1 as const}
  return {pts, a: new Float64Array(80).fill(1 / 80), b: new Float64Array(80).fill(1 / 80)}
}

/**
 * The shortlist on n × m uniform-random points in d dimensions (Q moved by 0.1), once per kernel thread count: cost,
 * dual, pivots, rounds, arcs and every potential, which must agree bit for bit. `integer` weights are m and n (the
 * unweighted case the CLI passes), else 1/n and 1/m.
 */
function runsPerThreadCount(
  n: number,
  m: number,
  d: number,
  threads: number[],
  integer: boolean,
  multiscaleMin?: number,
) {
  const x = Float64Array.from({length: n * d}, (_, k) => hash01(k, 78.233)),
    y = Float64Array.from({length: m * d}, (_, k) => hash01(k + 1e6, 78.233) + 0.1)
  const a = new Float64Array(n).fill(integer ? m : 1 / n),
    b = new Float64Array(m).fill(integer ? n : 1 / m)
  const previous = kernelThreads()
  return threads.map((t) => {
    setKernelThreads(t)
    try {
      const r = shortlistSimplex(a, b, {x, n, y, m, d, power: 1}, undefined, multiscaleMin)
      return [r.cost, r.dualValue, r.pivots, r.shortlist.rounds, r.shortlist.arcs, ...r.f, ...r.g]
    } finally {
      setKernelThreads(previous)
    }
  })
}

describe('shortlist network simplex (issue 24)', () => {
  it('equals the dense network simplex to 1e-12 relative: unequal sizes, zero weights, ties, p = 1 and 2, d = 1…64', () => {
    equalsDense({min: 1, max: 40}, [1, 2, 3, 8, 64], 24, 40)
  })

  it('two far clusters with unequal masses: the first shortlist misses the optimal arcs, the check adds them', () => {
    const {pts, a, b} = farClusters()
    const {x, y, d} = pts
    const short = shortlistSimplex(a, b, pts)
    const dense = networkSimplex({a, b, costs: pts})
    expect(short.shortlist.rounds).toBeGreaterThan(1)
    expect(short.shortlist.added).toBeGreaterThan(0)
    expect(Math.abs(short.cost - dense.cost)).toBeLessThanOrEqual(1e-12 * dense.cost)
    // A quarter of the mass crosses ~100: W1 ≥ 0.25·99.
    expect(short.cost).toBeGreaterThan(0.25 * 99)
    expectFeasibleDual(short, x, y, d, 1, a, b)
    expect(SHORTLIST_K).toBeLessThan(20)
  })

  it('reports its phases in order: candidates, then per round a solve and a check, the last check "certifying"', () => {
    // The two far clusters: several rounds, so the last round's check is not the first.
    const {pts, a, b} = farClusters()
    const seen: string[] = []
    const r = shortlistSimplex(a, b, pts, (phase, round, detail) => seen.push(`${phase} ${round} ${detail}`))
    expect(seen[0]).toMatch(/^candidates 0 candidates: 16 nearest neighbours each way$/)
    const rounds = r.shortlist.rounds
    expect(rounds).toBeGreaterThan(1)
    for (let t = 1; t <= rounds; t++) {
      const solve = seen.findIndex((line) => line.startsWith(`solve ${t} round ${t}: solving on `))
      const check = seen.findIndex((line) => line.startsWith(`check ${t} round ${t}: checking all 80 × 80 pairs`))
      expect(solve).toBeGreaterThan(0)
      expect(check).toBeGreaterThan(solve)
    }
    expect(seen.at(-1)).toMatch(new RegExp(`^check ${rounds} round ${rounds}: certifying all 80 × 80 pairs`))
  })

  it('byte-identical results for 1, 2 and 3 kernel threads', () => {
    const runs = runsPerThreadCount(700, 650, 16, [1, 2, 3], false)
    expect(runs[1]).toEqual(runs[0])
    expect(runs[2]).toEqual(runs[0])
  })

  it('auto goes exact below 100k × 100k at d ≤ 64 under the default 30-minute budget on two threads', () => {
    const previous = kernelThreads()
    setKernelThreads(2)
    try {
      expect(autoExact(20_000, 20_000, 16, 2000)).toBe(true)
      expect(autoExact(50_000, 50_000, 16, 2000)).toBe(true)
      expect(autoExact(100_000, 100_000, 8, 2000)).toBe(true)
      expect(autoExact(99_999, 99_999, 64, 2000)).toBe(true)
    } finally {
      setKernelThreads(previous)
    }
    // The parallel phases scale with the threads, the sparse solves do not: at d = 64, where the all-pairs passes are
    // most of the work, one thread is estimated at well over 1.5× the time of two.
    const one = shortlistSeconds(100_000, 100_000, 64, 1),
      two = shortlistSeconds(100_000, 100_000, 64, 2)
    expect(one / two).toBeGreaterThan(1.5)
    expect(one / two).toBeLessThan(2)
  })
})

describe('multiscale candidates (issue 24, session 31)', () => {
  it('with the coarse problem on (multiscaleMin 4) the shortlist still equals the dense network simplex to 1e-12', () => {
    equalsDense({min: 8, max: 60}, [1, 2, 8, 64], 31, 30, 4)
  })

  it('the coarse candidates hold the far crossing arcs the kNN shortlist misses', () => {
    // Two clusters 100 apart; P has 3/4 of its points in the near one, Q half: a quarter of the mass crosses.
    const d = 2,
      n = 400,
      m = 400
    const rnd = (k: number) => hash01(k, 12.9898)
    // (Far points come first: an index pattern with period 4 would leave none in the every-4th-point coarse problem.)
    const x = Float64Array.from({length: n * d}, (_, k) => (k % d === 0 && k < (n * d) / 4 ? 100 : 0) + rnd(k)),
      y = Float64Array.from({length: m * d}, (_, k) => (k % d === 0 && k < (m * d) / 2 ? 100 : 0) + rnd(k + 1e4))
    const a = new Float64Array(n).fill(m),
      b = new Float64Array(m).fill(n)
    const pts = {x, n, y, m, d, power: 1 as const}
    const keys = coarseCandidates(pts, a, b, (ca, cb, sub) => shortlistSimplex(ca, cb, sub))
    const crossing = [...keys].filter((key) => {
      const i = Math.floor(key / m),
        j = key - i * m
      return Math.abs(x[i * d] - y[j * d]) > 50
    })
    // At least MULTISCALE_K per point of P (each column's least is kept too), sorted and unique; the crossing arcs are
    // there (a kNN arc never crosses: 100 ≫ cluster size).
    const perRow = new Array<number>(n).fill(0)
    for (const key of keys) perRow[Math.floor(key / m)]++
    expect(Math.min(...perRow)).toBeGreaterThanOrEqual(MULTISCALE_K)
    expect([...keys].every((k, t) => t === 0 || k > keys[t - 1])).toBe(true)
    expect(crossing.length).toBeGreaterThan(n / 8)
    const short = shortlistSimplex(a, b, pts, undefined, 4),
      plain = shortlistSimplex(a, b, pts)
    expect(Math.abs(short.cost - plain.cost)).toBeLessThanOrEqual(1e-12 * plain.cost)
    expect(short.shortlist.added).toBeLessThan(plain.shortlist.added)
  })

  it('byte-identical results for 1 and 3 kernel threads, with the coarse problem on (multiscaleMin 100)', () => {
    const runs = runsPerThreadCount(900, 800, 8, [1, 3], true, 100)
    expect(runs[1]).toEqual(runs[0])
  })
})
