import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {insideThreshold, outsideThreshold} from '../../src/kernels/distance-f32.js'
import {type Kernels, roundUp8, tsKernels, wasmKernels} from '../../src/kernels/index.js'

// The WebAssembly build must exist when tests run (`npm test` builds first).
const wasm = wasmKernels as Kernels

function data(seed: number, len: number, spread: number, offset: number): Float64Array {
  let s = seed >>> 0
  return Float64Array.from(
    {length: len},
    () => offset + spread * (((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1),
  )
}

const problem = fc.record({
  n: fc.integer({min: 1, max: 11}),
  m: fc.integer({min: 1, max: 21}),
  d: fc.integer({min: 1, max: 70}),
  seed: fc.integer({min: 1, max: 1e6}),
  // Spreads from 1e-6 to 4 around offsets up to 1e3 (centring must keep the f32 bits for the spread), and coincident
  // points (duplicates: s = 0 exactly).
  spread: fc.constantFrom(1e-6, 1e-3, 0.5, 4),
  offset: fc.constantFrom(0, 1, -3.5, 1000),
  dupes: fc.boolean(),
})

interface Problem {
  n: number
  m: number
  d: number
  seed: number
  spread: number
  offset: number
  dupes: boolean
}

function sets(p: Problem) {
  const x = data(p.seed, p.n * p.d, p.spread, p.offset)
  const y = data(p.seed + 1, p.m * p.d, p.spread, p.offset)
  if (p.dupes) y.set(x.subarray(0, Math.min(p.n, p.m) * p.d))
  return {x, y}
}

describe('float32 distance tiles', () => {
  it('WebAssembly = TypeScript twin, bit for bit, for any tile', () => {
    fc.assert(
      fc.property(problem, fc.integer({min: 0, max: 20}), (p, cut) => {
        const {x, y} = sets(p)
        const a = wasm.distanceTiles(x, p.n, y, p.m, p.d),
          b = tsKernels.distanceTiles(x, p.n, y, p.m, p.d)
        try {
          const i0 = Math.min(cut % p.n, p.n - 1),
            j0 = Math.min(8 * Math.floor(cut / 8), 8 * Math.floor((p.m - 1) / 8))
          const ta = Array.from(a.tile(i0, p.n, j0, p.m)),
            tb = Array.from(b.tile(i0, p.n, j0, p.m))
          const w = roundUp8(p.m - j0)
          for (let i = 0; i < p.n - i0; i++)
            for (let j = 0; j < p.m - j0; j++) expect(ta[i * w + j]).toBe(tb[i * w + j])
        } finally {
          a.dispose()
          b.dispose()
        }
      }),
      {numRuns: 150},
    )
  })

  it('the stated bound holds: (√s̃ − α)/(1 + ρ) ≤ √s ≤ (√s̃ + α)/(1 − ρ) against the float64 s, and duplicates give 0', () => {
    fc.assert(
      fc.property(problem, (p) => {
        const {x, y} = sets(p)
        const t = wasm.distanceTiles(x, p.n, y, p.m, p.d)
        try {
          expect(t.frame.usable).toBe(true)
          const {rho, alpha} = t.frame
          const s64 = new Float64Array(p.n * p.m)
          tsKernels.sqDistTile(x, 0, p.n, y, 0, p.m, p.d, s64)
          const tile = t.tile(0, p.n, 0, p.m)
          const w = roundUp8(p.m)
          for (let i = 0; i < p.n; i++)
            for (let j = 0; j < p.m; j++) {
              const st = tile[i * w + j],
                s = s64[i * p.m + j]
              expect(Math.sqrt(s)).toBeLessThanOrEqual((Math.sqrt(st) + alpha) / (1 - rho))
              expect(Math.sqrt(s)).toBeGreaterThanOrEqual((Math.sqrt(st) - alpha) / (1 + rho))
              if (s === 0) expect(st).toBe(0)
              // The thresholds decide only what the float64 value confirms (a limit just above and below s).
              for (const L of [s * (1 + 1e-6), s * (1 - 1e-6), s, 2 * s + 1e-9])
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

  it('the margins are tight enough to decide almost every pair of a spread-out set', () => {
    const n = 64,
      d = 64
    const x = data(7, n * d, 1, 0.3),
      y = data(8, n * d, 1, 0.3)
    const t = wasm.distanceTiles(x, n, y, n, d)
    const s64 = new Float64Array(n * n)
    tsKernels.sqDistTile(x, 0, n, y, 0, n, d, s64)
    const tile = t.tile(0, n, 0, n)
    let undecided = 0
    const L = s64[0]
    for (let i = 0; i < n * n; i++) {
      const st = tile[Math.floor(i / n) * roundUp8(n) + (i % n)]
      if (!(st <= insideThreshold(t.frame, L) || st > outsideThreshold(t.frame, L))) undecided++
    }
    t.dispose()
    // Only pairs within ~1e-4 relative of L can be undecided: s[0] itself, and any rare near-tie.
    expect(undecided).toBeGreaterThanOrEqual(1)
    expect(undecided).toBeLessThan(n * n * 0.01)
  })
})

describe('prepared float64 reference tiles', () => {
  it('WebAssembly (4 × 4 register blocks) = sqDistTile bit for bit, any size and row range; so is wasm sqDistTile', () => {
    fc.assert(
      fc.property(problem, fc.integer({min: 0, max: 10}), (p, i0raw) => {
        const {x, y} = sets(p)
        const i0 = i0raw % p.n
        const want = new Float64Array((p.n - i0) * p.m)
        tsKernels.sqDistTile(x, i0, p.n, y, 0, p.m, p.d, want)
        for (const k of [wasm, tsKernels]) {
          const t = k.referenceTiles(y, p.m, p.d)
          const got = new Float64Array((p.n - i0) * p.m)
          t.tile(x, i0, p.n, got)
          t.dispose()
          expect(Array.from(got)).toEqual(Array.from(want))
        }
        // sqDistTile itself runs on the same blocked kernel: any column range, bit for bit.
        const j0 = i0raw % p.m
        const a = new Float64Array((p.n - i0) * (p.m - j0)),
          b = new Float64Array((p.n - i0) * (p.m - j0))
        tsKernels.sqDistTile(x, i0, p.n, y, j0, p.m, p.d, a)
        wasm.sqDistTile(x, i0, p.n, y, j0, p.m, p.d, b)
        expect(Array.from(b)).toEqual(Array.from(a))
      }),
      {numRuns: 150},
    )
  })
})
