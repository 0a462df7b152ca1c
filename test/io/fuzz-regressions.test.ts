/**
 * Fixed cases the fuzzers (test/io/fuzz-csv.test.ts, test/io/fuzz-binary.test.ts) found: each was a reader answer
 * other than a valid SampleSet or a one-line InputError. Kept as plain tests with the input that triggered it.
 */
import {Readable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {readSampleSet} from '../../src/io/read.js'

const stdin = (text: string) => Readable.from([Buffer.from(text, 'utf8')])

describe('CSV fuzz findings', () => {
  it('a quoted header name holding a line break stays on one line in the error message', async () => {
    // fuzz-csv seed 20261122: the column list of "has no column 'w'" carried the raw newline of "a,b\"\t#\t\n\"1".
    const read = readSampleSet('-', {seed: 1, format: 'csv', weights: 'w'}, stdin('"a,b"\t#\t\n"1"\t\t\n0\t\t'))
    await expect(read).rejects.toBeInstanceOf(InputError)
    await expect(read).rejects.toThrow(/^stdin has no column 'w'; its columns are: a,b"\\t#\\t\\n"1$/)
  })

  it('a cell value holding a line break is escaped in the missing-value message', async () => {
    const read = readSampleSet('-', {seed: 1, format: 'csv'}, stdin('x,y\n1,2\n3,"4\n5"\n6,7\n'))
    await expect(read).rejects.toThrow("stdin, data row 2: column 'y' has '4\\n5', not a finite number; fix the file or pass --drop-missing to skip such rows")
  })
})
