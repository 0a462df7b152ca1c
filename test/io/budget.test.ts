/**
 * The memory budget: a file over it is refused before decoding, including a compressed Parquet file that is small on
 * disk but large once decoded (rows × numbers × 8 bytes × 3, src/io/budget.ts).
 */
import {mkdtempSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parquetWriteBuffer} from 'hyparquet-writer'
import {afterEach, describe, expect, it} from 'vitest'
import {readSampleSet} from '../../src/io/read.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-budget-'))

describe('memory budget', () => {
  afterEach(() => {
    delete process.env.DIVERGENCE_MAX_BYTES
  })

  it('refuses a Parquet file that is small on disk but 1.9 MB decoded, and reads it within budget', async () => {
    const rows = 20_000
    const zeros = () => new Float64Array(rows) // compresses to almost nothing
    const path = join(dir, 'zeros.parquet')
    writeFileSync(
      path,
      new Uint8Array(
        parquetWriteBuffer({
          columnData: ['a', 'b', 'c', 'd'].map((name) => ({name, data: zeros(), type: 'DOUBLE' as const})),
        }),
      ),
    )
    const size = statSync(path).size
    expect(size * 8).toBeLessThan(500_000) // the file-size check alone would let it through
    process.env.DIVERGENCE_MAX_BYTES = '500000'
    // 20 000 × 4 × 8 × 3 = 1 920 000 bytes = 1.8 MiB.
    await expect(readSampleSet(path, {seed: 1})).rejects.toThrow(
      /zeros\.parquet holds 20000 rows × 4 numbers, about 1\.8 MiB to decode, more than the 488\.3 KiB budget/,
    )
    process.env.DIVERGENCE_MAX_BYTES = '2000000'
    const r = await readSampleSet(path, {seed: 1})
    expect([r.set.n, r.set.d]).toEqual([rows, 4])
  })
})
