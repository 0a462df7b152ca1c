import {describe, expect, it} from 'vitest'
import {standardizePair} from '../../src/core/standardize.js'
import {makeSampleSet} from '../../src/core/sampleset.js'

const set = (rows: number[][], name = 's') => makeSampleSet(Float64Array.from(rows.flat()), rows.length, rows[0].length, rows[0].map((_, k) => `x${k}`), name)

describe('standardizePair', () => {
  it('uses the pooled mean and population std of P ∪ Q', () => {
    // Pooled first column {0, 2, 4, 6}: mean 3, population variance (9+1+1+9)/4 = 5.
    const {p, q, standardization} = standardizePair(set([[0, 1], [2, 1]]), set([[4, 1], [6, 1]]))
    expect(standardization.mean).toEqual([3, 1])
    expect(standardization.std[0]).toBeCloseTo(Math.sqrt(5), 15)
    expect(Array.from(p.data)).toEqual([-3 / Math.sqrt(5), 0, -1 / Math.sqrt(5), 0])
    expect(q.data[2]).toBeCloseTo(3 / Math.sqrt(5), 15)
  })

  it('centres but does not scale a constant column, and names it', () => {
    const {p, standardization} = standardizePair(set([[5, 1], [5, 2]]), set([[5, 3]]))
    expect(standardization.constant).toEqual(['x0'])
    expect(p.data[0]).toBe(0)
    expect(Number.isFinite(p.data[1])).toBe(true)
  })

  it('refuses sets of different dimension', () => {
    expect(() => standardizePair(set([[1, 2]]), set([[1]]))).toThrow(/2 columns and Q has 1/)
  })
})
