import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {readSampleSet} from '../../src/io/read.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-select-'))
const csv = join(dir, 'w.csv')
writeFileSync(csv, 'x,y,w\n1,2,1\n3,4,3\n5,6,0\n')

describe('--columns conflicts', () => {
  it('refuses a column named twice (it would silently duplicate a coordinate)', async () => {
    const read = readSampleSet(csv, {seed: 1, columns: ['x', 'x']})
    await expect(read).rejects.toBeInstanceOf(InputError)
    await expect(read).rejects.toThrow(/⟨columns⟩ names 'x' twice/)
  })

  it('refuses the weight column as a coordinate too (weights are excluded from the coordinates)', async () => {
    const read = readSampleSet(csv, {seed: 1, columns: ['x', 'w'], weights: 'w'})
    await expect(read).rejects.toBeInstanceOf(InputError)
    await expect(read).rejects.toThrow(/'w' is given both in ⟨columns⟩ and as ⟨weights⟩/)
  })

  it('still accepts --columns with a separate weight column', async () => {
    const r = await readSampleSet(csv, {seed: 1, columns: ['y', 'x'], weights: 'w'})
    expect(r.set.columns).toEqual(['y', 'x'])
    expect(Array.from(r.set.data)).toEqual([2, 1, 4, 3, 6, 5])
    expect(Array.from(r.set.weights!)).toEqual([0.25, 0.75, 0])
  })
})

describe('--sample at or above the row count', () => {
  it('uses every row, in file order, and says so in a warning', async () => {
    const r = await readSampleSet(csv, {seed: 1, sample: 3})
    expect(Array.from(r.set.data)).toEqual([1, 2, 1, 3, 4, 3, 5, 6, 0])
    expect(r.warnings).toEqual([`${csv}: ⟨sample⟩ 3 is not fewer than the 3 rows there are; all of them are used`])
    const fewer = await readSampleSet(csv, {seed: 1, sample: 2})
    expect(fewer.set.n).toBe(2)
    expect(fewer.warnings).toEqual([])
  })
})
