/**
 * A column with no value at all in one file has no type of its own: a CSV column of empty cells reads as text, and
 * against the other file's numbers it was refused as "numeric in P but text in Q" — the column that emptied in Q,
 * which drift must report as drifted, could not be compared at all.
 */
import {describe, expect, it} from 'vitest'
import {reconcileTables} from '../../src/io/reconcile.js'
import type {RawTable} from '../../src/io/table.js'

const labels = {p: 'p.csv', q: 'q.csv'}

describe('reconcileTables: a column with every cell missing', () => {
  it('takes the numeric type of the other file, all missing', () => {
    const p: RawTable = {rows: 3, columns: [{name: 'x', type: 'number', values: Float64Array.of(1, 2, 3)}]}
    const q: RawTable = {
      rows: 2,
      columns: [
        {
          name: 'x',
          type: 'string',
          note: 'every cell is empty or missing',
          categories: {codes: Int32Array.of(-1, -1), levels: []},
        },
      ],
    }
    const out = reconcileTables(p, q, labels)
    const x = out.q.columns[0]
    expect(x.values && [...x.values].every(Number.isNaN)).toBe(true)
    expect(x.values!.length).toBe(2)
    expect(x.type).toBe('number (every cell missing)')
    // The other way round too.
    const back = reconcileTables(q, p, labels)
    expect(back.p.columns[0].values!.length).toBe(2)
  })

  it('text with values against numbers is still refused, naming both types', () => {
    const p: RawTable = {rows: 2, columns: [{name: 'x', type: 'number', values: Float64Array.of(1, 2)}]}
    const q: RawTable = {
      rows: 2,
      columns: [{name: 'x', type: 'string', categories: {codes: Int32Array.of(0, 1), levels: ['a', 'b']}}],
    }
    expect(() => reconcileTables(p, q, labels)).toThrow(/column 'x' is numeric \(number\) in P \(p\.csv\) but text/)
  })
})
