import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../../src/core/errors.js'
import {knn, knnSelf, squaredDistanceTile} from '../../../src/core/knn/index.js'
import {makeSampleSet, type SampleSet} from '../../../src/core/sampleset.js'
import {setKernelBackend, tsKernels, wasmKernels} from '../../../src/kernels/index.js'

function mk(rows: number[][]): SampleSet {
  const d = rows[0].length
  return makeSampleSet(
    Float64Array.from(rows.flat()),
    rows.length,
    d,
    Array.from({length: d}, (_, k) => `c${k}`),
    'test',
  )
}

/** The definition: sort every reference by (distance, index) and take the first k (skipping the excluded row). */
function naive(ref: number[][], qry: number[][], k: number, self: boolean): {idx: number[][]; dist: number[][]} {
  const idx: number[][] = [],
    dist: number[][] = []
  qry.forEach((q, i) => {
    const all = ref
      .map((r, j) => ({j, d2: r.reduce((s, x, c) => s + (x - q[c]) ** 2, 0)}))
      .filter((e) => !self || e.j !== i)
    all.sort((a, b) => a.d2 - b.d2 || a.j - b.j)
    idx.push(all.slice(0, k).map((e) => e.j))
    dist.push(all.slice(0, k).map((e) => Math.sqrt(e.d2)))
  })
  return {idx, dist}
}

const point = (d: number) =>
  fc.array(
    fc.integer({min: -4, max: 4}).map((x) => x / 2),
    {minLength: d, maxLength: d},
  )

describe('knn: exact blocked brute force', () => {
  it('property: equals the sorted-by-(distance, index) definition, duplicates and ties included', () => {
    fc.assert(
      fc.property(
        fc
          .integer({min: 1, max: 4})
          .chain((d) =>
            fc.tuple(
              fc.array(point(d), {minLength: 2, maxLength: 300}),
              fc.array(point(d), {minLength: 1, maxLength: 70}),
              fc.integer({min: 1, max: 6}),
            ),
          ),
        ([ref, qry, k0]) => {
          const k = Math.min(k0, ref.length)
          const g = knn(mk(ref), mk(qry), k)
          const want = naive(ref, qry, k, false)
          expect(Array.from(g.indices)).toEqual(want.idx.flat())
          expect(Array.from(g.distances)).toEqual(want.dist.flat())
          const ks = Math.min(k0, ref.length - 1)
          const s = knnSelf(mk(ref), ks)
          const wantSelf = naive(ref, ref, ks, true)
          expect(Array.from(s.indices)).toEqual(wantSelf.idx.flat())
          expect(s.selfExcluded).toBe(true)
          expect(s.zeroDistanceQueries).toBe(wantSelf.dist.filter((r) => r[0] === 0).length)
        },
      ),
      {numRuns: 80},
    )
  })

  it('property: the k-d tree returns exactly the brute-force graph (grid points: many ties and duplicates)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({min: 1, max: 5})
          .chain((d) =>
            fc.tuple(
              fc.array(point(d), {minLength: 2, maxLength: 400}),
              fc.array(point(d), {minLength: 1, maxLength: 60}),
              fc.integer({min: 1, max: 8}),
            ),
          ),
        ([ref, qry, k0]) => {
          const k = Math.min(k0, ref.length - 1) || 1
          for (const [r, q, self] of [
            [ref, qry, false],
            [ref, ref, true],
          ] as const) {
            const kk = self ? Math.min(k, r.length - 1) : Math.min(k, r.length)
            if (kk < 1) continue
            const run = (method: 'tree' | 'brute') =>
              self ? knnSelf(mk(r), kk, {method}) : knn(mk(r), mk(q as number[][]), kk, {method})
            const a = run('tree'),
              b = run('brute')
            expect(Array.from(a.indices)).toEqual(Array.from(b.indices))
            expect(Array.from(a.distances)).toEqual(Array.from(b.distances))
          }
        },
      ),
      {numRuns: 80},
    )
  })

  it('property: the float32-filtered brute force returns exactly the float64 brute-force graph (near-ties, d ≤ 70)', () => {
    // Near-ties closer than float32 can resolve (copies moved by 1e-9 relative) must be settled by the float64
    // recomputation, and offsets of 1e3 must not cost the float32 values their precision (they are centred).
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 70}),
        fc.integer({min: 2, max: 160}),
        fc.integer({min: 1, max: 40}),
        fc.integer({min: 1, max: 12}),
        fc.constantFrom(0, 1000),
        fc.integer({min: 1, max: 1e6}),
        (d, n, m, k0, offset, seed) => {
          let st = seed >>> 0
          const rnd = () => ((st = (Math.imul(st, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1
          const ref = Array.from({length: n}, () => Array.from({length: d}, () => offset + rnd()))
          for (let i = 1; i < n; i += 3) ref[i] = ref[i - 1].map((x, c) => (c === 0 ? x * (1 + 1e-9 * rnd()) : x))
          const qry = Array.from({length: m}, (_, i) =>
            i % 2 ? ref[i % n].slice() : ref[i % n].map((x) => x + 0.01 * rnd()),
          )
          const k = Math.min(k0, n - 1)
          const a = knn(mk(ref), mk(qry), k, {method: 'brute'}),
            b = knn(mk(ref), mk(qry), k, {method: 'brute', precision: 'f64'})
          expect(Array.from(a.indices)).toEqual(Array.from(b.indices))
          expect(Array.from(a.distances)).toEqual(Array.from(b.distances))
          const sa = knnSelf(mk(ref), k, {method: 'brute'}),
            sb = knnSelf(mk(ref), k, {method: 'brute', precision: 'f64'})
          expect(Array.from(sa.indices)).toEqual(Array.from(sb.indices))
          expect(Array.from(sa.distances)).toEqual(Array.from(sb.distances))
        },
      ),
      {numRuns: 120},
    )
  })

  it('self-excluded: a duplicate is a neighbour at distance 0, the point itself never is', () => {
    const g = knnSelf(
      mk([
        [0, 0],
        [0, 0],
        [3, 4],
      ]),
      2,
    )
    expect(Array.from(g.indices)).toEqual([1, 2, 0, 2, 0, 1])
    expect(Array.from(g.distances)).toEqual([0, 5, 0, 5, 5, 5])
    expect(g.zeroDistanceQueries).toBe(2)
  })

  it('values of 1e200 and 1e-200 give finite, exact distances (power-of-two scaling; 3-4-5 triangle)', () => {
    for (const s of [1e200, 1e-200]) {
      const g = knn(
        mk([
          [0, 0],
          [3 * s, 4 * s],
        ]),
        mk([[0, 0]]),
        2,
      )
      expect(g.distances[1] / s).toBeCloseTo(5, 12)
      expect(Number.isFinite(g.distances[1])).toBe(true)
    }
  })

  it('k larger than the available points, k = 0 and mismatched columns are input errors naming the fix', () => {
    expect(() => knnSelf(mk([[0], [1]]), 2)).toThrow(/k = 2 neighbours asked but .* only 1 other point/)
    expect(() => knn(mk([[0], [1]]), mk([[0]]), 0)).toThrow(InputError)
    expect(() => knn(mk([[0], [1]]), mk([[0, 1]]), 1)).toThrow(/columns/)
  })

  it('the WebAssembly tile kernel and the TypeScript tile agree bit for bit (the <= ball tests rely on it)', () => {
    const n = 37,
      d = 13
    const a = Float64Array.from({length: n * d}, (_, i) => Math.sin(i * 1.7) * 3)
    const b = Float64Array.from({length: n * d}, (_, i) => Math.cos(i * 0.3))
    const ref = new Float64Array(n * n)
    squaredDistanceTile(a, 0, n, b, 0, n, d, ref)
    for (const k of [tsKernels, wasmKernels].filter((x) => x !== undefined)) {
      const out = new Float64Array(n * n)
      k!.sqDistTile(a, 0, n, b, 0, n, d, out)
      expect(Array.from(out)).toEqual(Array.from(ref))
    }
  })

  it('both backends give the same graph', () => {
    const rows = Array.from({length: 400}, (_, i) => [Math.sin(i), Math.cos(i * 1.3), (i % 7) / 7])
    setKernelBackend('ts')
    const a = knnSelf(mk(rows), 5)
    if (wasmKernels) setKernelBackend('wasm')
    const b = knnSelf(mk(rows), 5)
    expect(Array.from(b.indices)).toEqual(Array.from(a.indices))
    expect(Array.from(b.distances)).toEqual(Array.from(a.distances))
  })
})
