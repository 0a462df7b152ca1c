/**
 * Means and 1-D W1 of columns near the top of float64, where the plain sum overflows although the answer exists.
 * Expected values: the same data divided by 1e300 (exactly representable answers then need no overflow care), and
 * the closed form of W1 between two equal-size shifted grids (every quantile pair is the same shift apart).
 */
import {describe, expect, it} from 'vitest'
import {w1Sorted} from '../../../src/core/drift/w1.js'
import {columnSummary} from '../../../src/core/stats/columnSummary.js'
import {scaledMean} from '../../../src/core/stats/scaled-mean.js'

const grid = (n: number, start: number, step: number) => Float64Array.from({length: n}, (_, i) => start + i * step)

describe('scaledMean and columnSummary near ±1e308', () => {
  it('the mean of 100 values near 1e308 is finite (the plain sum is ∞) and matches the rescaled data', () => {
    const xs = grid(100, 0.5e308, 1e305)
    expect(xs.reduce((a, b) => a + b, 0)).toBe(Infinity)
    const m = scaledMean(xs)!
    const reference = scaledMean(xs.map((x) => x / 1e300))! * 1e300
    expect(Math.abs(m - reference) / reference).toBeLessThan(1e-14)
    // Closed form: start + step·(n − 1)/2.
    expect(Math.abs(m - (0.5e308 + 49.5e305)) / m).toBeLessThan(1e-14)
    const s = columnSummary(xs)
    expect(s.mean).toBe(m)
    expect(s.sum).toBeNull()
  })

  it('skips missing cells and is null with none left; ordinary data keep the compensated mean', () => {
    expect(scaledMean([Number.NaN, Number.NaN])).toBeNull()
    expect(scaledMean([1e308, Number.NaN, 1e308])).toBe(1e308)
    expect(columnSummary([1, 2, 3, Number.NaN]).mean).toBe(2)
  })
})

describe('w1Sorted near ±1e308', () => {
  it('equal sizes: two clusters 1.2e308 apart give W1 = 1.2e308 (the sum of 100 gaps overflows)', () => {
    const w = w1Sorted(grid(100, -0.6e308, 1e305), grid(100, 0.6e308, 1e305))
    expect(Math.abs(w - 1.2e308) / 1.2e308).toBeLessThan(1e-14)
  })

  it('unequal sizes: matches the same data scaled by 1e-300', () => {
    const a = grid(100, -0.6e308, 1e305)
    const b = grid(30, 0.6e308, 1e305)
    const reference = w1Sorted(
      a.map((x) => x / 1e300),
      b.map((x) => x / 1e300),
    )
    const w = w1Sorted(a, b)
    expect(Number.isFinite(w)).toBe(true)
    expect(Math.abs(w / 1e300 - reference) / reference).toBeLessThan(1e-13)
  })
})
