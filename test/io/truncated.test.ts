/**
 * Binary interop files cut short (at 10 %, 50 %, 90 %, 99.9 % of their length) are refused with an InputError (one
 * line for the CLI), never a library exception. An Arrow *stream* cut exactly between two record batches reads as a
 * shorter table (the stream format has no footer): that case gets a warning, tested below. (Bytes flipped inside a data page are NOT detectable in general:
 * Arrow has no checksums and pyarrow writes no Parquet page CRCs, so such files read as different numbers.)
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Table, tableFromIPC, tableToIPC} from 'apache-arrow'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {readSampleSet} from '../../src/io/read.js'
import {ROOT} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-cut-'))
const binaries = [
  'samples.arrow',
  'samples.arrows',
  'samples_zstd.arrow',
  'samples_lz4.arrow',
  'samples_snappy.parquet',
  'samples_zstd.parquet',
  'samples_rowgroups.parquet',
  'embedding.arrow',
  'embedding.parquet',
]

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

describe('an Arrow stream cut between two record batches', () => {
  // samples.arrows: 5 batches of 100 rows and the end-of-stream marker (expected.json "files"). Cutting the marker
  // off leaves a complete-looking stream; cutting after batch k (found by trying lengths) leaves k × 100 rows.
  const bytes = readFileSync(`${ROOT}fixtures/interop/samples.arrows`)

  it('reads without a warning when whole', async () => {
    // `id` is 0..499, which the reader names as a likely row id, and `label` is text (named as left out): both excluded here.
    const r = await readSampleSet(`${ROOT}fixtures/interop/samples.arrows`, {seed: 1, exclude: ['id', 'label']})
    expect(r.warnings).toEqual([])
  })

  it('warns that rows may be missing when the end marker is gone', async () => {
    const path = join(dir, 'no-eos.arrows')
    writeFileSync(path, bytes.subarray(0, bytes.length - 8))
    const r = await readSampleSet(path, {seed: 1, exclude: ['id', 'label']})
    expect(r.rows).toBe(500)
    expect(r.warnings).toEqual([
      `${path}: the Arrow stream ends without its end-of-stream marker; if the writer was interrupted, record batches (rows) may be missing`,
    ])
  })

  it('warns too when whole batches are missing (the table is shorter)', async () => {
    // The first 4 of the 5 batches, re-written as a stream and stripped of its 8-byte end marker: exactly what a
    // writer interrupted after batch 4 leaves behind.
    const batches = tableFromIPC(bytes).batches
    expect(batches).toHaveLength(5)
    const four = tableToIPC(new Table(batches.slice(0, 4)), 'stream')
    const path = join(dir, 'four-batches.arrows')
    writeFileSync(path, four.subarray(0, four.length - 8))
    const r = await readSampleSet(path, {seed: 1})
    expect(r.rows).toBe(400)
    expect(r.warnings[0]).toMatch(/ends without its end-of-stream marker/)
  })
})
