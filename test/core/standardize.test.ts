import {describe, expect, it} from 'vitest'
import {makeSampleSet} from '../../src/core/sampleset.js'
import {standardizePair} from '../../src/core/standardize.js'
import {rowsSet} from '../helpers/sets.js'

const set = (rows: number[][], name = 's') => rowsSet(rows, name)

describe('standardizePair', () => {
  it('uses the pooled mean and population std of P ∪ Q', () => {
    // Pooled first column {0, 2, 4, 6}: mean 3, population variance (9+1+1+9)/4 = 5.
    const {p, q, standardization} = standardizePair(
      set([
        [0, 1],
        [2, 1],
      ]),
      set([
        [4, 1],
        [6, 1],
      ]),
    )
    expect(standardization.mean).toEqual([3, 1])
    expect(standardization.std[0]).toBeCloseTo(Math.sqrt(5), 15)
    expect(Array.from(p.data)).toEqual([-3 / Math.sqrt(5), 0, -1 / Math.sqrt(5), 0])
    expect(q.data[2]).toBeCloseTo(3 / Math.sqrt(5), 15)
  })

  it('centres but does not scale a constant column, and names it', () => {
    const {p, standardization} = standardizePair(
      set([
        [5, 1],
        [5, 2],
      ]),
      set([[5, 3]]),
    )
    expect(standardization.constant).toEqual(['x0'])
    expect(p.data[0]).toBe(0)
    expect(Number.isFinite(p.data[1])).toBe(true)
  })

  it('refuses sets of different dimension', () => {
    expect(() => standardizePair(set([[1, 2]]), set([[1]]))).toThrow(/2 columns and Q has 1/)
  })
})

describe('standardizePair at the ends of float64', () => {
  // Squares of 1e200 overflow and squares of 1e-200 underflow; z-scores are scale-free, so scaling the data by
  // 1e±200 must leave them unchanged (to rounding) and scale std by the same factor.
  for (const factor of [1e200, 1e-200]) {
    it(`data × ${factor} has the same z-scores and std × ${factor}`, () => {
      const base = makeSampleSet(Float64Array.of(1, -2, 3, 0.5, 4, 1), 3, 2, ['a', 'b'], 'p')
      const other = makeSampleSet(Float64Array.of(2, 2, -1, 0, 0, 3), 3, 2, ['a', 'b'], 'q')
      const times = (s: typeof base) =>
        makeSampleSet(
          s.data.map((v) => v * factor),
          s.n,
          s.d,
          s.columns,
          s.source,
        )
      const ref = standardizePair(base, other)
      const big = standardizePair(times(base), times(other))
      expect(big.standardization.constant).toEqual([])
      for (let k = 0; k < 2; k++)
        expect(big.standardization.std[k] / factor).toBeCloseTo(ref.standardization.std[k], 12)
      for (let i = 0; i < 6; i++) {
        expect(big.p.data[i]).toBeCloseTo(ref.p.data[i], 12)
        expect(big.q.data[i]).toBeCloseTo(ref.q.data[i], 12)
      }
    })
  }

  it('scales ±1.7e308 to ±1, and refuses, naming the column, deviations that overflow float64 themselves', () => {
    const edge = makeSampleSet(Float64Array.of(1.7e308, -1.7e308), 2, 1, ['edge'], 'p')
    expect(Array.from(standardizePair(edge, edge).p.data)).toEqual([1, -1])
    // Mean 1.7e308/3; the deviation of −1.7e308 from it is −2.27e308, beyond the largest float64 (1.8e308).
    const p = makeSampleSet(Float64Array.of(1.7e308, 1.7e308, -1.7e308), 3, 1, ['wide'], 'p')
    expect(() => standardizePair(p, p)).toThrow(/column wide: its values span more than a float64 holds/)
  })
})
