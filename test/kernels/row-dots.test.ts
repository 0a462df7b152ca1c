/**
 * rowDots (A Bᵀ in float64): the WebAssembly kernel agrees with the TypeScript twin to rounding, and gives
 * byte-identical results for 1–4 threads (the folded row-group order changes the split, never a sum).
 */
import {afterAll, describe, expect, it} from 'vitest'
import {pivotedCholesky} from '../../src/core/linalg/pivoted-cholesky.js'
import {symmetricEigenvalues} from '../../src/core/linalg/symmetric-eigenvalues.js'
import {
  defaultThreads,
  kernelBackend,
  kernelWorkerBlocks,
  rowDots,
  setKernelBackend,
  setKernelThreads,
} from '../../src/kernels/index.js'
import {rowDots as twinRowDots} from '../../src/kernels/row-dots.js'

afterAll(() => {
  setKernelThreads(defaultThreads())
  setKernelBackend('wasm')
})

const matrix = (rows: number, cols: number, seed: number) => {
  let s = seed >>> 0
  return Float64Array.from({length: rows * cols}, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32 - 0.5
  })
}

describe('rowDots kernel', () => {
  it('runs on the WebAssembly backend here', () => {
    expect(kernelBackend()).toBe('wasm')
  })

  for (const [ar, br, len, opts] of [
    [5, 7, 3, {}],
    [37, 29, 301, {}],
    [64, 64, 515, {symmetric: true}],
    [50, 41, 90, {upperA: true}],
  ] as const) {
    it(`${ar}×${len} · (${br}×${len})ᵀ ${JSON.stringify(opts)}: wasm ≈ twin to 1e-13 relative`, () => {
      const a = matrix(ar, len, ar)
      if ('upperA' in opts) for (let i = 0; i < ar; i++) for (let t = 0; t < Math.min(i, len); t++) a[i * len + t] = 0
      const b = 'symmetric' in opts ? a : matrix(br, len, br + 1)
      const rows = 'symmetric' in opts ? ar : br
      const got = rowDots(a, ar, b, rows, len, new Float64Array(ar * rows), opts)
      const want = twinRowDots(a, ar, b, rows, len, new Float64Array(ar * rows), opts)
      for (let k = 0; k < want.length; k++) expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-13 * Math.sqrt(len))
    })
  }

  it('byte-identical for 1, 2, 3 and 4 threads, and blocks really ran on workers', () => {
    const a = matrix(300, 400, 3)
    const run = () => rowDots(a, 300, a, 300, 400, new Float64Array(300 * 300), {symmetric: true})
    setKernelThreads(1)
    const one = run()
    const before = kernelWorkerBlocks()
    for (const t of [2, 3, 4]) {
      setKernelThreads(t)
      expect(Array.from(run())).toEqual(Array.from(one))
    }
    expect(kernelWorkerBlocks()).toBeGreaterThan(before)
  })

  it('the twin backend gives the twin result', () => {
    setKernelBackend('ts')
    const a = matrix(9, 11, 5)
    expect(Array.from(rowDots(a, 9, a, 9, 11, new Float64Array(81)))).toEqual(
      Array.from(twinRowDots(a, 9, a, 9, 11, new Float64Array(81))),
    )
    setKernelBackend('wasm')
  })

  it('tridiagonalisation and pivoted Cholesky: the SIMD row passes agree with the twin to rounding', () => {
    const n = 71
    const x = matrix(n, n, 11)
    const s = new Float64Array(n * n)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = x[i * n + j] + x[j * n + i]
    const psd = rowDots(x, n, x, n, n, new Float64Array(n * n), {symmetric: true})
    setKernelBackend('ts')
    const eigTwin = symmetricEigenvalues(s, n)
    const cholTwin = pivotedCholesky(psd, n)
    setKernelBackend('wasm')
    const eig = symmetricEigenvalues(s, n)
    const chol = pivotedCholesky(psd, n)
    for (let k = 0; k < n; k++) expect(Math.abs(eig[k] - eigTwin[k])).toBeLessThan(1e-12 * n)
    expect(Array.from(chol.perm)).toEqual(Array.from(cholTwin.perm))
    for (let k = 0; k < chol.factorT.length; k++)
      expect(Math.abs(chol.factorT[k] - cholTwin.factorT[k])).toBeLessThan(1e-11)
  })
})
