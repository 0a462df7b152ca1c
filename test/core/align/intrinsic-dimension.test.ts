import {describe, expect, it} from 'vitest'
import {mleDimension, twoNN} from '../../../src/core/align/intrinsic-dimension.js'
import {knnSelf} from '../../../src/core/knn/index.js'
import {makeSampleSet} from '../../../src/core/sampleset.js'
import {circle3, cubeIn, gaussian, rng} from './generators.js'

// Validation values from docs/estimators.md "Intrinsic dimension" (scikit-dimension conventions): unit circle in R³ → ≈ 1,
// 2000 points uniform on [0,1]² embedded in R¹⁰ → ≈ 2; N(0, I_5) → ≈ 5 (full-dimensional).
describe('intrinsic dimension', () => {
  it('TwoNN and MLE give ≈ 1 on a circle in R³', () => {
    const g = knnSelf(circle3(rng(7), 2000), 20)
    expect(twoNN(g).value).toBeCloseTo(1, 0)
    expect(Math.abs(twoNN(g).value - 1)).toBeLessThan(0.1)
    expect(Math.abs(mleDimension(g).value - 1)).toBeLessThan(0.1)
  })

  it('TwoNN and MLE give ≈ 2 on a square in R¹⁰ (randomly rotated)', () => {
    const g = knnSelf(cubeIn(rng(8), 2000, 2, 10), 20)
    expect(Math.abs(twoNN(g).value - 2)).toBeLessThan(0.2)
    expect(Math.abs(mleDimension(g).value - 2)).toBeLessThan(0.2)
  })

  it('≈ 5 on a 5-dimensional Gaussian', () => {
    const g = knnSelf(gaussian(rng(9), 2000, 5), 20)
    expect(Math.abs(twoNN(g).value - 5)).toBeLessThan(0.6)
    expect(Math.abs(mleDimension(g).value - 5)).toBeLessThan(0.6)
  })

  it('duplicates are left out and counted, never a division by zero', () => {
    const base = circle3(rng(10), 500)
    const data = new Float64Array(600 * 3)
    data.set(base.data)
    data.set(base.data.subarray(0, 300), 500 * 3) // rows 500..599 duplicate rows 0..99
    const g = knnSelf(makeSampleSet(data, 600, 3, ['x', 'y', 'z']), 20)
    const t = twoNN(g),
      m = mleDimension(g)
    expect(t.duplicates).toBe(200)
    expect(m.duplicates).toBe(200)
    expect(t.used).toBe(400)
    expect(Number.isFinite(t.value) && Number.isFinite(m.value)).toBe(true)
    expect(Math.abs(t.value - 1)).toBeLessThan(0.2)
  })

  it('a set of duplicates only is an input error', () => {
    const g = knnSelf(makeSampleSet(new Float64Array([1, 1, 1, 1, 2, 2, 2, 2]), 8, 1, ['x']), 3)
    expect(() => twoNN(g, 0.1, 'P')).toThrow(/P has only 0 point\(s\) with a non-zero/)
    expect(() => mleDimension(g, 20, 'P')).toThrow(/every point of P has a duplicate/)
  })
})
