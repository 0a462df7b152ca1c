/**
 * CSV as streamed text: a BOM before a quoted header (file and stdin), CRLF, and files larger than the 1 MiB
 * chunks the stream is cut into, with quoted commas/newlines and multi-byte UTF-8 on the boundaries.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Readable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {readSampleSet} from '../../src/io/read.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-csv-'))

describe('streamed CSV', () => {
  const bomQuoted = '\uFEFF"x,1",y\r\n1,2\r\n3,4\r\n'

  it('reads a BOM followed by a quoted header from a file and from stdin', async () => {
    const path = join(dir, 'bom.csv')
    writeFileSync(path, bomQuoted)
    for (const r of [
      await readSampleSet(path, {seed: 1}),
      await readSampleSet('-', {seed: 1}, Readable.from([Buffer.from(bomQuoted)])),
    ]) {
      expect(r.set.columns).toEqual(['x,1', 'y'])
      expect(Array.from(r.set.data)).toEqual([1, 2, 3, 4])
    }
  })

  it('reads a 1.4 MB file (two chunks) whole: quoted text with commas, newlines and multi-byte characters crosses the chunk boundaries', async () => {
    const rows = 40_000
    const lines = ['"naïve, label",x,y']
    for (let i = 0; i < rows; i++) lines.push(`"é ${i},\n日本",${i},${-i / 4}`)
    const path = join(dir, 'big.csv')
    writeFileSync(path, `${lines.join('\n')}\n`)
    const r = await readSampleSet(path, {seed: 1})
    expect(r.rows).toBe(rows)
    expect(r.skipped).toEqual(['naïve, label'])
    let sx = 0,
      sy = 0
    for (let i = 0; i < rows; i++) {
      sx += r.set.data[2 * i]
      sy += r.set.data[2 * i + 1]
    }
    // Σ i for i < 40000 = 799 980 000; y = -i/4 sums to a quarter of that (exact in float64).
    expect([sx, sy]).toEqual([799_980_000, -199_995_000])
  })
})
