import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {tableFromArrays, tableToIPC} from 'apache-arrow'
import {parquetWriteBuffer} from 'hyparquet-writer'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {detectFormat} from '../../src/io/detect.js'
import {readSampleSet} from '../../src/io/read.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-empty-'))

describe('files with a schema and no rows', () => {
  const files = {
    parquet: join(dir, 'zero.parquet'),
    arrow: join(dir, 'zero.arrow'),
  }
  writeFileSync(
    files.parquet,
    new Uint8Array(parquetWriteBuffer({columnData: [{name: 'x', data: new Float64Array(0), type: 'DOUBLE'}]})),
  )
  writeFileSync(files.arrow, tableToIPC(tableFromArrays({x: new Float64Array(0)}), 'file'))
  for (const [format, path] of Object.entries(files)) {
    it(`${format}: an InputError that speaks of a schema, not a header`, async () => {
      const read = readSampleSet(path, {seed: 1})
      await expect(read).rejects.toBeInstanceOf(InputError)
      await expect(read).rejects.toThrow(/zero\.\w+ has a schema but no data rows/)
    })
  }
})

describe('the extension named in a mismatch is the file’s own', () => {
  it('.feather (read as Arrow) is called .feather, .pq is called .pq', () => {
    const text = new TextEncoder().encode('x,y\n1,2\n')
    expect(() => detectFormat('data.feather', text)).toThrow(
      /data\.feather has a \.feather extension but does not start like one/,
    )
    expect(() => detectFormat('data.PQ', text)).toThrow(/data\.PQ has a \.pq extension but does not start like one/)
    expect(() => detectFormat('data.tsv', new TextEncoder().encode('PAR1....'))).toThrow(
      /data\.tsv has a \.tsv extension but looks like parquet; give ⟨inputFormat⟩ parquet/,
    )
  })
})

describe('an Arrow stream cut off before its schema', () => {
  it('is refused as unreadable (apache-arrow itself returns an empty table)', async () => {
    const {Readable} = await import('node:stream')
    const cut = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01])
    const read = readSampleSet('-', {seed: 1}, Readable.from([cut]))
    await expect(read).rejects.toBeInstanceOf(InputError)
    await expect(read).rejects.toThrow(/^stdin is not a readable Arrow IPC file or stream \(no schema found/)
  })
})
