import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {readSampleSet} from '../../src/io/read.js'
import {ROOT} from '../helpers/cli.js'

// fixtures/interop/bad_values.csv (expected.json "files"): data row 1 is good; rows 2–6 hold NaN, an empty field,
// inf, text and an overflow (1e309), one per row. Each kind must be reported as itself, with its row and column.
const source = readFileSync(`${ROOT}fixtures/interop/bad_values.csv`, 'utf8').replace(/\r/g, '').trimEnd().split('\n')
const [header, good, ...bad] = source
const dir = mkdtempSync(join(tmpdir(), 'divergence-badvalues-'))

describe('every bad value of bad_values.csv on its own', () => {
  const cases: [string, RegExp][] = [
    ['NaN', /data row 2: column 'x1' has 'NaN', not a finite number/],
    ['empty field', /data row 2: column 'x1' has an empty field, not a finite number/],
    ['inf', /data row 2: column 'x1' has 'inf', not a finite number/],
    ['text', /data row 2: column 'x1' has 'abc', not a finite number/],
    ['overflow', /data row 2: column 'x0' has '1e309', not a finite number/],
  ]
  it('has the five bad rows the fixture describes', () => {
    expect([header, good]).toEqual(['x0,x1', '1.5,2'])
    expect(bad).toHaveLength(cases.length)
  })
  cases.forEach(([kind, message], k) => {
    it(`reports the ${kind} (${JSON.stringify(bad[k])}) with row, column and raw text`, async () => {
      const path = join(dir, `bad-${k}.csv`)
      // A second good row after the bad one: with one number and one text cell a column would tie and be read as
      // text (csv.ts: numeric only when numbers outnumber text), which is the column-type rule, not the one tested here.
      writeFileSync(path, `${header}\n${good}\n${bad[k]}\n${good}\n`)
      const read = readSampleSet(path, {seed: 1})
      await expect(read).rejects.toBeInstanceOf(InputError)
      await expect(read).rejects.toThrow(message)
    })
  })

  it('--drop-missing keeps exactly the one good row', async () => {
    const r = await readSampleSet(`${ROOT}fixtures/interop/bad_values.csv`, {seed: 1, dropMissing: true})
    expect(r.dropped).toBe(5)
    expect(Array.from(r.set.data)).toEqual([1.5, 2])
  })
})
