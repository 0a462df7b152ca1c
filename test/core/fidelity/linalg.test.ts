import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {pivotedCholesky} from '../../../src/core/linalg/pivoted-cholesky.js'
import {rowDots} from '../../../src/core/linalg/row-dots.js'
import {symmetricEigenvalues} from '../../../src/core/linalg/symmetric-eigenvalues.js'
import {symmetricEigenQL} from '../../../src/core/linalg/tridiagonal-ql.js'
import {createRng} from '../../../src/core/stats/rng.js'

const randomMatrix = (rows: number, cols: number, seed: number) => {
  const rng = createRng(seed)
  return Float64Array.from({length: rows * cols}, () => rng.normal())
}
const naiveDots = (a: Float64Array, ar: number, b: Float64Array, br: number, len: number) => {
  const out = new Float64Array(ar * br)
  for (let i = 0; i < ar; i++)
    for (let j = 0; j < br; j++) {
      let s = 0
      for (let t = 0; t < len; t++) s += a[i * len + t] * b[j * len + t]
      out[i * br + j] = s
    }
  return out
}

describe('rowDots', () => {
  it('equals the naive triple loop for odd shapes, chunked lengths and the symmetric and upper options', () => {
    for (const [ar, br, len] of [
      [1, 1, 1],
      [5, 7, 3],
      [13, 6, 1100],
      [9, 9, 513],
    ]) {
      const a = randomMatrix(ar, len, ar + len)
      const b = randomMatrix(br, len, br * 7 + len)
      const got = rowDots(a, ar, b, br, len, new Float64Array(ar * br))
      const want = naiveDots(a, ar, b, br, len)
      for (let k = 0; k < want.length; k++) expect(got[k]).toBeCloseTo(want[k], 9)
      const sym = rowDots(a, ar, a, ar, len, new Float64Array(ar * ar), {symmetric: true})
      const wantSym = naiveDots(a, ar, a, ar, len)
      for (let k = 0; k < wantSym.length; k++) expect(sym[k]).toBeCloseTo(wantSym[k], 9)
      // upper-trapezoidal a: zero left of the diagonal
      const u = Float64Array.from(a)
      for (let i = 0; i < ar; i++) for (let t = 0; t < Math.min(i, len); t++) u[i * len + t] = 0
      const up = rowDots(u, ar, b, br, len, new Float64Array(ar * br), {upperA: true})
      const wantUp = naiveDots(u, ar, b, br, len)
      for (let k = 0; k < wantUp.length; k++) expect(up[k]).toBeCloseTo(wantUp[k], 9)
    }
  })
})

describe('symmetricEigenvalues', () => {
  it('agrees with the tred2/tql2 decomposition (eigenvalues and vectors) to 1e-12 relative', () => {
    for (const n of [1, 2, 3, 4, 17, 60]) {
      const x = randomMatrix(n, n, n)
      const s = new Float64Array(n * n)
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = x[i * n + j] + x[j * n + i]
      const got = symmetricEigenvalues(s, n)
      const want = Array.from(symmetricEigenQL(s, n).values).sort((a, b) => a - b)
      const norm = Math.max(...want.map(Math.abs))
      for (let k = 0; k < n; k++) expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-12 * norm * n)
    }
  })

  it('a diagonal matrix, a zero matrix, and a matrix with a zero column', () => {
    expect(Array.from(symmetricEigenvalues(Float64Array.from([3, 0, 0, 0, -1, 0, 0, 0, 2]), 3))).toEqual([-1, 2, 3])
    expect(Array.from(symmetricEigenvalues(new Float64Array(9), 3))).toEqual([0, 0, 0])
    const got = symmetricEigenvalues(Float64Array.from([2, 0, 1, 0, 0, 0, 1, 0, 2]), 3)
    expect(got[0]).toBeCloseTo(0, 14)
    expect(got[1]).toBeCloseTo(1, 14)
    expect(got[2]).toBeCloseTo(3, 14)
  })

  it('property: trace and Frobenius norm are preserved', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 24}), fc.integer({min: 0, max: 1000}), (n, seed) => {
        const x = randomMatrix(n, n, seed)
        const s = new Float64Array(n * n)
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = x[i * n + j] + x[j * n + i]
        const lam = symmetricEigenvalues(s, n)
        let tr = 0,
          fro = 0
        for (let i = 0; i < n; i++) tr += s[i * n + i]
        for (const v of s) fro += v * v
        const sum = lam.reduce((a, b) => a + b, 0)
        const sq = lam.reduce((a, b) => a + b * b, 0)
        expect(Math.abs(sum - tr)).toBeLessThan(1e-10 * (1 + Math.sqrt(fro)))
        expect(Math.abs(sq - fro)).toBeLessThan(1e-10 * (1 + fro))
      }),
      {numRuns: 40},
    )
  })
})

describe('pivotedCholesky', () => {
  it('reconstructs a full-rank and a rank-deficient PSD matrix', () => {
    for (const [n, k] of [
      [6, 6],
      [10, 4],
    ]) {
      const x = randomMatrix(n, k, n * k)
      const a = new Float64Array(n * n)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) for (let t = 0; t < k; t++) a[i * n + j] += x[i * k + t] * x[j * k + t]
      const c = pivotedCholesky(a, n)
      expect(c.rank).toBe(k)
      // (Πᵀ A Π)[i][j] = A[perm i][perm j] = Σ_t Lᵀ[t][i] Lᵀ[t][j]
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0
          for (let t = 0; t < c.rank; t++) s += c.factorT[t * n + i] * c.factorT[t * n + j]
          expect(s).toBeCloseTo(a[c.perm[i] * n + c.perm[j]], 10)
        }
      for (let t = 0; t < c.rank; t++) for (let i = 0; i < t; i++) expect(c.factorT[t * n + i]).toBe(0)
    }
  })
})
