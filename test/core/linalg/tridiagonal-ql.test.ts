import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {symmetricEigenQL} from '../../../src/core/linalg/tridiagonal-ql.js'
import {symmetricEigen} from './jacobi.js'

describe('symmetricEigenQL (Householder tridiagonalisation + implicit QL)', () => {
  it('[[2,1],[1,2]] → 3, 1 (closed form); a 1×1 matrix is its own eigenvalue', () => {
    expect(Array.from(symmetricEigenQL(Float64Array.from([2, 1, 1, 2]), 2).values).map((x) => +x.toFixed(14))).toEqual([
      3, 1,
    ])
    expect(Array.from(symmetricEigenQL(Float64Array.from([-4]), 1).values)).toEqual([-4])
  })

  it('property: same spectrum as Jacobi, A v = λ v, orthonormal vectors (sizes up to 70, rank-deficient included)', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 70}),
        fc.integer({min: 1, max: 70}),
        fc.integer({min: 0, max: 2 ** 30}),
        (n, rank, seed) => {
          // A = Σ_{r<rank} z_r z_rᵀ: a scatter matrix like local PCA's, rank min(rank, n).
          let s = seed
          const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5
          const a = new Float64Array(n * n)
          for (let r = 0; r < rank; r++) {
            const z = Array.from({length: n}, rnd)
            for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += z[i] * z[j]
          }
          const ql = symmetricEigenQL(a, n),
            jac = symmetricEigen(a, n)
          const norm = Math.max(1e-300, Math.abs(jac.values[0]))
          for (let r = 0; r < n; r++) {
            expect(Math.abs(ql.values[r] - jac.values[r])).toBeLessThan(1e-11 * norm)
            const v = ql.vectors.subarray(r * n, r * n + n)
            let worst = 0,
              len = 0
            for (let i = 0; i < n; i++) {
              let t = 0
              for (let j = 0; j < n; j++) t += a[i * n + j] * v[j]
              worst = Math.max(worst, Math.abs(t - ql.values[r] * v[i]))
              len += v[i] * v[i]
            }
            expect(worst).toBeLessThan(1e-11 * norm)
            expect(len).toBeCloseTo(1, 12)
          }
        },
      ),
      {numRuns: 40},
    )
  })
})
