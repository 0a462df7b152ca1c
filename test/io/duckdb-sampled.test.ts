/**
 * The multivariate commands' DuckDB reader (src/io/duckdb/sampled.ts): on a file that fits, read whole, it gives the
 * JS readers' SampleSet exactly (columns, missing values, dates, booleans, the pandas index); over the memory budget
 * it draws the rows `--sample N` draws in memory (src/io/sample.ts), after `--drop-missing`, so the sampled set is
 * the in-memory `--sample N` set, value for value; N defaults to what the budget holds.
 */
import {copyFileSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {readThroughDuckdb} from '../../src/io/duckdb/sampled.js'
import type {ReadOptions, ReadResult} from '../../src/io/options.js'
import {readPair, readSampleSet, selectRead} from '../../src/io/read.js'
import {ROOT} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-sampled-'))
const saved = process.env.DIVERGENCE_MAX_BYTES
afterEach(() => {
  if (saved === undefined) delete process.env.DIVERGENCE_MAX_BYTES
  else process.env.DIVERGENCE_MAX_BYTES = saved
})

const frame = (ext: 'csv' | 'parquet') => join(ROOT, `fixtures/pandas/frame.${ext}`)

/** A CSV of `rows` rows: x, y from a fixed formula, a weight column, and a missing y every 7th row. */
function generated(name: string, rows: number): string {
  const lines = ['x,y,w']
  for (let r = 0; r < rows; r++) lines.push(`${Math.sin(r) * 3},${r % 7 === 3 ? '' : Math.cos(r * 1.7)},${1 + (r % 5)}`)
  const path = join(dir, name)
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}

/** The parts of a read that must not depend on the engine. */
const essence = (r: ReadResult) => ({
  n: r.set.n,
  d: r.set.d,
  columns: r.set.columns,
  data: Array.from(r.set.data),
  weights: r.set.weights ? Array.from(r.set.weights) : undefined,
  rows: r.rows,
  dropped: r.dropped,
  skipped: r.skipped,
})

async function whole(path: string, opts: ReadOptions): Promise<ReadResult> {
  const read = await readThroughDuckdb(path, opts, {kind: 'file', cost: 0, budget: 1e9})
  return selectRead(read, read.table, read.label, opts)
}

describe('read whole through DuckDB: the JS readers’ SampleSet', () => {
  for (const ext of ['csv', 'parquet'] as const)
    for (const opts of [
      {seed: 1, dropMissing: true},
      {seed: 1, columns: ['x', 'count']},
      {seed: 3, dropMissing: true, sample: 10},
      {seed: 1, columns: ['when', 'x'], exclude: ['count']},
    ] as ReadOptions[])
      it(`frame.${ext} ${JSON.stringify(opts)}`, async () => {
        const memory = await readSampleSet(frame(ext), opts)
        const duck = await whole(frame(ext), opts)
        expect(essence(duck)).toEqual(essence(memory))
        expect(duck.sampling).toBeUndefined()
      })

  it('the same refusal of a missing value without --drop-missing (file, data row, column)', async () => {
    await expect(readSampleSet(frame('parquet'), {seed: 1})).rejects.toThrow(/data row 1: column 'mostly_na'/)
    await expect(whole(frame('parquet'), {seed: 1})).rejects.toThrow(/data row 1: column 'mostly_na'/)
  })
})

describe('over the memory budget: the in-memory --sample draw, through DuckDB', () => {
  for (const ext of ['csv', 'parquet'] as const)
    it(`frame.${ext}: --drop-missing --sample 12 gives the in-memory set, and says how it was read`, async () => {
      const opts: ReadOptions = {seed: 9, dropMissing: true, sample: 12}
      const memory = await readSampleSet(frame(ext), opts)
      process.env.DIVERGENCE_MAX_BYTES = '20000'
      const duck = await readSampleSet(frame(ext), opts)
      expect(essence(duck)).toEqual(essence(memory))
      expect(duck.sampling).toMatchObject({engine: 'duckdb', rows: 200, dropped: 164, eligible: 36, n: 12, seed: 9})
      expect(duck.warnings.join('\n')).toMatch(
        /over the memory budget .* read through DuckDB, a seeded uniform sample of 12 of its 36 rows \(⟨seed⟩ 9/,
      )
      // The drop is said as the in-memory reader says it.
      expect(duck.warnings).toContain(memory.warnings.find((w) => w.includes('dropped')))
    })

  it('without --sample, N is what the budget holds (budget / (24 bytes × columns)), the same rows as --sample N', async () => {
    const file = generated('gen.csv', 5000)
    const opts: ReadOptions = {seed: 5, dropMissing: true, weights: 'w'}
    process.env.DIVERGENCE_MAX_BYTES = String(24 * 3 * 1000 + 10)
    const duck = await readSampleSet(file, opts)
    expect(duck.set.n).toBe(1000)
    expect(duck.sampling).toMatchObject({rows: 5000, dropped: 714, eligible: 4286, n: 1000})
    delete process.env.DIVERGENCE_MAX_BYTES
    const memory = await readSampleSet(file, {...opts, sample: 1000})
    expect(essence(duck)).toEqual(essence(memory))
  })

  it('a glob of 16 files gives the sample of the same rows in one file', async () => {
    const file = generated('all.csv', 1600)
    const lines = (await import('node:fs')).readFileSync(file, 'utf8').trim().split('\n')
    for (let k = 0; k < 16; k++)
      writeFileSync(
        join(dir, `part-${String(k).padStart(2, '0')}.csv`),
        `${[lines[0], ...lines.slice(1 + k * 100, 1 + (k + 1) * 100)].join('\n')}\n`,
      )
    const opts: ReadOptions = {seed: 2, dropMissing: true, sample: 300, columns: ['x', 'y']}
    const memory = await readSampleSet(file, opts)
    process.env.DIVERGENCE_MAX_BYTES = '30000'
    const duck = await readSampleSet(join(dir, 'part-*.csv'), opts)
    expect(essence(duck)).toEqual(essence(memory))
    expect(duck.sampling?.n).toBe(300)
  })

  it("a path that is SQL (x'); COPY … TO '…) is one file name", async () => {
    const file = join(dir, "x'); COPY (SELECT 1) TO 'pwned.csv'; --.csv")
    copyFileSync(generated('plain.csv', 400), file)
    process.env.DIVERGENCE_MAX_BYTES = '5000'
    const duck = await readSampleSet(file, {seed: 1, dropMissing: true, sample: 50})
    expect(duck.set.n).toBe(50)
    expect((await import('node:fs')).existsSync(join(process.cwd(), 'pwned.csv'))).toBe(false)
  })

  it('refuses what it cannot do, in one line: a missing value without --drop-missing, a too large --sample, --by', async () => {
    const file = generated('refuse.csv', 600)
    process.env.DIVERGENCE_MAX_BYTES = '10000'
    await expect(readSampleSet(file, {seed: 1})).rejects.toThrow(
      /refuse\.csv, data row 4: column 'y' is empty or not a finite number; fix the file or pass ⟨dropMissing⟩/,
    )
    await expect(readSampleSet(file, {seed: 1, dropMissing: true, sample: 500})).rejects.toThrow(
      /⟨sample⟩ 500 rows of 3 columns .* ask for at most 138/,
    )
    await expect(readPair(file, file, {seed: 1, dropMissing: true, by: 'x'})).rejects.toThrow(
      /⟨by⟩ is not sampled through DuckDB yet/,
    )
  })

  it('a negative weight is refused as in memory, with or without --drop-missing', async () => {
    const file = join(dir, 'negative.csv')
    writeFileSync(file, `x,w\n${Array.from({length: 300}, (_, r) => `${r},${r === 250 ? -1 : 1}`).join('\n')}\n`)
    process.env.DIVERGENCE_MAX_BYTES = '3000'
    await expect(readSampleSet(file, {seed: 1, weights: 'w', dropMissing: true})).rejects.toThrow(
      /data row 251: weight column 'w' is negative/,
    )
  })
})

/*
 * The sample is a set of row positions, so it is right only if DuckDB streams a scan in the files' and their rows'
 * order whatever its thread count (src/io/duckdb/columns.ts readDoubles; its default preserve_insertion_order).
 * Each row here holds its own position: reading the picked rows must give back the picks, for 1 and 4 threads, over
 * Parquet files of many small row groups (read in parallel by row group), CSV files, and a CSV parsed into a
 * temporary table first (src/io/duckdb/sampled.ts onceParsed).
 */
describe('DuckDB streams rows in file order for any thread count', () => {
  const rows = 240_000
  const picks = Int32Array.from({length: 5000}, (_, k) => Math.floor((k * rows) / 5000) + (k % 7))

  it('Parquet row groups, CSV files and a temp table: the picked rows are the picks, with 1 and 4 threads (with preserve_insertion_order off, 4 threads fail this)', async () => {
    const {DuckDBInstance} = await import('@duckdb/node-api')
    const {readDoubles} = await import('../../src/io/duckdb/columns.js')
    const {sqlString, sqlStringList} = await import('../../src/io/duckdb/quote.js')
    const maker = await DuckDBInstance.create(':memory:')
    const m = await maker.connect()
    const parquet: string[] = []
    const csv: string[] = []
    for (let k = 0; k < 4; k++) {
      const part = `SELECT CAST(i AS DOUBLE) AS pos, sin(i) AS noise FROM range(${(k * rows) / 4}, ${((k + 1) * rows) / 4}) t(i)`
      parquet.push(join(dir, `order-${k}.parquet`))
      csv.push(join(dir, `order-${k}.csv`))
      await m.run(`COPY (${part}) TO ${sqlString(parquet[k])} (FORMAT parquet, ROW_GROUP_SIZE 2048)`)
      await m.run(`COPY (${part}) TO ${sqlString(csv[k])} (FORMAT csv, HEADER)`)
    }
    m.closeSync()
    maker.closeSync()
    for (const threads of [1, 4]) {
      const db = await DuckDBInstance.create(':memory:', {threads: String(threads)})
      const c = await db.connect()
      await c.run(`CREATE TEMP TABLE parsed AS SELECT pos FROM read_csv(${sqlStringList(csv)}, header = true)`)
      for (const scan of [
        `read_parquet(${sqlStringList(parquet)})`,
        `read_csv(${sqlStringList(csv)}, header = true)`,
        'parsed',
      ]) {
        const [pos] = await readDoubles(c, scan, ['pos'], rows, picks)
        expect(Array.from(pos), `${threads} threads, ${scan}`).toEqual(Array.from(picks))
      }
      c.closeSync()
      db.closeSync()
    }
  })
})
