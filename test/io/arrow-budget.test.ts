import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {readSampleSet} from '../../src/io/read.js'

const embedding = join(import.meta.dirname, '../../fixtures/interop/embedding.arrow')

describe('Arrow and the decoded-size budget', () => {
  afterEach(() => {
    delete process.env.DIVERGENCE_MAX_BYTES
  })

  // embedding.arrow: 51 058 bytes, 500 rows of id (1) + embedding (FixedSizeList[16]) + vec3 (List, 3) = 20 numbers.
  // File check: 4 × 51 058 = 204 232 ≤ 220 000 passes; decoded: 500 × 20 × 8 × 3 = 240 000 > 220 000 must refuse.
  it('counts list elements per row, so a file that passes the file-size check is still refused by its matrix', async () => {
    process.env.DIVERGENCE_MAX_BYTES = '220000'
    const read = readSampleSet(embedding, {seed: 1, column: 'embedding'})
    await expect(read).rejects.toBeInstanceOf(InputError)
    await expect(read).rejects.toThrow(
      /embedding\.arrow holds 500 rows × 20 numbers, about 234\.4 KiB to decode, more than the 214\.8 KiB budget/,
    )
  })

  it('reads it when the budget covers the decoded size', async () => {
    process.env.DIVERGENCE_MAX_BYTES = '250000'
    const r = await readSampleSet(embedding, {seed: 1, column: 'embedding'})
    expect([r.set.n, r.set.d]).toEqual([500, 16])
  })
})
