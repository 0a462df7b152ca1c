import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {kthDistances, supportCoverage} from '../../src/core/align/coverage.js'
import {knnScaled} from '../../src/core/knn/index.js'
import {insideThreshold, outsideThreshold} from '../../src/kernels/distance-f32.js'
import {type Kernels, roundUp8, setKernelThreads, tsKernels, wasmKernels} from '../../src/kernels/index.js'

// The Gram-form float32 tiles (gramFrameF32 in src/kernels/distance-f32.ts) and the float64 dot tiles (dotTileF64P)
// of the fidelity metrics. The WebAssembly build must exist when tests run (`npm test` builds first).
const wasm = wasmKernels as Kernels

function data(seed: number, len: number, spread: number, offset: number): Float64Array {
  let s = seed >>> 0
  return Float64Array.from(
    {length: len},
    () => offset + spread * (((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1),
  )
}

const problem = fc.record({
  n: fc.integer({min: 1, max: 13}),
  m: fc.integer({min: 1, max: 21}),
  d: fc.integer({min: 1, max: 140}),
  seed: fc.integer({min: 1, max: 1e6}),
  // Offsets up to 1e3 around spreads down to 1e-3 (the mean centring must keep the bits for the spread), and
  // duplicates (s = 0 exactly, where the Gram form's cancellation is worst).
  spread: fc.constantFrom(1e-3, 0.5, 4),
  offset: fc.constantFrom(0, -3.5, 1000),
  dupes: fc.boolean(),
})

type Problem = {n: number; m: number; d: number; seed: number; spread: number; offset: number; dupes: boolean}

function sets(p: Problem) {
  const x = data(p.seed, p.n * p.d, p.spread, p.offset)
  const y = data(p.seed + 1, p.m * p.d, p.spread, p.offset)
  if (p.dupes) y.set(x.subarray(0, Math.min(p.n, p.m) * p.d))
  return {x, y}
}

describe('Gram-form float32 distance tiles', () => {
  it('WebAssembly = TypeScript twin, bit for bit, for any tile and 1 or 2 threads', () => {
    fc.assert(
      fc.property(problem, fc.integer({min: 0, max: 20}), (p, cut) => {
        const {x, y} = sets(p)
        const i0 = Math.min(cut % p.n, p.n - 1),
          j0 = Math.min(8 * Math.floor(cut / 8), 8 * Math.floor((p.m - 1) / 8))
        const w = roundUp8(p.m - j0)
        const b = tsKernels.gramTiles(x, p.n, y, p.m, p.d)
        const want = Array.from(b.tile(i0, p.n, j0, p.m))
        for (const threads of [1, 2]) {
          setKernelThreads(threads)
          const a = wasm.gramTiles(x, p.n, y, p.m, p.d)
          const got = a.tile(i0, p.n, j0, p.m)
          for (let i = 0; i < p.n - i0; i++)
            for (let j = 0; j < p.m - j0; j++) expect(got[i * w + j]).toBe(want[i * w + j])
          a.dispose()
        }
        setKernelThreads(2)
      }),
      {numRuns: 120},
    )
  })

  it('the thresholds decide only what the float64 difference-form s confirms, duplicates included', () => {
    fc.assert(
      fc.property(problem, (p) => {
        const {x, y} = sets(p)
        const t = wasm.gramTiles(x, p.n, y, p.m, p.d)
        try {
          expect(t.frame.usable).toBe(true)
          const s64 = new Float64Array(p.n * p.m)
          tsKernels.sqDistTile(x, 0, p.n, y, 0, p.m, p.d, s64)
          const tile = t.tile(0, p.n, 0, p.m)
          const w = roundUp8(p.m)
          for (let i = 0; i < p.n; i++)
            for (let j = 0; j < p.m; j++) {
              const st = tile[i * w + j],
                s = s64[i * p.m + j]
              for (const L of [s * (1 + 1e-6), s * (1 - 1e-6), s, 2 * s + 1e-9, s + t.frame.E, s - t.frame.E])
                if (st <= insideThreshold(t.frame, L)) expect(s).toBeLessThanOrEqual(L)
                else if (st > outsideThreshold(t.frame, L)) expect(s).toBeGreaterThan(L)
            }
        } finally {
          t.dispose()
        }
      }),
      {numRuns: 150},
    )
  })

  it('its absolute margin is ~1e-4 of the squared spread: the k-th neighbour test is decided for almost every pair', () => {
    const n = 256,
      d = 256
    const x = data(11, n * d, 1, 5)
    const t = wasm.gramTiles(x, n, x, n, d)
    const s64 = new Float64Array(n * n)
    tsKernels.sqDistTile(x, 0, n, x, 0, n, d, s64)
    const tile = t.tile(0, n, 0, n)
    // A radius per row at its 5th smallest distance (the prdc test): count pairs the float32 value leaves open.
    let undecided = 0
    for (let i = 0; i < n; i++) {
      const row = Array.from(s64.subarray(i * n, i * n + n)).sort((a, b) => a - b)
      const L = row[5]
      for (let j = 0; j < n; j++) {
        const st = tile[i * roundUp8(n) + j]
        if (!(st <= insideThreshold(t.frame, L) || st > outsideThreshold(t.frame, L))) undecided++
      }
    }
    t.dispose()
    expect(undecided).toBeGreaterThanOrEqual(n)
    expect(undecided).toBeLessThan(n * n * 0.02)
  })

  it('kNN graphs from 64 dimensions (Gram tiles) equal the float64 scan exactly, self-excluded and cross', () => {
    for (const [n, m, d] of [
      [300, 200, 64],
      [257, 190, 130],
    ]) {
      const x = data(n, n * d, 1, 2),
        y = data(m, m * d, 1, 2.1)
      // Near-ties: a few rows repeated (distance 0) and one shifted by one ulp-scale step.
      y.set(x.subarray(0, 3 * d))
      const exclude = Int32Array.from({length: n}, (_, i) => i)
      for (const [ref, nr, qry, nq, ex] of [
        [x, n, x, n, exclude],
        [x, n, y, m, undefined],
      ] as const) {
        const a = knnScaled(ref, nr, qry, nq, d, 5, {method: 'brute', exclude: ex})
        const b = knnScaled(ref, nr, qry, nq, d, 5, {method: 'brute', precision: 'f64', exclude: ex})
        expect(Array.from(a.indices)).toEqual(Array.from(b.indices))
        expect(Array.from(a.distances)).toEqual(Array.from(b.distances))
      }
    }
  })

  it('precision/recall/density/coverage from 64 dimensions equal the float64 pass exactly (balls at near-ties)', () => {
    const n = 280,
      m = 240,
      d = 96
    const x = data(3, n * d, 1, 0.5),
      y = data(4, m * d, 1, 0.55)
    y.set(x.subarray(0, 5 * d))
    const radius = (z: Float64Array, rows: number) => {
      const g = knnScaled(z, rows, z, rows, d, 5, {exclude: Int32Array.from({length: rows}, (_, i) => i)})
      return kthDistances(g.distances, rows, 5, 5)
    }
    const rP = radius(x, n),
      rQ = radius(y, m)
    const f32 = supportCoverage(x, n, y, m, d, rP, rQ, rP, 5, undefined, 'brute')
    const f64 = supportCoverage(x, n, y, m, d, rP, rQ, rP, 5, undefined, 'brute-f64')
    expect(f32).toEqual(f64)
    expect(f64.precision).toBeGreaterThan(0)
  })
})

describe('float64 dot-product tiles', () => {
  it('WebAssembly = twin = the plain k-order loop, bit for bit, any tile, 1 or 2 threads', () => {
    fc.assert(
      fc.property(problem, fc.integer({min: 0, max: 20}), (p, cut) => {
        const {x, y} = sets(p)
        const i0 = Math.min(cut % p.n, p.n - 1),
          j0 = Math.min(4 * Math.floor(cut / 4), 4 * Math.floor((p.m - 1) / 4))
        const w = (p.m - j0 + 3) & ~3
        for (const [k, threads] of [
          [wasm, 1],
          [wasm, 2],
          [tsKernels, 1],
        ] as const) {
          setKernelThreads(threads)
          const t = k.dotTiles(x, p.n, y, p.m, p.d)
          const got = t.tile(i0, p.n, j0, p.m)
          for (let i = i0; i < p.n; i++)
            for (let j = j0; j < p.m; j++) {
              let s = 0
              for (let c = 0; c < p.d; c++) s += x[i * p.d + c] * y[j * p.d + c]
              expect(got[(i - i0) * w + j - j0]).toBe(s)
            }
          t.dispose()
        }
        setKernelThreads(2)
      }),
      {numRuns: 100},
    )
  })
})
