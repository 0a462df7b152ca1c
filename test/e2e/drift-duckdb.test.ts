/**
 * `drift --engine duckdb` end to end: the same JSON as the in-memory engine (apart from `drift.engine`, timing and
 * the path as given) on one Parquet file, a pattern over 3 files of the same rows, and a hive-partitioned directory
 * of 16 files (year=…/month=…/), and `--by` on its partition key; `auto` and a tiny DIVERGENCE_MAX_BYTES; a path with SQL in it; bad input through
 * the engine (exit 2, one line naming the file). The files are written here by an unlocked DuckDB from formulas
 * (no randomness), so the test needs nothing but the package's own dependencies.
 */
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'
import {beforeAll, describe, expect, it} from 'vitest'
import {sqlString} from '../../src/io/duckdb/quote.js'
import {runCli} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-drift-duckdb-'))
const one = join(dir, 'one.parquet'),
  q = join(dir, 'q.parquet'),
  parts = join(dir, 'parts'),
  hive = join(dir, 'hive')

/**
 * P's rows (3 000) and Q's (2 000): a, b, c numeric (c with NULLs), color text (with NULLs), month and year — in
 * that order, the order DuckDB gives hive partition columns (after the file's own, by name).
 */
const rows = (n: number, shift: number) => `
  SELECT sin(i * 0.37) * 2 + (i % 7) / 7.0 + ${shift} AS a,
         cos(i * 0.11) * (i % 13) AS b,
         CASE WHEN i % 50 = 0 THEN NULL ELSE ((i * 7919) % 1000) / 100.0 END AS c,
         CASE WHEN i % 41 = 0 THEN NULL ELSE ['red', 'green', 'blue', 'pink'][1 + (i + ${shift > 0 ? 'i % 2' : '0'}) % 3] END AS color,
         CAST(1 + (i // 4) % 4 AS BIGINT) AS month, CAST(2020 + i % 4 AS BIGINT) AS year
  FROM range(${n}) t(i)`

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:')
  const c = await db.connect()
  await c.run(`CREATE TABLE p AS ${rows(3000, 0)}`)
  await c.run(`COPY p TO ${sqlString(one)} (FORMAT parquet)`)
  await c.run(`COPY (${rows(2000, 0.3)}) TO ${sqlString(q)} (FORMAT parquet)`)
  mkdirSync(parts)
  for (let k = 0; k < 3; k++)
    await c.run(
      `COPY (SELECT * FROM p WHERE rowid % 3 = ${k}) TO ${sqlString(join(parts, `part-${k}.parquet`))} (FORMAT parquet)`,
    )
  await c.run(`COPY p TO ${sqlString(hive)} (FORMAT parquet, PARTITION_BY (year, month))`)
  // Bad inputs: partition files whose schemas disagree; a corrupt (truncated) file among good ones.
  mkdirSync(join(dir, 'mixed'))
  await c.run(`COPY (SELECT a, b FROM p) TO ${sqlString(join(dir, 'mixed', 'part-0.parquet'))} (FORMAT parquet)`)
  await c.run(`COPY (SELECT a, b, c FROM p) TO ${sqlString(join(dir, 'mixed', 'part-1.parquet'))} (FORMAT parquet)`)
  mkdirSync(join(dir, 'corrupt'))
  for (const k of [0, 2]) copyFileSync(join(parts, `part-${k}.parquet`), join(dir, 'corrupt', `part-${k}.parquet`))
  const whole = readFileSync(join(parts, 'part-1.parquet'))
  writeFileSync(join(dir, 'corrupt', 'part-1.parquet'), whole.subarray(0, Math.floor(whole.length / 2)))
  c.closeSync()
  db.closeSync()
})

const drift = (args: string[], env?: Record<string, string>) => {
  const r = runCli(['drift', ...args, '--json', '--quiet'], {env})
  expect(r.code === 0 || r.code === 1, r.stderr).toBe(true)
  return JSON.parse(r.stdout)
}

/** The document without what may differ between engines and paths: the engine, the timing, P's path as given. */
const comparable = (doc: any) => {
  const {timing: _t, ...rest} = doc
  const {engine: _e, ...d} = rest.drift
  return {...rest, drift: d, p: {...rest.p, path: undefined}}
}

describe('drift --engine duckdb gives the in-memory numbers', () => {
  it('one file: the same JSON as --engine memory, and the columns did move (not a vacuous comparison)', () => {
    const memory = drift([one, q, '--engine', 'memory'])
    const duck = drift([one, q, '--engine', 'duckdb'])
    expect(memory.drift.engine).toBe('memory')
    expect(duck.drift.engine).toBe('duckdb')
    expect(comparable(duck)).toEqual(comparable(memory))
    const a = duck.drift.columns.find((c: any) => c.name === 'a')
    expect(a.w1).toBeGreaterThan(0.2)
    expect(a.ksPValue).toBeLessThan(1e-6)
    const c = duck.drift.columns.find((x: any) => x.name === 'c')
    expect(c.missing.p).toBe(60)
    expect(duck.drift.columns.find((x: any) => x.name === 'color').kind).toBe('categorical')
  })

  it('a pattern over 3 files and a hive directory of 16 files give the JSON of the one file', () => {
    const memory = comparable(drift([one, q, '--engine', 'memory']))
    const files = readdirSync(hive, {recursive: true}).filter((f) => String(f).endsWith('.parquet'))
    expect(files).toHaveLength(16)
    expect(comparable(drift([join(parts, '*.parquet'), q]))).toEqual(memory)
    const fromHive = drift([hive, q])
    expect(fromHive.drift.engine).toBe('duckdb')
    expect(comparable(fromHive)).toEqual(memory)
    expect(comparable(drift([join(hive, 'year=*/month=*/*.parquet'), q]))).toEqual(memory)
  })

  it('auto with a tiny DIVERGENCE_MAX_BYTES runs DuckDB on a plain file, with the same numbers', () => {
    const memory = drift([one, q])
    expect(memory.drift.engine).toBe('memory')
    const small = drift([one, q], {DIVERGENCE_MAX_BYTES: '1000'})
    expect(small.drift.engine).toBe('duckdb')
    expect(comparable(small)).toEqual(comparable(memory))
    // The in-memory engine refuses this budget: DuckDB is what makes the run possible.
    const refused = runCli(['drift', one, q, '--engine', 'memory', '--quiet'], {env: {DIVERGENCE_MAX_BYTES: '1000'}})
    expect(refused.code).toBe(2)
  })

  it('--by on a hive partition key: the JSON of --by on the one file in memory (groups, labels, numbers)', () => {
    const strip = (doc: any) => ({...comparable(doc), p: {...doc.p, path: undefined}, q: {...doc.q, path: undefined}})
    const memory = drift([one, '--by', 'year', '--groups', '2020,2021', '--engine', 'memory'])
    const duck = drift([hive, '--by', 'year', '--groups', '2020,2021'])
    expect(duck.drift.engine).toBe('duckdb')
    expect(duck.groups).toEqual({by: 'year', p: '2020', q: '2021'})
    expect(duck.p.path).toBe(`${hive}[year=2020]`)
    expect(strip(duck)).toEqual(strip(memory))
    expect(duck.p.columns).not.toContain('year')
    const four = runCli(['drift', hive, '--by', 'year', '--quiet'])
    expect(four.code).toBe(2)
    expect(four.stderr).toMatch(/--by year has 4 distinct values \('2020', '2021', '2022', '2023'\); name the two/)
  })

  it('--drop-missing drops the same rows as in memory (warnings, counts, numbers), through a pattern too', () => {
    const memory = drift([one, q, '--drop-missing', '--engine', 'memory'])
    const duck = drift([one, q, '--drop-missing', '--engine', 'duckdb'])
    expect(comparable(duck)).toEqual(comparable(memory))
    // c has a NULL every 50 rows and color every 41: rows with either are gone, so no column counts a missing cell.
    expect(duck.drift.columns.find((c: any) => c.name === 'a').n.p).toBe(3000 - 60 - 74 + 2)
    expect(duck.drift.columns.every((c: any) => c.missing.p === 0 && c.missing.q === 0)).toBe(true)
    expect(duck.warnings.join('\n')).toMatch(/dropped 132 of 3000 rows with a missing value in a compared column/)
    // Through the pattern, the same apart from the warning naming the pattern as the user gave it.
    const fromParts = drift([join(parts, '*.parquet'), q, '--drop-missing'])
    expect(fromParts.warnings[0]).toMatch(/parts\/\*\.parquet: dropped 132 of 3000 rows/)
    expect({...comparable(fromParts), warnings: []}).toEqual({...comparable(memory), warnings: []})
  })

  it('--sample N draws the rows the in-memory engine draws (numeric and categorical, with --drop-missing, and --by)', () => {
    // The same rows in the same order on both engines (the parts and the hive hold P's rows in another order, so
    // their draws are other rows).
    for (const extra of [
      ['--sample', '500'],
      ['--sample', '700', '--drop-missing', '--seed', '3'],
    ]) {
      const memory = drift([one, q, ...extra, '--engine', 'memory'])
      const duck = drift([one, q, ...extra, '--engine', 'duckdb'])
      expect(duck.drift.engine).toBe('duckdb')
      expect(comparable(duck)).toEqual(comparable(memory))
      const a = duck.drift.columns.find((c: any) => c.name === 'a')
      const color = duck.drift.columns.find((c: any) => c.name === 'color')
      expect(a.n.p + a.missing.p).toBe(Number(extra[1]))
      expect(color.kind).toBe('categorical')
    }
    // N at or above the rows: every row, with the in-memory warning.
    const all = drift([one, q, '--sample', '2500', '--engine', 'duckdb'])
    expect(all.warnings).toEqual(drift([one, q, '--sample', '2500', '--engine', 'memory']).warnings)
    const strip = (doc: any) => ({...comparable(doc), p: {...doc.p, path: undefined}, q: {...doc.q, path: undefined}})
    const by = ['--by', 'year', '--groups', '2020,2021', '--sample', '300']
    expect(strip(drift([one, ...by, '--engine', 'duckdb']))).toEqual(strip(drift([one, ...by, '--engine', 'memory'])))
  })

  it("a file named x'); COPY … TO '…' is read as that file and nothing is written", () => {
    const nasty = join(dir, `x'); COPY (SELECT 1) TO 'pwned.csv'; --.parquet`)
    copyFileSync(one, nasty)
    const doc = drift([nasty, q, '--engine', 'duckdb'])
    expect(doc.p.path).toBe(nasty)
    expect(comparable(doc)).toEqual(comparable(drift([one, q, '--engine', 'memory'])))
    expect(existsSync(join(dir, 'pwned.csv'))).toBe(false)
    expect(existsSync(join(process.cwd(), 'pwned.csv'))).toBe(false)
  })
})

describe('bad input through the DuckDB engine: exit 2, one line naming the file', () => {
  const bad = (args: string[], pattern: RegExp) => {
    const r = runCli(['drift', ...args, '--quiet'])
    expect(r.code, r.stderr).toBe(2)
    const lines = r.stderr.trim().split('\n')
    expect(lines, r.stderr).toHaveLength(1)
    expect(lines[0]).toMatch(pattern)
    expect(r.stderr).not.toMatch(/\n\s+at |Error: .*Error:/)
    expect(r.stdout).toBe('')
  }

  it('a pattern that matches nothing', () =>
    bad([join(dir, 'nothing', '*.parquet'), q], /nothing\/\*\.parquet matches no file/))
  it('partition files whose schemas disagree', () =>
    bad([join(dir, 'mixed'), q], /mixed\/part-1\.parquet does not have the same columns as .*part-0\.parquet/))
  it('a corrupt file among good ones', () =>
    bad([join(dir, 'corrupt', '*.parquet'), q], /corrupt\/part-1\.parquet is not a readable Parquet file/))
  it('a file DuckDB cannot read as Parquet', () => {
    const text = join(dir, 'text.parquet')
    writeFileSync(text, 'a,b\n1,2\n')
    bad([text, q, '--engine', 'duckdb'], /text\.parquet is not a readable Parquet file/)
  })
  it('a directory with no data files', () => {
    mkdirSync(join(dir, 'empty'))
    bad([join(dir, 'empty'), q], /empty is a directory with no data files/)
  })
  it('stdin is refused by name, with what to do instead', () =>
    bad(['-', q, '--engine', 'duckdb'], /DuckDB engine reads files, not stdin \(-\): save the input to a file/))
})
