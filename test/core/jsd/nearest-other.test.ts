/**
 * `nearestOther` (src/core/jsd/nearest-other.ts), the noisy JSD's test of which components are exact: the nearest row
 * of the other set by the float64 sum Σ_c (x_c − y_c)², ties to the lower index, against a brute-force scan here over
 * the coordinates divided by the same power of two (an exact rescaling wherever nothing underflows); grid points (many
 * ties and duplicates), values near 1e200 and 1e-200, d = 1…20 (the k-d tree below 13 dimensions, the float32 brute
 * force above).
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {nearestOther} from '../../../src/core/jsd/nearest-other.js'
import {divided, powerOfTwoScale} from '../../../src/core/power-of-two.js'

function brute(own: Float64Array, n: number, other: Float64Array, m: number, d: number): Int32Array {
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    let best = Infinity
    for (let j = 0; j < m; j++) {
      let s = 0
      for (let c = 0; c < d; c++) s += (own[i * d + c] - other[j * d + c]) ** 2
      if (s < best) {
        best = s
        out[i] = j
      }
    }
  }
  return out
}

describe('nearestOther', () => {
  it('equals the brute-force float64 argmin, ties to the lower index, at any scale', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 60}),
        fc.integer({min: 1, max: 3000}),
        fc.integer({min: 1, max: 20}),
        fc.integer({min: 0, max: 2 ** 30}),
        fc.constantFrom(1, 1e200, 1e-200),
        (n, m, d, seed, unit) => {
          let s = seed
          const cell = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % 5) * unit
          const own = Float64Array.from({length: n * d}, cell),
            other = Float64Array.from({length: m * d}, cell)
          const k = powerOfTwoScale(own, other)
          const want = brute(divided(own, k), n, divided(other, k), m, d)
          expect(Array.from(nearestOther(own, n, other, m, d))).toEqual(Array.from(want))
        },
      ),
      {numRuns: 60, seed: 28},
    )
  })

  it('answers a second call on the same arrays from its memo', () => {
    const own = Float64Array.of(0, 1, 2),
      other = Float64Array.of(1.9, 0.2)
    const a = nearestOther(own, 3, other, 2, 1)
    expect(Array.from(a)).toEqual([1, 1, 0])
    expect(nearestOther(own, 3, other, 2, 1)).toBe(a)
  })
})
