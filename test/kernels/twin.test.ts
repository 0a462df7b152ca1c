import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {type Kernels, kernelBackend, tsKernels, wasmKernels} from '../../src/kernels/index.js'

// The WebAssembly build must exist when tests run (`npm test` builds first); its absence is a failure, not a skip.
const wasm = wasmKernels as Kernels

/**
 * a = b to `rel` relative, measured against at least `floor`. A log-sum-exp is the log of a sum near its largest term,
 * so its rounding error is absolute, about ε·(1 + |result|): a result near 0 (a sum near 1) differs by an ulp of 1,
 * not of itself (seen: −1.0004158694345e-4 vs …367e-4, 2.2e-16 apart), hence floor 1 for the LSE kernels.
 */
const close = (a: Float64Array, b: Float64Array, rel = 1e-12, floor = 1e-300) => {
  expect(a.length).toBe(b.length)
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue
    expect(Math.abs(a[i] - b[i]), `index ${i}: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(
      rel * Math.max(Math.abs(a[i]), Math.abs(b[i]), floor),
    )
  }
}

const problem = fc.record({
  n: fc.integer({min: 1, max: 9}),
  m: fc.integer({min: 1, max: 13}),
  d: fc.integer({min: 1, max: 5}),
  seed: fc.integer({min: 1, max: 1e6}),
  power: fc.constantFrom(1 as const, 2 as const),
  scale: fc.double({min: 1e-3, max: 1e4, noNaN: true}),
})

function data(seed: number, len: number): Float64Array {
  // A small LCG: the test data need not be good random numbers, only varied and reproducible.
  let s = seed >>> 0
  return Float64Array.from({length: len}, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 4 - 2)
}

describe('WebAssembly kernels = TypeScript twins (≤ 1e-12 relative, float64)', () => {
  it('loads the SIMD WebAssembly build by default', () => {
    expect(wasmKernels).toBeDefined()
    expect(kernelBackend()).toBe('wasm')
  })

  it('sqDistTile agrees bit for bit', () => {
    fc.assert(
      fc.property(problem, ({n, m, d, seed}) => {
        const x = data(seed, n * d),
          y = data(seed + 1, m * d)
        const i0 = Math.floor(n / 3),
          j0 = Math.floor(m / 4)
        const a = new Float64Array((n - i0) * (m - j0)),
          b = new Float64Array(a.length)
        tsKernels.sqDistTile(x, i0, n, y, j0, m, d, a)
        wasm.sqDistTile(x, i0, n, y, j0, m, d, b)
        expect(b).toEqual(a)
      }),
    )
  })

  it('lseRowsOfNegScaledDist, with and without skipping j = i', () => {
    fc.assert(
      fc.property(problem, fc.boolean(), ({n, m, d, seed, power, scale}, skip) => {
        const x = data(seed, n * d),
          y = skip ? x : data(seed + 1, m * d),
          mm = skip ? n : m
        const h = data(seed + 2, mm)
        const i0 = Math.floor(n / 2)
        const a = new Float64Array(n - i0),
          b = new Float64Array(n - i0)
        tsKernels.lseRowsOfNegScaledDist(x, i0, n, y, mm, d, h, scale, power, a, skip)
        wasm.lseRowsOfNegScaledDist(x, i0, n, y, mm, d, h, scale, power, b, skip)
        close(a, b, 1e-12, 1)
      }),
    )
  })

  it('lseRowsOfNegScaledDist stays finite when every term underflows exp (scale = 1e12)', () => {
    const x = data(7, 20),
      y = data(8, 30),
      h = new Float64Array(15)
    const a = new Float64Array(10),
      b = new Float64Array(10)
    tsKernels.lseRowsOfNegScaledDist(x, 0, 10, y, 15, 2, h, 1e12, 1, a)
    wasm.lseRowsOfNegScaledDist(x, 0, 10, y, 15, 2, h, 1e12, 1, b)
    expect(a.every(Number.isFinite)).toBe(true)
    close(a, b)
  })

  it('minRowsOfCostMinus, gibbsRowSums and weightedCostRows', () => {
    fc.assert(
      fc.property(problem, ({n, m, d, seed, power, scale}) => {
        const x = data(seed, n * d),
          y = data(seed + 1, m * d)
        const u = data(seed + 2, n),
          v = data(seed + 3, m)
        const i0 = Math.floor(n / 2),
          r = n - i0
        const out = () => [new Float64Array(r), new Float64Array(r)]
        const [a1, b1] = out()
        tsKernels.minRowsOfCostMinus(x, i0, n, y, m, d, v, power, a1)
        wasm.minRowsOfCostMinus(x, i0, n, y, m, d, v, power, b1)
        expect(b1).toEqual(a1)
        const [ma, mb] = out(),
          [ca, cb] = out()
        const s = Math.min(scale, 10)
        tsKernels.gibbsRowSums(x, i0, n, y, m, d, u, v, s, power, ma, ca)
        wasm.gibbsRowSums(x, i0, n, y, m, d, u, v, s, power, mb, cb)
        close(ma, mb)
        close(ca, cb)
        const w = v.map(Math.abs)
        const [wa, wb] = out()
        tsKernels.weightedCostRows(x, i0, n, y, m, d, w, power, wa)
        wasm.weightedCostRows(x, i0, n, y, m, d, w, power, wb)
        close(wa, wb)
      }),
    )
  })

  it('projectRows agrees bit for bit (same summation order over coordinates)', () => {
    fc.assert(
      fc.property(problem, fc.integer({min: 1, max: 7}), ({n, d, seed}, K) => {
        const x = data(seed, n * d),
          dirs = data(seed + 5, K * d)
        const i0 = Math.floor(n / 3)
        const a = new Float64Array((n - i0) * K),
          b = new Float64Array(a.length)
        tsKernels.projectRows(x, i0, n, d, dirs, K, a)
        wasm.projectRows(x, i0, n, d, dirs, K, b)
        expect(b).toEqual(a)
      }),
    )
  })
})
