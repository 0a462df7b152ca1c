/**
 * Binary interop files cut short (at 10 %, 50 %, 90 %, 99.9 % of their length) are refused with an InputError (one
 * line for the CLI), never a library exception. An Arrow *stream* cut exactly between two record batches would read
 * as a shorter table: the stream format has no footer to check against. (Bytes flipped inside a data page are NOT detectable in general:
 * Arrow has no checksums and pyarrow writes no Parquet page CRCs, so such files read as different numbers.)
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {readSampleSet} from '../../src/io/read.js'
import {ROOT} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-cut-'))
const binaries = ['samples.arrow', 'samples.arrows', 'samples_zstd.arrow', 'samples_lz4.arrow', 'samples_snappy.parquet', 'samples_zstd.parquet', 'samples_rowgroups.parquet', 'embedding.arrow', 'embedding.parquet']

describe.each(binaries)('%s cut short', (name) => {
  const bytes = readFileSync(`${ROOT}fixtures/interop/${name}`)
  it.each([0.1, 0.5, 0.9, 0.999])('at %f of its length is an InputError naming the file', async (fraction) => {
    const path = join(dir, `${fraction}-${name}`)
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * fraction)))
    const read = readSampleSet(path, {seed: 1, column: name.startsWith('embedding') ? 'embedding' : undefined})
    await expect(read).rejects.toBeInstanceOf(InputError)
    await expect(read).rejects.toThrow(path)
  })
})
