import {describe, expect, it} from 'vitest'
import {sameMeasure} from '../../src/core/same-measure.js'
import type {SampleSet} from '../../src/core/sampleset.js'
import {rowsSet} from '../helpers/sets.js'

const set = (rows: number[][], weights?: number[]): SampleSet => rowsSet(rows, '', weights)

const rows = [
  [0, 1],
  [2, 3],
  [2, -1],
  [5, 5],
]

describe('sameMeasure', () => {
  it('unweighted: the same rows in another order are the same measure; a moved point is not', () => {
    expect(sameMeasure(set(rows), set([rows[3], rows[1], rows[0], rows[2]]))).toBe(true)
    expect(sameMeasure(set(rows), set([rows[0], rows[1], rows[2], [5, 5.000000000000001]]))).toBe(false)
    expect(sameMeasure(set(rows), set(rows.slice(0, 3)))).toBe(false)
  })

  it('weighted: weights travel with their rows under a permutation; the same points with weights swapped differ', () => {
    const w = [0.1, 0.2, 0.3, 0.4]
    expect(sameMeasure(set(rows, w), set([rows[2], rows[0], rows[3], rows[1]], [0.3, 0.1, 0.4, 0.2]))).toBe(true)
    expect(sameMeasure(set(rows, w), set(rows, [0.2, 0.1, 0.3, 0.4]))).toBe(false)
    expect(sameMeasure(set(rows, w), set(rows))).toBe(false)
  })

  it('weights are compared after dividing by their sum: uniform or rescaled weights equal absent ones', () => {
    expect(sameMeasure(set(rows, [0.25, 0.25, 0.25, 0.25]), set(rows))).toBe(true)
    expect(sameMeasure(set(rows, [2, 2, 2, 2]), set([rows[1], rows[0], rows[3], rows[2]]))).toBe(true)
    expect(sameMeasure(set(rows, [1, 2, 3, 4]), set(rows, [0.1, 0.2, 0.3, 0.4]))).toBe(true)
  })

  it('weights whose sum depends on the order of addition still match under a permutation', () => {
    // 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in the last bit; both sets are summed in one sorted order.
    const w = [0.1, 0.2, 0.3, 0.4]
    const perm = [3, 2, 1, 0]
    expect(
      sameMeasure(
        set(rows, w),
        set(
          perm.map((i) => rows[i]),
          perm.map((i) => w[i]),
        ),
      ),
    ).toBe(true)
  })

  it('a cancelling coordinate sum does not reject a permutation (1e20 + 1 − 1e20 is 0 or 1 by order)', () => {
    const big = [[1e20], [1], [-1e20]]
    expect(sameMeasure(set(big), set([big[0], big[2], big[1]]))).toBe(true)
  })

  it('coordinates near the float64 limit (their sum overflows) are still compared', () => {
    const huge = [[1e308], [1.5e308], [-1]]
    expect(sameMeasure(set(huge), set([huge[2], huge[1], huge[0]]))).toBe(true)
    expect(sameMeasure(set(huge), set([[1e308], [1.4e308], [-1]]))).toBe(false)
  })
})
