/**
 * Golden files: every file in fixtures/interop (written by pyarrow 25.0.1 / pandas 3.0.6, see expected.json
 * "files") reads to the values expected.json records, or is refused with the documented error.
 */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {readSampleSet} from '../../src/io/read.js'
import {ROOT} from '../helpers/cli.js'

const dir = `${ROOT}fixtures/interop/`
const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8'))
const sumColumn = (data: Float64Array, d: number, k: number) => {
  let s = 0
  for (let i = k; i < data.length; i += d) s += data[i]
  return s
}

const tabular = Object.keys(expected.files).filter((f) => /^samples.*\.(parquet|arrow|arrows|csv|tsv)$/.test(f))

describe('interop files read exactly', () => {
  for (const file of tabular) {
    it(`reads ${file}`, async () => {
      const r = await readSampleSet(dir + file, {seed: 1})
      expect(r.rows).toBe(expected.rows)
      expect(r.set.n).toBe(expected.rows)
      // The CSV/TSV flavours hold x0..x3 only (pandas, see expected.json "files"); the others id, x0..x4 and a text label.
      const names = r.set.columns
      const xs = names.filter((c) => /x.?[0-4]|x,1/.test(c))
      for (const [k, name] of names.entries()) {
        const key = name === 'x 0' ? 'x0' : name === 'x,1' ? 'x1' : name
        if (key === 'id') {
          expect(sumColumn(r.set.data, r.set.d, k)).toBe((expected.rows * (expected.rows - 1)) / 2)
          continue
        }
        // Sums in a different order differ in the last bits only; 1e-12 relative is far below any real error.
        expect(sumColumn(r.set.data, r.set.d, k)).toBeCloseTo(expected.column_sums[key], 11)
        // The first row is exact: no arithmetic.
        expect(r.set.data[k]).toBe(expected.first_row[key])
      }
      expect(xs.length).toBeGreaterThanOrEqual(4)
      if (names.includes('id')) expect(r.skipped).toEqual(['label'])
    })
  }

  for (const file of ['embedding.parquet', 'embedding.arrow']) {
    it(`reads the FixedSizeList column of ${file} as 16-vectors`, async () => {
      const r = await readSampleSet(dir + file, {seed: 1, column: 'embedding'})
      expect([r.set.n, r.set.d]).toEqual([expected.rows, 16])
      // float32 values widen exactly to float64.
      expect(Array.from(r.set.data.subarray(0, 16))).toEqual(expected.embedding_first_row)
      let total = 0
      for (const x of r.set.data) total += x
      expect(total).toBeCloseTo(expected.embedding_sum, 9)
    })
    it(`reads the List column vec3 of ${file}`, async () => {
      const r = await readSampleSet(dir + file, {seed: 1, column: 'vec3'})
      expect(Array.from(r.set.data.subarray(0, 3))).toEqual(expected.vec3_first_row)
    })
  }

  it('refuses the nulls of with_nulls.parquet, naming the row, or drops them with --drop-missing', async () => {
    const [r1, r2] = expected.with_nulls_null_rows_0_based.map((r: number) => r + 1)
    await expect(readSampleSet(`${dir}with_nulls.parquet`, {seed: 1})).rejects.toThrow(
      `data row ${r1}: column 'x1' has 'null'`,
    )
    const r = await readSampleSet(`${dir}with_nulls.parquet`, {seed: 1, dropMissing: true})
    expect(r.dropped).toBe(2)
    expect(r.set.n).toBe(r.rows - 2)
    expect(r.warnings[0]).toMatch(/dropped 2 of/)
    expect(r2).toBeGreaterThan(r1)
  })

  it('reports every kind of bad value in bad_values.csv with its row, column and text', async () => {
    await expect(readSampleSet(`${dir}bad_values.csv`, {seed: 1})).rejects.toThrow(/data row 2: column 'x1' has 'NaN'/)
    const r = await readSampleSet(`${dir}bad_values.csv`, {seed: 1, dropMissing: true})
    // expected.json: rows 2–6 are bad (NaN, empty, inf, text, overflow).
    expect(r.dropped).toBe(5)
  })

  it('refuses the truncated Parquet file with one clear line', async () => {
    await expect(readSampleSet(`${dir}truncated.parquet`, {seed: 1})).rejects.toThrow(
      /truncated\.parquet is not a readable Parquet file/,
    )
  })
})
