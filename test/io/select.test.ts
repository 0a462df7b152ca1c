import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Readable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {parseStrictNumber} from '../../src/io/number.js'
import {readPair, readSampleSet} from '../../src/io/read.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-io-'))
const file = (name: string, text: string | Buffer) => {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}

describe('parseStrictNumber', () => {
  it('accepts decimal syntax only and refuses what Number() would let through', () => {
    expect([
      parseStrictNumber('2e-3'),
      parseStrictNumber('-1.5E+2'),
      parseStrictNumber('.5'),
      parseStrictNumber('-0'),
    ]).toEqual([0.002, -150, 0.5, -0])
    for (const bad of ['', ' ', 'NaN', 'inf', 'Infinity', '0x10', '1e309', 'abc', '1,5', '1_000'])
      expect(parseStrictNumber(bad)).toBeNaN()
  })
})

describe('column selection', () => {
  const csv = file('w.csv', 'x,y,w,label\n1,2,1,a\n3,4,3,b\n5,6,0,c\n7,8,4,d\n')

  it('uses every numeric column by default, lists the skipped ones, and --weights normalises', async () => {
    const all = await readSampleSet(csv, {seed: 1})
    expect(all.set.columns).toEqual(['x', 'y', 'w'])
    expect(all.skipped).toEqual(['label'])
    const weighted = await readSampleSet(csv, {seed: 1, weights: 'w'})
    expect(weighted.set.columns).toEqual(['x', 'y'])
    expect(Array.from(weighted.set.weights!)).toEqual([1 / 8, 3 / 8, 0, 4 / 8])
  })

  it('--columns picks and orders; unknown or text columns are refused by name', async () => {
    const r = await readSampleSet(csv, {seed: 1, columns: ['y', 'x']})
    expect(Array.from(r.set.data.subarray(0, 2))).toEqual([2, 1])
    await expect(readSampleSet(csv, {seed: 1, columns: ['x', 'nope']})).rejects.toThrow(
      /has no column 'nope'; its columns are: x, y, w, label/,
    )
    await expect(readSampleSet(csv, {seed: 1, columns: ['label']})).rejects.toThrow(/column 'label' is not numeric/)
  })

  it('--sample N takes a seeded uniform subset, the same for the same seed', async () => {
    const big = file('big.csv', `x\n${Array.from({length: 100}, (_, i) => i).join('\n')}\n`)
    const a = await readSampleSet(big, {seed: 5, sample: 10})
    const b = await readSampleSet(big, {seed: 5, sample: 10})
    const c = await readSampleSet(big, {seed: 6, sample: 10})
    expect(a.set.n).toBe(10)
    expect(Array.from(a.set.data)).toEqual(Array.from(b.set.data))
    expect(Array.from(a.set.data)).not.toEqual(Array.from(c.set.data))
    expect(new Set(a.set.data).size).toBe(10)
  })

  it('refuses negative and all-zero weights', async () => {
    await expect(readSampleSet(file('neg.csv', 'x,w\n1,1\n2,-1\n'), {seed: 1, weights: 'w'})).rejects.toThrow(
      /data row 2: weight -1 is negative/,
    )
    await expect(readSampleSet(file('zero.csv', 'x,w\n1,0\n2,0\n'), {seed: 1, weights: 'w'})).rejects.toThrow(
      /sum to 0/,
    )
  })

  it('refuses ragged rows, duplicate headers, empty files and header-only files', async () => {
    await expect(readSampleSet(file('ragged.csv', 'x,y\n1,2\n3\n'), {seed: 1})).rejects.toThrow(
      /data row 2 has 1 fields but the header has 2/,
    )
    await expect(readSampleSet(file('dup.csv', 'x,x\n1,2\n'), {seed: 1})).rejects.toThrow(/appears twice/)
    await expect(readSampleSet(file('empty.csv', ''), {seed: 1})).rejects.toThrow(/is empty/)
    await expect(readSampleSet(file('header.csv', 'x,y\n'), {seed: 1})).rejects.toThrow(/no data rows/)
  })

  it('refuses a file whose bytes contradict its extension or --input-format', async () => {
    const parquetNamedCsv = file('fake.parquet', 'x\n1\n')
    await expect(readSampleSet(parquetNamedCsv, {seed: 1})).rejects.toThrow(/does not start like one/)
    await expect(readSampleSet(file('g.csv', 'x\n1\n'), {seed: 1, format: 'arrow'})).rejects.toThrow(
      /⟨inputFormat⟩ arrow was given/,
    )
  })

  it('the size check refuses before allocating and suggests --sample (a format DuckDB does not read: Arrow)', async () => {
    // A CSV or Parquet file over the budget is sampled through DuckDB instead (test/io/duckdb-sampled.test.ts).
    const f = file('sized.arrow', `x\n${'1\n'.repeat(1000)}`)
    process.env.DIVERGENCE_MAX_BYTES = '100'
    try {
      await expect(readSampleSet(f, {seed: 1})).rejects.toThrow(/⟨sample⟩ N/)
    } finally {
      delete process.env.DIVERGENCE_MAX_BYTES
    }
  })

  it('reads CSV from stdin', async () => {
    const r = await readSampleSet('-', {seed: 1}, Readable.from([Buffer.from('a,b\n1,2\n3,4\n')]))
    expect([r.format, r.set.n, r.set.d]).toEqual(['csv', 2, 2])
  })
})

describe('readPair', () => {
  const p = file('p.csv', 'x,y\n0,0\n1,1\n')
  it('needs the same dimension and names, and two rows each', async () => {
    await expect(readPair(p, file('q3.csv', 'x,y,z\n0,0,0\n1,1,1\n'), {seed: 1})).rejects.toThrow(
      /different numeric columns \(only in Q: 'z'\)/,
    )
    await expect(readPair(p, file('qab.csv', 'a,b\n0,0\n1,1\n'), {seed: 1})).rejects.toThrow(
      /different numeric columns \(only in P: 'x', 'y'; only in Q: 'a', 'b'\)/,
    )
    await expect(readPair(p, file('q1.csv', 'x,y\n0,0\n'), {seed: 1})).rejects.toThrow(
      /has 1 row; at least 2 are needed/,
    )
    await expect(readPair('-', '-', {seed: 1})).rejects.toBeInstanceOf(InputError)
    const ok = await readPair(p, file('qab2.csv', 'a,x,y\n9,0,0\n9,1,1\n'), {seed: 1, columns: ['x', 'y']})
    expect(ok.q.set.d).toBe(2)
  })
})
