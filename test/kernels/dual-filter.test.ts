/**
 * The float32 filter of the shortlist's dual check (src/kernels/dual-filter.ts; WebAssembly `dualFilterF32` and its
 * TypeScript twin): (1) both backends list the same columns, in the same order, with the same counts (also past the
 * cap), for 1–3 threads and any split of the rows; (2) soundness, the property the solver relies on: every pair with
 * a negative float64 reduced cost — (C − g) − f < 0 or (C − f) − g < 0, C = fl(√s) — is listed, on potentials built
 * so that many pairs sit within a few units in the last place of tight; (3) the cases the bound refuses.
 */
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {dualFilterThresholds} from '../../src/kernels/dual-filter.js'
import {
  defaultThreads,
  dualFilter,
  kernelBackend,
  setKernelBackend,
  setKernelThreads,
  sqDistTile,
} from '../../src/kernels/index.js'

afterAll(() => {
  setKernelThreads(defaultThreads())
  setKernelBackend('wasm')
})

function data(seed: number, len: number, spread = 4, offset = 0): Float64Array {
  let s = seed >>> 0
  return Float64Array.from(
    {length: len},
    () => offset + ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * spread,
  )
}

/** W1 costs C_ij = fl(√s_ij) from the float64 kernel, row-major. */
function costs(x: Float64Array, n: number, y: Float64Array, m: number, d: number): Float64Array {
  const s = new Float64Array(n * m)
  sqDistTile(x, 0, n, y, 0, m, d, s)
  return s.map(Math.sqrt)
}

/**
 * Potentials with many near-tight pairs: f random, g_j = min_i (C_ij − f_i) (one tight pair per column), then every
 * g_j moved by −2…+2 units in the last place, and a few rows' f_i raised so that they violate in many columns.
 */
function nearTight(C: Float64Array, n: number, m: number, seed: number): {f: Float64Array; g: Float64Array} {
  const u = data(seed, n + m, 1, 0.5)
  const f = Float64Array.from({length: n}, (_, i) => u[i] - 0.5)
  const g = new Float64Array(m).fill(Infinity)
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) g[j] = Math.min(g[j], C[i * m + j] - f[i])
  for (let j = 0; j < m; j++) {
    const steps = Math.floor(u[n + j] * 5) - 2
    g[j] += steps * Number.EPSILON * Math.max(Math.abs(g[j]), 2 ** -20)
  }
  for (let i = 0; i < n; i += 7) f[i] += 0.05 * u[i]
  return {f, g}
}

function listAll(
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  f: Float64Array,
  g: Float64Array,
  cap: number,
  split: number,
): {out: Int32Array; count: Int32Array} | undefined {
  const filter = dualFilter(x, n, y, m, d)
  try {
    if (!filter.usable || !filter.potentials(f, g)) return undefined
    const out = new Int32Array(n * cap),
      count = new Int32Array(n)
    for (let i0 = 0; i0 < n; i0 += split) {
      const i1 = Math.min(n, i0 + split)
      const o = new Int32Array((i1 - i0) * cap),
        c = new Int32Array(i1 - i0)
      filter.rows(i0, i1, cap, o, c)
      out.set(o, i0 * cap)
      count.set(c, i0)
    }
    return {out, count}
  } finally {
    filter.dispose()
  }
}

describe('dual-check float32 filter', () => {
  it('WebAssembly and the twin list the same columns for 1–3 threads and any row split, counts past the cap included', () => {
    expect(kernelBackend()).toBe('wasm')
    const n = 61,
      m = 203
    for (const d of [1, 3, 16, 33]) {
      const x = data(d, n * d),
        y = data(d + 100, m * d, 4, 0.3)
      const {f, g} = nearTight(costs(x, n, y, m, d), n, m, d)
      setKernelBackend('ts')
      const twin = listAll(x, n, y, m, d, f, g, 8, n)!
      setKernelBackend('wasm')
      for (const threads of [1, 2, 3])
        for (const split of [n, 17, 4]) {
          setKernelThreads(threads)
          const w = listAll(x, n, y, m, d, f, g, 8, split)!
          expect(Array.from(w.count)).toEqual(Array.from(twin.count))
          // Only the listed entries are defined (the rest of each row's slice is scratch).
          const listed = (r: {out: Int32Array; count: Int32Array}) =>
            Array.from(r.count, (c, i) => Array.from(r.out.subarray(i * 8, i * 8 + Math.min(c, 8))))
          expect(listed(w)).toEqual(listed(twin))
        }
      // The raised rows list more than the cap, the near-tight ones a few: both kinds were compared.
      expect(Math.max(...twin.count)).toBeGreaterThan(8)
      expect(twin.count.filter((c) => c > 0 && c <= 8).length).toBeGreaterThan(n / 4)
    }
  })

  it('lists every pair whose float64 reduced cost is negative (near-tight potentials, offsets, d = 1…64)', () => {
    for (const backend of ['wasm', 'ts'] as const) {
      setKernelBackend(backend)
      fc.assert(
        fc.property(
          fc.integer({min: 1, max: 40}),
          fc.integer({min: 1, max: 70}),
          fc.integer({min: 1, max: 64}),
          fc.integer({min: 1, max: 2 ** 30}),
          fc.constantFrom(0, 1e3, -5e5),
          fc.constantFrom(1e-6, 1, 1e4),
          (n, m, d, seed, offset, spread) => {
            const x = data(seed, n * d, spread, offset),
              y = data(seed + 1, m * d, spread, offset)
            const C = costs(x, n, y, m, d)
            const {f, g} = nearTight(C, n, m, seed)
            const got = listAll(x, n, y, m, d, f, g, m, n)
            expect(got).toBeDefined()
            for (let i = 0; i < n; i++) {
              const listed = new Set(got!.out.subarray(i * m, i * m + got!.count[i]))
              for (let j = 0; j < m; j++) {
                const c = C[i * m + j]
                if (c - g[j] - f[i] < 0 || c - f[i] - g[j] < 0) expect(listed.has(j)).toBe(true)
              }
            }
          },
        ),
        {numRuns: 60, seed: 24},
      )
    }
    setKernelBackend('wasm')
  })

  it('refuses what it cannot bound: coordinates beyond 2⁶⁰, non-finite or huge potentials', () => {
    const x = data(1, 12, 4, 2 ** 62),
      y = data(2, 12, 4)
    const huge = dualFilter(x, 4, y, 4, 3)
    expect(huge.usable).toBe(false)
    huge.dispose()
    const ok = dualFilter(data(3, 12), 4, y, 4, 3)
    expect(ok.usable).toBe(true)
    expect(ok.potentials(new Float64Array(4), Float64Array.of(0, Number.NaN, 0, 0))).toBe(false)
    expect(ok.potentials(new Float64Array(4), Float64Array.of(0, 2 ** 121, 0, 0))).toBe(false)
    expect(ok.potentials(new Float64Array(4), new Float64Array(4))).toBe(true)
    ok.dispose()
  })

  it('its thresholds round up: every T_k ≥ (1 + ρ)·p_k + α/2 as float64, including subnormal and negative potentials', () => {
    const frame = {centre: new Float64Array(1), R: 1, rho: 4 * 2 ** -23, alpha: 2 ** -22, E: 0, usable: true}
    const p = Float64Array.of(0, 1e-300, -1e-300, 1e-40, -1e-40, 3.7, -3.7, 1e30, -1e30, 2 ** 120, -(2 ** 120))
    const out = new Float32Array(p.length)
    expect(dualFilterThresholds(frame, p, p.length, out)).toBe(true)
    for (let k = 0; k < p.length; k++) expect(out[k]).toBeGreaterThanOrEqual((1 + frame.rho) * p[k] + frame.alpha / 2)
  })
})
