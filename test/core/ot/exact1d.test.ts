import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {exactW1D} from '../../../src/core/ot/exact1d.js'

const uniform = (n: number) => new Float64Array(n).fill(1 / n)

describe('exact 1-D W_p', () => {
  it('the equal-size shortcut (sorted pairs) equals the general quantile merge on the same measures', () => {
    // Q written twice is the same measure with 2m atoms, which forces the general merge path.
    fc.assert(
      fc.property(
        fc.array(fc.double({min: -1e3, max: 1e3, noNaN: true}), {minLength: 1, maxLength: 30}),
        fc.integer({min: 0, max: 1e6}),
        fc.constantFrom(1 as const, 2 as const),
        (xs, seed, p) => {
          const x = Float64Array.from(xs)
          const y = x.map((v, i) => v * 0.5 + ((seed * (i + 1)) % 17) - 8)
          const yy = Float64Array.from([...y, ...y])
          const fast = exactW1D(x, uniform(x.length), y, uniform(y.length), p)
          const merged = exactW1D(x, uniform(x.length), yy, uniform(yy.length), p)
          expect(Math.abs(fast - merged)).toBeLessThanOrEqual(1e-9 * (1 + fast))
        },
      ),
      {seed: 3, numRuns: 100},
    )
  })

  it('a shift by t costs |t| (W1 and W2), with unsorted input', () => {
    const x = Float64Array.of(3, -1, 2, 0.5),
      y = x.map((v) => v - 2.5).reverse()
    expect(exactW1D(x, uniform(4), y, uniform(4), 1)).toBeCloseTo(2.5, 14)
    expect(exactW1D(x, uniform(4), y, uniform(4), 2)).toBeCloseTo(2.5, 14)
  })
})
