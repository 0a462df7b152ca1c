import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {tableFromArrays, tableToIPC} from 'apache-arrow'
import {parquetWriteBuffer} from 'hyparquet-writer'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {readSampleSet} from '../../src/io/read.js'

// CSV cannot spell an infinity (`inf`, `1e309` are refused by the strict number rule), but Arrow and Parquet floats
// can hold one; it must be refused like any other non-finite value, not passed into the matrix.
const dir = mkdtempSync(join(tmpdir(), 'divergence-inf-'))
const x = Float64Array.from([1, Infinity, 3, 4])
const y = Float64Array.from([1, 2, -Infinity, 4])
const files = {
  parquet: join(dir, 'inf.parquet'),
  arrow: join(dir, 'inf.arrow'),
}
writeFileSync(
  files.parquet,
  new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        {name: 'x', data: x, type: 'DOUBLE'},
        {name: 'y', data: y, type: 'DOUBLE'},
      ],
    }),
  ),
)
writeFileSync(files.arrow, tableToIPC(tableFromArrays({x, y}), 'file'))

describe.each(Object.entries(files))('infinities in %s', (_, path) => {
  it('are an InputError naming the row, the column and the value', async () => {
    const read = readSampleSet(path, {seed: 1})
    await expect(read).rejects.toBeInstanceOf(InputError)
    await expect(read).rejects.toThrow(/data row 2: column 'x' has 'Infinity', not a finite number; .*⟨dropMissing⟩/)
  })

  it('are dropped with --drop-missing (rows 2 and 3), leaving the finite rows', async () => {
    const r = await readSampleSet(path, {seed: 1, dropMissing: true})
    expect(r.dropped).toBe(2)
    expect(Array.from(r.set.data)).toEqual([1, 1, 4, 4])
  })
})
