/**
 * The shortlist's two dual checks (src/core/ot/dual-check.ts) find the same violating pairs: `filteredCheck` (the
 * float32 filter, listed pairs recomputed in float64) returns exactly the keys of `allPairsCheck` (the float64 kernel
 * over every pair), on both backends, for potentials whose tight pairs sit a few units in the last place from the
 * violation threshold (where the order of the float64 operations decides), rows
 * that violate in most columns (past the filter's per-row cap, scanned in full), and equal costs (duplicate points).
 * With most rows past the cap it declines (undefined) and the caller runs the float64 check.
 */
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {allPairsCheck, filteredCheck} from '../../../src/core/ot/dual-check.js'
import {SHORTLIST_ADD_PER_LINE, SHORTLIST_VIOLATION_TOL} from '../../../src/core/ot/shortlist.js'
import {pointCost} from '../../../src/core/ot/transport-costs.js'
import {dualFilter, setKernelBackend} from '../../../src/kernels/index.js'

afterAll(() => setKernelBackend('wasm'))

const opts = {tol: SHORTLIST_VIOLATION_TOL, perRow: SHORTLIST_ADD_PER_LINE}

function data(seed: number, len: number, spread = 4): Float64Array {
  let s = seed >>> 0
  return Float64Array.from(
    {length: len},
    () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * spread,
  )
}

/**
 * f random; g the c-transform (each column's tight row i*), then moved so that the tight pair's reduced cost sits at
 * the violation threshold −tol·M (M = max(|C|, |f|, |g|)) give or take −3…+3 units of 2⁻⁵²·M, where the order of the
 * float64 operations decides; every `hot`-th row raised by `lift` (violating widely).
 */
function potentials(
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  seed: number,
  hot: number,
  lift: number,
) {
  const u = data(seed, n + m, 1)
  const f = Float64Array.from({length: n}, (_, i) => u[i])
  const g = new Float64Array(m).fill(Infinity),
    arg = new Int32Array(m)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      const w = pointCost(x, i, y, j, d, 1) - f[i]
      if (w < g[j]) {
        g[j] = w
        arg[j] = i
      }
    }
  for (let j = 0; j < m; j++) {
    const M = Math.max(pointCost(x, arg[j], y, j, d, 1), Math.abs(f[arg[j]]), Math.abs(g[j]))
    g[j] += opts.tol * M + (Math.floor((u[n + j] + 0.5) * 7) - 3) * 2 ** -52 * M
  }
  for (let i = 0; i < n; i += hot) f[i] += lift
  return {f, g}
}

function both(x: Float64Array, n: number, y: Float64Array, m: number, d: number, f: Float64Array, g: Float64Array) {
  const pts = {x, n, y, m, d, power: 1 as const}
  const full = allPairsCheck(pts, f, g, new Float64Array(n), new Float64Array(m), opts)
  const filter = dualFilter(x, n, y, m, d)
  try {
    return {full, filtered: filteredCheck(pts, filter, f, g, opts)}
  } finally {
    filter.dispose()
  }
}

describe('filteredCheck', () => {
  it('returns the keys of allPairsCheck: near-ties, widely violating rows, duplicates, both backends', () => {
    let withViolators = 0
    for (const backend of ['wasm', 'ts'] as const) {
      setKernelBackend(backend)
      fc.assert(
        fc.property(
          fc.integer({min: 1, max: 50}),
          fc.integer({min: 1, max: 400}),
          fc.integer({min: 1, max: 40}),
          fc.integer({min: 1, max: 2 ** 30}),
          fc.boolean(),
          (n, m, d, seed, duplicates) => {
            const x = data(seed, n * d),
              y = data(seed + 7, m * d)
            // Duplicates: Q repeats P's first point, so whole columns tie in cost.
            if (duplicates) for (let j = 0; j < m; j += 3) y.set(x.subarray(0, d), j * d)
            const {f, g} = potentials(x, n, y, m, d, seed, 97, 0.8)
            const {full, filtered} = both(x, n, y, m, d, f, g)
            expect(filtered).toBeDefined()
            expect(Array.from(filtered!)).toEqual(Array.from(full))
            if (full.length > 0) withViolators++
          },
        ),
        {numRuns: 40, seed: 24},
      )
    }
    setKernelBackend('wasm')
    expect(withViolators).toBeGreaterThan(60)
  })

  it('a row past the per-row cap is scanned in full, with the same result; the comparison has violators to compare', () => {
    const n = 40,
      m = 1500,
      d = 5
    const x = data(5, n * d),
      y = data(6, m * d)
    const {f, g} = potentials(x, n, y, m, d, 5, 39, 3)
    const {full, filtered} = both(x, n, y, m, d, f, g)
    expect(full.length).toBeGreaterThan(2 * SHORTLIST_ADD_PER_LINE)
    expect(Array.from(filtered!)).toEqual(Array.from(full))
  })

  it('declines (undefined) when most rows violate everywhere; the float64 check then runs', () => {
    const n = 64,
      m = 600,
      d = 3
    const x = data(8, n * d),
      y = data(9, m * d)
    const {f, g} = potentials(x, n, y, m, d, 8, 1, 5)
    expect(both(x, n, y, m, d, f, g).filtered).toBeUndefined()
  })
})
