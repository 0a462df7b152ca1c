/**
 * The numeric summary's std on data near 1e±200: a plain sum of squared deviations overflows (std = ∞, which made
 * `compare`'s columns part on fixtures/issue13/huge-*.csv fail with a non-finite JSON number) or underflows to 0.
 * Expected values: the scaled data's std is exactly the unscaled std times the scale, up to rounding.
 */
import {describe, expect, it} from 'vitest'
import {populationStd, summarize} from '../../../src/core/drift/numeric.js'

const sample = Float64Array.from([-2.5, -1, -0.25, 0, 0.5, 1.75, 3]).sort()
const plainStd = (xs: Float64Array) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length)
}

describe('numeric summary std', () => {
  it('equals the plain population std (ddof 0) on ordinary data', () => {
    expect(summarize(sample).std).toBeCloseTo(plainStd(sample), 14)
  })

  it.each([1e200, 1e-200])('scales exactly with data × %s (no overflow, no underflow)', (scale) => {
    const scaled = sample.map((x) => x * scale)
    const s = summarize(scaled)
    expect(Number.isFinite(s.std)).toBe(true)
    expect(s.std / scale).toBeCloseTo(plainStd(sample), 12)
  })

  it('is 0 for a constant sample', () => {
    expect(populationStd(Float64Array.from([3, 3, 3]), 3)).toBe(0)
  })
})
