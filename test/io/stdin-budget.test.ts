import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Readable} from 'node:stream'
import {afterEach, describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {readSampleSet} from '../../src/io/read.js'

const ROOT = join(import.meta.dirname, '../..')
const csv = readFileSync(join(ROOT, 'fixtures/interop/samples.csv'))

describe('stdin and the memory budget', () => {
  afterEach(() => {
    delete process.env.DIVERGENCE_MAX_BYTES
  })

  it('refuses stdin once what arrived would exceed the budget (a file gets the same check from its size)', async () => {
    process.env.DIVERGENCE_MAX_BYTES = '1000'
    const read = readSampleSet('-', {seed: 1}, Readable.from([csv]))
    await expect(read).rejects.toBeInstanceOf(InputError)
    await expect(read).rejects.toThrow(/^stdin holds more than .*budget.*⟨sample⟩ N/)
  })

  it('reads the same stdin when the budget allows it (500 rows, expected.json)', async () => {
    process.env.DIVERGENCE_MAX_BYTES = String(10 * csv.length)
    const r = await readSampleSet('-', {seed: 1}, Readable.from([csv]))
    expect(r.rows).toBe(500)
  })
})
