import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {assignmentCost} from '../../../src/core/ot/assignment.js'
import {exactW1D} from '../../../src/core/ot/exact1d.js'
import {networkSimplex, type SimplexResult} from '../../../src/core/ot/network-simplex.js'
import {type CostStorage, pointCost} from '../../../src/core/ot/transport-costs.js'
import {exactTransport} from './reference/ssp.js'

const storages: CostStorage[] = ['cached', 'from-coordinates']

/** Every certificate fact checked from scratch: f_i + g_j ≤ C_ij over all pairs, dual value = primal value, marginals. */
function expectCertified(
  r: SimplexResult,
  cost: (i: number, j: number) => number,
  a: Float64Array,
  b: Float64Array,
  tol = 1e-12,
): void {
  let total = 0,
    dual = 0,
    worst = -Infinity
  for (let i = 0; i < a.length; i++) {
    total += a[i]
    dual += a[i] * r.f[i]
  }
  for (let j = 0; j < b.length; j++) dual += b[j] * r.g[j]
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) worst = Math.max(worst, r.f[i] + r.g[j] - cost(i, j))
  const scale = Math.max(1, r.maxCost)
  expect(worst).toBeLessThanOrEqual(tol * scale)
  expect(r.maxViolation).toBeLessThanOrEqual(tol * scale)
  expect(Math.abs(dual / total - r.cost)).toBeLessThanOrEqual(tol * scale)
  expect(Math.abs(r.dualValue - r.cost)).toBeLessThanOrEqual(tol * scale)
  expect(r.marginalError).toBeLessThanOrEqual(tol)
}

const permutations = (n: number): number[][] =>
  n === 0
    ? [[]]
    : permutations(n - 1).flatMap((p) => Array.from({length: n}, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]))

/** Points from a small integer grid (ties and duplicates are common) or continuous values. */
const cloud = (k: number, d: number) =>
  fc.oneof(
    fc.array(fc.integer({min: -2, max: 2}), {minLength: k * d, maxLength: k * d}),
    fc.array(fc.double({min: -3, max: 3, noNaN: true}), {minLength: k * d, maxLength: k * d}),
  )

/** Weights with zeros allowed (at least one positive), or undefined for uniform. */
const weights = (k: number) =>
  fc.option(
    fc
      .array(fc.oneof(fc.constant(0), fc.integer({min: 1, max: 5})), {minLength: k, maxLength: k})
      .filter((w) => w.some((v) => v > 0)),
    {nil: undefined},
  )

const normalise = (w: number[]) => {
  const s = w.reduce((t, v) => t + v, 0)
  return Float64Array.from(w, (v) => v / s)
}

describe('network simplex against brute force (all permutations)', () => {
  it('equals min over the n! permutations for equal uniform sizes, p = 1 and 2, both cost storages', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 6}),
        fc.integer({min: 1, max: 3}),
        fc.constantFrom<1 | 2>(1, 2),
        fc.constantFrom(...storages),
        fc.integer({min: 0, max: 1e6}),
        (n, d, power, storage, seed) => {
          // Integer grid points from the seed: many ties and duplicates.
          let s = seed
          const next = () => {
            s = (s * 69069 + 1) % 2 ** 32
            return ((s >>> 16) % 5) - 2
          }
          const x = Float64Array.from({length: n * d}, next),
            y = Float64Array.from({length: n * d}, next)
          const cost = (i: number, j: number) => pointCost(x, i, y, j, d, power)
          let best = Infinity
          for (const p of permutations(n)) best = Math.min(best, p.reduce((t, j, i) => t + cost(i, j), 0) / n)
          const a = new Float64Array(n).fill(n)
          const r = networkSimplex({a, b: a, costs: {x, n, y, m: n, d, power}, storage})
          expect(r.cost).toBeCloseTo(best, 12)
          expectCertified(r, cost, a, a)
        },
      ),
      {seed: 12, numRuns: 300},
    )
  })
})

describe('network simplex against the other exact solvers', () => {
  it('equals successive shortest paths on unequal sizes, zero weights, ties, duplicates, p = 1 and 2', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({min: 1, max: 9}), fc.integer({min: 1, max: 9}), fc.integer({min: 1, max: 3}))
          .chain(([n, m, d]) =>
            fc.tuple(
              fc.constant(n),
              fc.constant(m),
              fc.constant(d),
              cloud(n, d),
              cloud(m, d),
              weights(n),
              weights(m),
              fc.constantFrom<1 | 2>(1, 2),
              fc.constantFrom(...storages),
            ),
          ),
        ([n, m, d, xs, ys, wa, wb, power, storage]) => {
          const x = Float64Array.from(xs),
            y = Float64Array.from(ys)
          const integral = !wa && !wb
          const a = integral ? new Float64Array(n).fill(m) : normalise(wa ?? Array(n).fill(1))
          const b = integral ? new Float64Array(m).fill(n) : normalise(wb ?? Array(m).fill(1))
          const cost = (i: number, j: number) => pointCost(x, i, y, j, d, power)
          const r = networkSimplex({a, b, costs: {x, n, y, m, d, power}, storage})
          const ssp = exactTransport({a, b, cost, integral}).cost
          expect(Math.abs(r.cost - ssp)).toBeLessThanOrEqual(1e-12 * Math.max(1, ssp))
          expectCertified(r, cost, a, b)
        },
      ),
      {seed: 13, numRuns: 400},
    )
  })

  it('equals the Hungarian method on equal uniform sizes up to 60 points', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 2, max: 60}),
        fc.integer({min: 1, max: 5}),
        fc.constantFrom<1 | 2>(1, 2),
        fc.integer({min: 0, max: 1e6}),
        (n, d, power, seed) => {
          let s = seed
          const next = () => {
            s = (s * 69069 + 1) % 2 ** 32
            return s / 2 ** 32 - 0.5
          }
          const x = Float64Array.from({length: n * d}, next),
            y = Float64Array.from({length: n * d}, next)
          const a = new Float64Array(n).fill(n)
          const r = networkSimplex({a, b: a, costs: {x, n, y, m: n, d, power}})
          expect(Math.abs(r.cost - assignmentCost(x, y, n, d, power))).toBeLessThanOrEqual(1e-12)
          expectCertified(r, (i, j) => pointCost(x, i, y, j, d, power), a, a)
        },
      ),
      {seed: 14, numRuns: 100},
    )
  })

  it('takes an explicit cost matrix with many exact ties and zeros (integer costs 0…2)', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 8}),
        fc.integer({min: 1, max: 8}),
        fc.integer({min: 0, max: 1e6}),
        (n, m, seed) => {
          let s = seed
          const next = () => {
            s = (s * 69069 + 1) % 2 ** 32
            return (s >>> 16) % 3
          }
          const C = Float64Array.from({length: n * m}, next)
          const a = new Float64Array(n).fill(m),
            b = new Float64Array(m).fill(n)
          const r = networkSimplex({a, b, costs: {C, n, m}})
          const cost = (i: number, j: number) => C[i * m + j]
          expect(r.cost).toBeCloseTo(exactTransport({a, b, cost, integral: true}).cost, 12)
          expectCertified(r, cost, a, b)
        },
      ),
      {seed: 15, numRuns: 300},
    )
  })
})

describe('network simplex on degenerate inputs (finishes, exact)', () => {
  it('all points equal: W = 0, both storages, weighted or not', () => {
    for (const storage of storages) {
      const x = new Float64Array(12).fill(1.5),
        y = new Float64Array(30).fill(1.5)
      const a = new Float64Array(4).fill(10),
        b = new Float64Array(10).fill(4)
      const r = networkSimplex({a, b, costs: {x, n: 4, y, m: 10, d: 3, power: 1}, storage})
      expect(r.cost).toBe(0)
      expectCertified(r, () => 0, a, b)
    }
  })

  it('one point against many: the mean distance (every plan is the same)', () => {
    const m = 500,
      d = 3
    let s = 7
    const y = Float64Array.from({length: m * d}, () => {
      s = (s * 69069 + 1) % 2 ** 32
      return s / 2 ** 32
    })
    const x = Float64Array.of(0.2, -0.1, 0.4)
    for (const power of [1, 2] as const) {
      let mean = 0
      for (let j = 0; j < m; j++) mean += pointCost(x, 0, y, j, d, power) / m
      for (const [n, mm, xx, yy] of [
        [1, m, x, y],
        [m, 1, y, x],
      ] as const) {
        const a = new Float64Array(n).fill(mm),
          b = new Float64Array(mm).fill(n)
        const r = networkSimplex({a, b, costs: {x: xx, n, y: yy, m: mm, d, power}})
        expect(r.cost).toBeCloseTo(mean, 12)
        expectCertified(r, (i, j) => pointCost(xx, i, yy, j, d, power), a, b)
      }
    }
  })

  it('collinear points in 3-D: equals the 1-D quantile formula along the line (p = 1 and 2, unequal sizes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({min: -20, max: 20}), {minLength: 1, maxLength: 30}),
        fc.array(fc.integer({min: -20, max: 20}), {minLength: 1, maxLength: 40}),
        fc.constantFrom<1 | 2>(1, 2),
        (ts, us, power) => {
          // Points t·(1, 2, 2)/3 on a line through the origin: distances are exactly |t − u|.
          const dir = [1 / 3, 2 / 3, 2 / 3]
          const x = Float64Array.from(ts.flatMap((t) => dir.map((c) => t * c))),
            y = Float64Array.from(us.flatMap((u) => dir.map((c) => u * c)))
          const n = ts.length,
            m = us.length
          const a = new Float64Array(n).fill(m),
            b = new Float64Array(m).fill(n)
          const r = networkSimplex({a, b, costs: {x, n, y, m, d: 3, power}})
          const line = exactW1D(
            Float64Array.from(ts),
            new Float64Array(n).fill(1 / n),
            Float64Array.from(us),
            new Float64Array(m).fill(1 / m),
            power,
          )
          expect(power === 2 ? Math.sqrt(r.cost) : r.cost).toBeCloseTo(line, 9)
          expectCertified(r, (i, j) => pointCost(x, i, y, j, 3, power), a, b)
        },
      ),
      {seed: 16, numRuns: 150},
    )
  })
})
