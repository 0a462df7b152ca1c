import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {symmetricEigen} from './jacobi.js'

function residual(a: number[], n: number, lambda: number, v: Float64Array): number {
  let worst = 0
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let j = 0; j < n; j++) s += a[i * n + j] * v[j]
    worst = Math.max(worst, Math.abs(s - lambda * v[i]))
  }
  return worst
}

describe('symmetricEigen (cyclic Jacobi)', () => {
  it('[[2,1],[1,2]] has eigenvalues 3 and 1 with eigenvectors (1,1)/√2 and (1,−1)/√2 (closed form)', () => {
    const e = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2)
    expect(e.values[0]).toBeCloseTo(3, 14)
    expect(e.values[1]).toBeCloseTo(1, 14)
    expect(Math.abs(e.vectors[0])).toBeCloseTo(Math.SQRT1_2, 14)
    expect(e.vectors[0] * e.vectors[1]).toBeGreaterThan(0)
    expect(e.vectors[2] * e.vectors[3]).toBeLessThan(0)
  })

  it('a diagonal matrix is returned sorted descending, in zero sweeps', () => {
    const e = symmetricEigen(Float64Array.from([1, 0, 0, 0, 5, 0, 0, 0, -2]), 3)
    expect(Array.from(e.values)).toEqual([5, 1, -2])
    expect(e.sweeps).toBe(0)
  })

  it('a rank-2 scatter of points on a plane in R^3 has a zero third eigenvalue and the plane normal as its vector', () => {
    // Points (u, v, 0) rotated by 30° about the x-axis: normal n = (0, −sin 30°, cos 30°).
    const s = Math.sin(Math.PI / 6),
      c = Math.cos(Math.PI / 6)
    const pts = [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0.5, 0.2],
    ].map(([u, v]) => [u, v * c, v * s])
    const mean = [0, 1, 2].map((k) => pts.reduce((a, p) => a + p[k], 0) / pts.length)
    const a = new Float64Array(9)
    for (const p of pts)
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) a[i * 3 + j] += (p[i] - mean[i]) * (p[j] - mean[j])
    const e = symmetricEigen(a, 3)
    expect(Math.abs(e.values[2])).toBeLessThan(1e-15)
    expect(Math.abs(e.vectors[6] * 0 + e.vectors[7] * -s + e.vectors[8] * c)).toBeCloseTo(1, 12)
  })

  it('property: A v = λ v, orthonormal vectors and trace preserved for random symmetric matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 9}),
        fc.array(
          fc.integer({min: -1e6, max: 1e6}).map((x) => x / 1e4),
          {minLength: 81, maxLength: 81},
        ),
        (n, raw) => {
          const a: number[] = new Array(n * n)
          for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = raw[i * 9 + j]
          const e = symmetricEigen(Float64Array.from(a), n)
          const norm = Math.sqrt(a.reduce((s, x) => s + x * x, 0)) || 1
          let trace = 0
          for (let r = 0; r < n; r++) {
            trace += a[r * n + r]
            const v = e.vectors.subarray(r * n, r * n + n)
            expect(residual(a, n, e.values[r], v)).toBeLessThan(1e-12 * norm)
            for (let s2 = 0; s2 < n; s2++) {
              let dot = 0
              for (let k = 0; k < n; k++) dot += v[k] * e.vectors[s2 * n + k]
              expect(dot).toBeCloseTo(r === s2 ? 1 : 0, 12)
            }
            if (r > 0) expect(e.values[r]).toBeLessThanOrEqual(e.values[r - 1])
          }
          expect(e.values.reduce((s, x) => s + x, 0)).toBeCloseTo(trace, 9)
        },
      ),
      {numRuns: 60},
    )
  })
})
