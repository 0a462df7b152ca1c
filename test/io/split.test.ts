/** Text columns read only when asked (drift, --by), and the --by split of one table into P and Q. */
import {describe, expect, it} from 'vitest'
import {parseDelimited} from '../../src/io/csv.js'
import {splitByGroup, subsetTable} from '../../src/io/split.js'

const csv = 'x,label,kind\n1,a,u\n2,b,v\n3,a,\n4,b,7\n5,a,u\n'

describe('text columns and the --by split', () => {
  it('CSV text columns become categories only with keepText; numeric-looking cells keep their number text', async () => {
    const plain = await parseDelimited(csv, {delimiter: ',', header: true}, 't.csv')
    expect(plain.columns.find((c) => c.name === 'label')).toEqual({name: 'label', type: 'string'})
    const kept = await parseDelimited(csv, {delimiter: ',', header: true}, 't.csv', () => true)
    const kind = kept.columns.find((c) => c.name === 'kind')!.categories!
    expect(Array.from(kind.codes, (c) => (c < 0 ? null : kind.levels[c]))).toEqual(['u', 'v', null, '7', 'u'])
    expect(kept.columns.find((c) => c.name === 'x')!.categories).toBeUndefined()
  })

  it('splits by a text label, drops the label column, and keeps row order', async () => {
    const t = await parseDelimited(csv, {delimiter: ',', header: true}, 't.csv', () => true)
    const s = splitByGroup(t, 't.csv', 'label')
    expect(s.groups).toEqual(['a', 'b'])
    expect(s.p.columns.map((c) => c.name)).toEqual(['x', 'kind'])
    expect(Array.from(s.p.columns[0].values!)).toEqual([1, 3, 5])
    expect(Array.from(s.q.columns[0].values!)).toEqual([2, 4])
    expect(s.p.columns[0].raw!(1)).toBe('3')
  })

  it('splits by a numeric label, matching groups given as numbers in any spelling', async () => {
    const t = await parseDelimited('g,y\n0,1\n1,2\n0,3\n1,4\n', {delimiter: ',', header: true}, 'n.csv')
    const s = splitByGroup(t, 'n.csv', 'g', ['1.0', '0'])
    expect(s.groups).toEqual(['1', '0'])
    expect(Array.from(s.p.columns[0].values!)).toEqual([2, 4])
    expect(() => splitByGroup(t, 'n.csv', 'g', ['0', '2'])).toThrow(/no row has g = '2'/)
  })

  it('subsetTable copies list columns row by row', () => {
    const table = {
      rows: 3,
      columns: [
        {
          name: 'v',
          type: 'list<double>',
          list: {values: Float64Array.from([1, 2, 3, 4, 5, 6]), offsets: Int32Array.from([0, 2, 4, 6])},
        },
      ],
    }
    const s = subsetTable(table, Int32Array.from([2, 0]))
    expect(Array.from(s.columns[0].list!.values)).toEqual([5, 6, 1, 2])
    expect(Array.from(s.columns[0].list!.offsets)).toEqual([0, 2, 4])
  })
})
