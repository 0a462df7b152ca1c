import {describe, expect, it} from 'vitest'
import {bandwidthFactor, kernelWidths} from '../../../src/core/stats/bandwidth.js'
import {percentileInterval, quantile, resampleIndices} from '../../../src/core/stats/bootstrap.js'
import {createRng} from '../../../src/core/stats/rng.js'

describe('bootstrap helpers', () => {
  it('quantile interpolates linearly (Hyndman–Fan type 7, NumPy default)', () => {
    // numpy.quantile([1, 2, 3, 4], 0.25) = 1.75
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75)
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5)
    const [lo, hi] = percentileInterval(Array.from({length: 101}, (_, i) => i))
    expect(lo).toBeCloseTo(2.5, 12)
    expect(hi).toBeCloseTo(97.5, 12)
  })
  it('resampleIndices draws n indices in range, deterministically', () => {
    const a = resampleIndices(createRng(3), 50),
      b = resampleIndices(createRng(3), 50)
    expect(Array.from(a)).toEqual(Array.from(b))
    expect(Math.max(...a)).toBeLessThan(50)
  })
})

describe('bandwidth', () => {
  it("Scott's and Silverman's factors (scipy.stats.gaussian_kde docstring)", () => {
    expect(bandwidthFactor('scott', 1000, 1)).toBeCloseTo(1000 ** -0.2, 14)
    expect(bandwidthFactor('silverman', 1000, 1)).toBeCloseTo(((1000 * 3) / 4) ** -0.2, 14)
  })
  it('scales by each column’s spread and gives constant columns width 1', () => {
    // column 0: 0,2,4,6 → sample sd = 2.581988897; column 1 constant
    const data = Float64Array.from([0, 5, 2, 5, 4, 5, 6, 5])
    const {widths, factor} = kernelWidths(data, 4, 2, 'scott')
    expect(factor).toBeCloseTo(4 ** (-1 / 6), 14)
    expect(widths[0]).toBeCloseTo(factor! * 2.581988897471611, 12)
    expect(widths[1]).toBe(1)
    expect(Array.from(kernelWidths(data, 4, 2, 0.3).widths)).toEqual([0.3, 0.3])
  })
})
