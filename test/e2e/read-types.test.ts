/**
 * Issue 19 items 2, 3, 5 and 7 end to end: the files pandas and pyarrow write (fixtures/pandas/make.py) give every
 * command the same columns with one type each, nothing is dropped without a word, and pipes are read as streams.
 */
import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {BIN, ROOT, runCli, runCliAsync} from '../helpers/cli.js'

const F = 'fixtures/pandas/'
const FRAME = ['x', 'count', 'grade', 'colour', 'when', 'day', 'flag', 'with_nan', 'mostly_na']
const NUMERIC = ['x', 'count', 'when', 'day', 'with_nan', 'mostly_na']
const TYPES = ['price', 'half', 'on', 'at', 'k']

interface DriftJson {
  p: {columns: string[]}
  drift: {share: number; total: number; columns: {name: string; kind: string; drifted: boolean; score: number}[]}
  warnings: string[]
}

describe.concurrent('one pandas frame written by to_csv() and to_parquet()', () => {
  for (const csv of ['frame.csv', 'frame-na.csv']) {
    it(`drift ${csv} frame.parquet: share 0 with every column present`, async () => {
      const r = await runCliAsync(['drift', F + csv, `${F}frame.parquet`, '--json'])
      expect(r.code, r.stderr).toBe(0)
      const j = JSON.parse(r.stdout) as DriftJson
      expect(j.drift.share).toBe(0)
      expect(j.drift.columns.map((c) => c.name).sort()).toEqual([...FRAME].sort())
      for (const c of j.drift.columns) expect([c.name, c.score]).toEqual([c.name, 0])
      const kinds = Object.fromEntries(j.drift.columns.map((c) => [c.name, c.kind]))
      expect(kinds).toMatchObject({flag: 'categorical', when: 'numeric', day: 'numeric', mostly_na: 'numeric'})
    })
  }

  for (const engine of ['memory', 'duckdb'])
    it(`drift (${engine}): the CSV pair and the Parquet pair of one frame give the same statistics, dates included`, async () => {
      // pandas writes the midnight datetimes of `day` as 2024-02-27 in a CSV and as timestamp[ns] in Parquet: both must
      // be seconds since 1970-01-01 (src/io/number.ts DATE_UNIT), or a CSV gate and a Parquet gate read other numbers.
      const run = (p: string, q: string) =>
        runCliAsync(['drift', F + p, F + q, '--engine', engine, '--json']).then((r) => {
          expect(r.code, r.stderr).toBe(0)
          return (JSON.parse(r.stdout) as {drift: {columns: Record<string, unknown>[]}}).drift.columns
        })
      const [csv, parquet] = await Promise.all([
        run('frame-na.csv', 'frame-shifted.csv'),
        run('frame.parquet', 'frame-shifted.parquet'),
      ])
      const numbers = (cols: Record<string, unknown>[]) =>
        Object.fromEntries(cols.map((c) => [c.name, [c.p, c.q, c.w1, c.ks, c.psi, c.score]]))
      expect(numbers(csv)).toEqual(numbers(parquet))
      const day = csv.find((c) => c.name === 'day') as {p: {mean: number}}
      // 2024-01-01 + 0..89 days: mean between 1704067200 (2024-01-01) and 1711843200 (2024-03-31), in seconds
      expect(day.p.mean).toBeGreaterThan(1704067200)
      expect(day.p.mean).toBeLessThan(1711843200)
    })

  it('drift sees a shift of +3 in the n/a-heavy column', async () => {
    const r = await runCliAsync(['drift', `${F}frame-na.csv`, `${F}frame-shifted.parquet`, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout) as DriftJson
    expect(j.drift.columns.filter((c) => c.drifted).map((c) => c.name)).toEqual(['mostly_na'])
  })

  it('w1 on the n/a-heavy column: refused without --drop-missing, the shift counted with it', async () => {
    const refused = await runCliAsync(['w1', `${F}frame-na.csv`, `${F}frame-shifted.csv`])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/column 'mostly_na' has 'n\/a', not a finite number; .*--drop-missing/)
    const r = await runCliAsync([
      'w1',
      `${F}frame-na.csv`,
      `${F}frame-shifted.csv`,
      '--columns',
      'mostly_na',
      '--drop-missing',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect((JSON.parse(r.stdout) as {w1: {value: number}}).w1.value).toBeCloseTo(3, 12)
  })

  for (const command of ['w1', 'compare', 'jsd']) {
    it(`${command} uses the same numeric columns from either file, and names every column it leaves out`, async () => {
      const args = command === 'jsd' ? ['--method', 'knn'] : command === 'compare' ? ['--only', 'w1'] : []
      const csv = await runCliAsync([command, `${F}frame.csv`, `${F}frame-na.csv`, '--drop-missing', '--json', ...args])
      const pq = await runCliAsync([
        command,
        `${F}frame.parquet`,
        `${F}frame.parquet`,
        '--drop-missing',
        '--json',
        ...args,
      ])
      for (const r of [csv, pq]) {
        expect(r.code, r.stderr).toBe(0)
        const j = JSON.parse(r.stdout) as {p: {columns: string[]}; q: {columns: string[]}; warnings: string[]}
        expect(j.p.columns).toEqual(NUMERIC)
        expect(j.q.columns).toEqual(NUMERIC)
        expect(j.warnings).toContainEqual(
          expect.stringMatching(/not numeric, left out: 'grade' \(string\), 'colour' \(string\), 'flag' \(boolean\)$/),
        )
        expect(r.stderr).toMatch(/warning: .*not numeric, left out: 'grade'/)
      }
    })
  }

  it('compare matches columns by name whatever their order', async () => {
    const r = await runCliAsync([
      'compare',
      `${F}frame.parquet`,
      `${F}frame-reordered.parquet`,
      '--only',
      'w1',
      '--drop-missing',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout) as {q: {columns: string[]}; w1: {value: number}}
    expect(j.q.columns).toEqual(NUMERIC)
    expect(j.w1.value).toBe(0)
  })
})

describe.concurrent('Parquet decimal128, float16, date32, timestamp and int64 columns are used by every command', () => {
  for (const command of ['w1', 'compare', 'jsd', 'bound']) {
    it(command, async () => {
      const extra = command === 'jsd' ? ['--method', 'knn'] : command === 'compare' ? ['--only', 'w1'] : []
      const r = await runCliAsync([command, `${F}types.parquet`, `${F}types-shifted.parquet`, '--json', ...extra])
      expect(r.code, r.stderr).toBe(0)
      const j = JSON.parse(r.stdout) as {p: {columns: string[]}; warnings: string[]}
      expect(j.p.columns).toEqual(TYPES)
      expect(j.warnings).toContain(
        "fixtures/pandas/types.parquet: column 'at' is a timestamp, read as seconds since 1970-01-01 (timestamp[ns] → seconds since 1970-01-01)",
      )
    })
  }

  it('drift: every column numeric, each moved by +3 units', async () => {
    const r = await runCliAsync(['drift', `${F}types.parquet`, `${F}types-shifted.parquet`, '--json'])
    const j = JSON.parse(r.stdout) as DriftJson
    expect(j.drift.columns.map((c) => [c.name, c.kind, c.drifted]).sort()).toEqual(
      TYPES.map((name) => [name, 'numeric', true]).sort(),
    )
  })

  it('info shows each type with its unit', () => {
    const r = runCli(['info', `${F}types.parquet`, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const columns = (JSON.parse(r.stdout) as {info: {columns: {name: string; type: string; used: boolean}[]}}).info
      .columns
    expect(columns.map((c) => [c.name, c.type, c.used])).toEqual([
      ['price', 'decimal(10, 2)', true],
      ['half', 'float16', true],
      ['on', 'date32 → seconds since 1970-01-01', true],
      ['at', 'timestamp[ns] → seconds since 1970-01-01', true],
      ['k', 'int64', true],
    ])
  })

  it('int64 beyond 2^53 is named in a warning', () => {
    const r = runCli(['info', `${F}big-int.parquet`, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/column 'id' holds values beyond 2\^53 \(e\.g\. 9007199254740993\).*rounded/)
  })
})

describe.concurrent('markers, decimal commas, repeated names, mostly-distinct text', () => {
  it("'-' as missing needs --na-values; without it the column is named as left out", async () => {
    const plain = await runCliAsync(['w1', `${F}dash-na.csv`, `${F}dash-na.csv`, '--json'])
    expect(plain.code, plain.stderr).toBe(0)
    expect((JSON.parse(plain.stdout) as {p: {columns: string[]}}).p.columns).toEqual(['a'])
    expect(plain.stderr).toMatch(
      /left out: 'b' \(string; 12 of 20 non-missing cells are text, e\.g\. '-'\); if '-' marks a missing value, give --na-values=-/,
    )
    const declared = await runCliAsync([
      'w1',
      `${F}dash-na.csv`,
      `${F}dash-na.csv`,
      '--na-values=-',
      '--drop-missing',
      '--json',
    ])
    expect(declared.code, declared.stderr).toBe(0)
    expect((JSON.parse(declared.stdout) as {p: {columns: string[]}}).p.columns).toEqual(['a', 'b'])
    const drift = await runCliAsync(['drift', `${F}dash-na.csv`, `${F}dash-na.csv`, '--na-values', '-,?', '--json'])
    const kinds = (JSON.parse(drift.stdout) as DriftJson).drift.columns.map((c) => [c.name, c.kind])
    expect(kinds).toEqual([
      ['a', 'numeric'],
      ['b', 'numeric'],
    ])
  })

  it('missing markers with spaces around them (` n/a`, `NA `, ` - `), a marker that spells a number (-999) and stray words among numbers: both engines read the same numbers and say the same', async () => {
    // DuckDB matches its null strings exactly and keeps spaces, the JS reader trims first: a column of numbers with
    // ` n/a` in it was text to DuckDB, so `--engine duckdb` compared it as categories, and ` x` was not `x` there
    // (src/io/duckdb/trimmed.ts). And `--na-values=-999` was read as the number -999 by the JS reader, which parsed
    // numbers before it looked for markers. And a word among numbers (`e`) was counted as missing by drift without a
    // word, where DuckDB read the column as categories: both now count it as missing and say so.
    const dir = mkdtempSync(join(tmpdir(), 'divergence-padded-'))
    const rows = (f: (i: number) => string) => Array.from({length: 40}, (_, i) => f(i)).join('\n')
    const pad = ['  n/a', 'NA ', ' null', ' - ']
    writeFileSync(
      join(dir, 'p.csv'),
      `a,b,c,d,e\n${rows((i) => `${i},${i % 7 === 3 ? pad[i % 4] : ` ${i * 0.5} `},${i % 9 === 4 ? '-999' : i + 1},${i % 5 === 0 ? ' x' : 'y '},${i % 10 === 7 ? (i < 20 ? 'oops' : ' later') : i}`)}\n`,
    )
    writeFileSync(
      join(dir, 'q.csv'),
      `a,b,c,d,e\n${rows((i) => `${i},${i * 0.5 + 1},${i + 2},${i % 3 === 0 ? 'x' : 'y'},${i}`)}\n`,
    )
    const run = (engine: string) =>
      runCliAsync([
        'drift',
        join(dir, 'p.csv'),
        join(dir, 'q.csv'),
        '--na-values=-999,-',
        '--engine',
        engine,
        '--json',
      ]).then((r) => {
        expect(r.code, r.stderr).toBe(0)
        // e: i % 10 === 7 for i = 7, 17 ('oops') and 27, 37 (' later'); the least text in code-point order is 'later'.
        expect(r.stderr).toContain(
          `${join(dir, 'p.csv')}: column 'e' has 4 text cell(s) among its numbers (e.g. 'later'); drift counts them as missing`,
        )
        expect(r.stderr).not.toMatch(/column '[abcd]' has/)
        return (JSON.parse(r.stdout) as {drift: {columns: Record<string, unknown>[]}}).drift.columns
      })
    const [memory, duckdb] = await Promise.all([run('memory'), run('duckdb')])
    const shape = (cols: Record<string, unknown>[]) =>
      Object.fromEntries(cols.map((c) => [c.name, [c.kind, c.n, c.missing, c.p, c.q, c.w1, c.ks, c.psi, c.score]]))
    expect(shape(duckdb)).toEqual(shape(memory))
    const byName = Object.fromEntries(memory.map((c) => [c.name, c])) as Record<
      string,
      {kind: string; missing: {p: number}; p: {mean: number}}
    >
    expect([byName.b.kind, byName.c.kind, byName.d.kind, byName.e.kind]).toEqual([
      'numeric',
      'numeric',
      'categorical',
      'numeric',
    ])
    // b: i % 7 === 3 for i = 3, 10, 17, 24, 31, 38; c: i % 9 === 4 for i = 4, 13, 22, 31; e: the 4 words.
    expect([byName.b.missing.p, byName.c.missing.p, byName.e.missing.p]).toEqual([6, 4, 4])
    // c's mean over the 36 cells left: (Σ_{i<40} (i + 1) − (5 + 14 + 23 + 32)) / 36 = (820 − 74) / 36
    expect(byName.c.p.mean).toBeCloseTo(746 / 36, 12)
  })

  for (const engine of ['memory', 'duckdb'])
    it(`a ;-separated file with decimal commas against the same numbers with dots (${engine}): drift share 0, numeric`, async () => {
      // DuckDB's own sniffer read semicolon.csv as one column ("no column in common"); src/io/duckdb/source.ts now
      // gives it the separator the JS reader finds, with decimal commas.
      const r = await runCliAsync(['drift', `${F}comma.csv`, `${F}semicolon.csv`, '--engine', engine, '--json'])
      expect(r.code, r.stderr).toBe(0)
      const j = JSON.parse(r.stdout) as DriftJson
      expect(j.drift.share).toBe(0)
      expect(j.drift.columns.map((c) => c.kind)).toEqual(['numeric', 'numeric'])
      for (const c of j.drift.columns) expect([c.name, c.score]).toEqual([c.name, 0])
    })

  it('numbers in P and text in Q: drift refuses with one line naming the column and both types', async () => {
    const r = await runCliAsync(['drift', `${F}comma.csv`, `${F}dash-na.csv`])
    expect(r.code).toBe(2)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^Error: column 'b' is numeric \(number\) in P \(.*comma\.csv\) but text \(string; .*\) in Q \(.*dash-na\.csv\)/,
    )
  })

  for (const command of ['drift', 'w1']) {
    it(`${command} refuses a Parquet file with a repeated column name`, async () => {
      const r = await runCliAsync([command, `${F}dup-names.parquet`, `${F}dup-names.parquet`])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/^Error: .*dup-names\.parquet: column name 'a' appears twice in the schema/)
    })
  }

  it('drift leaves out a text column of mostly distinct values (an id), by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'divergence-ids-'))
    const rows = (off: number) =>
      `id,x\n${Array.from({length: 40}, (_, i) => `u${i + off},${(i % 7) + off / 100}`).join('\n')}\n`
    writeFileSync(join(dir, 'p.csv'), rows(0))
    writeFileSync(join(dir, 'q.csv'), rows(40))
    const r = await runCliAsync(['drift', join(dir, 'p.csv'), join(dir, 'q.csv'), '--json'])
    const j = JSON.parse(r.stdout) as DriftJson
    expect(j.drift.columns.map((c) => c.name)).toEqual(['x'])
    expect(j.warnings).toContainEqual(
      expect.stringMatching(/text column\(s\) 'id' \(80 distinct values\) have more than half/),
    )
  })
})

describe('pipes and FIFOs are read as streams', () => {
  it('a process substitution <(cat file) reads like the file', () => {
    const shell = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BIN}" w1 <(cat fixtures/bad/good.csv) <(cat fixtures/bad/three-cols.csv) --columns x,y --json`,
      ],
      {cwd: ROOT, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}},
    )
    expect(shell.status, shell.stderr).toBe(0)
    const file = runCli(['w1', 'fixtures/bad/good.csv', 'fixtures/bad/three-cols.csv', '--columns', 'x,y', '--json'])
    const value = (s: string) => (JSON.parse(s) as {w1: {value: number}}).w1.value
    expect(value(shell.stdout)).toBe(value(file.stdout))
  })

  it('a FIFO with a writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'divergence-fifo-'))
    const fifo = join(dir, 'p.csv')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    const writer = spawn('bash', ['-c', `cat fixtures/bad/good.csv > "${fifo}"`], {cwd: ROOT})
    const r = await runCliAsync(['w1', fifo, 'fixtures/bad/good.csv', '--json'])
    writer.kill()
    expect(r.code, r.stderr).toBe(0)
    expect((JSON.parse(r.stdout) as {w1: {value: number}}).w1.value).toBe(0)
  })
})
