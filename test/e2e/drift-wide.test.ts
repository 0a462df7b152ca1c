/**
 * drift on a wide table (issue 23 items 2–3): 1 000 numeric columns in one run through both engines, the same
 * numbers for any --threads; the brief table ranks the ten most moved columns and sums up the other 990 in one row,
 * the JSON holds all 1 000; the progress bar (columns done, time left) is drawn on a TTY only, never with --quiet
 * and never when stderr is a pipe. The Parquet files are written here by an unlocked DuckDB from formulas.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'
import {beforeAll, describe, expect, it} from 'vitest'
import {sqlString} from '../../src/io/duckdb/quote.js'
import {BIN, ROOT, runCli} from '../helpers/cli.js'

const COLUMNS = 1000
const dir = mkdtempSync(join(tmpdir(), 'divergence-drift-wide-'))
const p = join(dir, 'p.parquet'),
  q = join(dir, 'q.parquet')

/** n rows of COLUMNS columns x0…x999; column j of Q is shifted by j/2000 (x999 moves most), a NULL every 37 rows. */
const table = (n: number, shifted: boolean) =>
  `SELECT ${Array.from(
    {length: COLUMNS},
    (_, j) =>
      `CASE WHEN (i + ${j}) % 37 = 0 THEN NULL ELSE sin(i * ${0.1 + j / 997} + ${j}) + ${shifted ? j / 2000 : 0} END AS x${j}`,
  ).join(', ')} FROM range(${n}) t(i)`

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:')
  const c = await db.connect()
  await c.run(`COPY (${table(300, false)}) TO ${sqlString(p)} (FORMAT parquet)`)
  await c.run(`COPY (${table(250, true)}) TO ${sqlString(q)} (FORMAT parquet)`)
  c.closeSync()
  db.closeSync()
}, 60_000)

const json = (args: string[]) => {
  const r = runCli(['drift', p, q, '--json', '--quiet', ...args])
  expect(r.code === 0 || r.code === 1, r.stderr).toBe(true)
  const {timing: _t, ...doc} = JSON.parse(r.stdout)
  return doc
}

describe('drift on 1 000 columns', () => {
  it('both engines and any --threads give the same JSON, every column in it', () => {
    const memory = json(['--engine', 'memory'])
    expect(memory.drift.columns).toHaveLength(COLUMNS)
    // The most moved column is one of the most shifted (the shift grows with j; the sine's frequency varies too).
    expect(Number(memory.drift.columns[0].name.slice(1))).toBeGreaterThan(900)
    const strip = (doc: any) => ({...doc, drift: {...doc.drift, engine: undefined}})
    const one = json(['--engine', 'duckdb', '--threads', '1'])
    expect(one.drift.engine).toBe('duckdb')
    expect(JSON.stringify(strip(one))).toBe(JSON.stringify(strip(memory)))
    for (const threads of ['2', '3'])
      expect(JSON.stringify(json(['--engine', 'duckdb', '--threads', threads]))).toBe(JSON.stringify(one))
  }, 120_000)

  it('the brief table lists the ten most moved and sums up the other 990 in one row', () => {
    const r = runCli(['drift', p, q, '--quiet'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`top 10 of ${COLUMNS}`)
    expect(r.stdout).toMatch(/the other 990 columns\s*│\s*\d+ drifted/)
    expect(r.stdout).toMatch(/largest score [\d.e-]+ \(x\d+,/)
    // Ten column rows, not a thousand.
    expect(r.stdout.match(/ \[num\] /g)).toHaveLength(10)
    expect(r.stderr).toBe('')
  }, 60_000)

  const script = existsSync('/usr/bin/script') ? '/usr/bin/script' : undefined
  it.skipIf(!script)(
    'on a TTY a progress bar with columns done and the time left; none with --quiet',
    () => {
      // script(1) runs the command on a pseudo-terminal; its output (stdout and stderr together) is captured here.
      const run = (extra: string) =>
        spawnSync(
          script!,
          [
            '-qec',
            `${process.execPath} ${BIN} drift ${p} ${q} --engine duckdb --json ${extra} > /dev/null`,
            '/dev/null',
          ],
          {cwd: ROOT, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, timeout: 60_000},
        )
      const shown = run('')
      expect(shown.status).toBe(0)
      expect(shown.stdout).toMatch(/drift \[[#-]{24}\] +\d+\/1000 columns/)
      const quiet = run('--quiet')
      expect(quiet.status).toBe(0)
      expect(quiet.stdout).not.toContain('columns')
    },
    60_000,
  )
})
