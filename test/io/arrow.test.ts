/**
 * Arrow column widening: float16/float32/int columns become float64 exactly, nulls (read from the validity bitmap,
 * which Vector.toArray() ignores) become missing values, several record batches are concatenated in order.
 */
import {Float16, Float32, Int32, Int64, type RecordBatch, Table, tableToIPC, vectorFromArray} from 'apache-arrow'
import {describe, expect, it} from 'vitest'
import {parseArrow} from '../../src/io/arrow.js'
import {selectSampleSet} from '../../src/io/select.js'

describe('parseArrow', () => {
  it('widens float16, float32, int32 and int64 exactly and keeps nulls as NaN', () => {
    const table = new Table({
      h: vectorFromArray([0.5, -2, 1024], new Float16()),
      f: vectorFromArray([0.1, 2.5, -3], new Float32()),
      i: vectorFromArray([1, null, -7], new Int32()),
      l: vectorFromArray([2n ** 40n, -5n, 0n], new Int64()),
    })
    const raw = parseArrow(tableToIPC(table, 'stream'), 'mem.arrows')
    const col = (name: string) => Array.from(raw.columns.find((c) => c.name === name)!.values!)
    // float16 0.5, -2 and 1024 are exact; float32 0.1 widens to its float32 value, not to 0.1.
    expect(col('h')).toEqual([0.5, -2, 1024])
    expect(col('f')).toEqual([Math.fround(0.1), 2.5, -3])
    expect(col('i')).toEqual([1, Number.NaN, -7])
    expect(col('l')).toEqual([2 ** 40, -5, 0])
    expect(() => selectSampleSet(raw, 'mem.arrows', {seed: 1})).toThrow(
      "mem.arrows, data row 2: column 'i' has 'null', not a finite number",
    )
  })

  it('concatenates record batches in order', () => {
    const a = new Table({x: vectorFromArray([1, 2], new Float32())})
    const b = new Table({x: vectorFromArray([3, 4, 5], new Float32())})
    const table = new Table([...a.batches, ...b.batches] as RecordBatch[])
    const raw = parseArrow(tableToIPC(table, 'file'), 'mem.arrow')
    expect(raw.rows).toBe(5)
    expect(Array.from(raw.columns[0].values!)).toEqual([1, 2, 3, 4, 5])
  })
})
