/**
 * The DuckDB engine's safety (src/io/duckdb/open.ts, quote.ts) and its pattern expansion (glob.ts): DuckDB reads
 * only the files it is given, with the configuration locked before any of them is named; a path is one string
 * literal whatever it contains; the spill folder is a fresh one under the OS temp folder and is gone after close.
 */
import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'
import {describe, expect, it} from 'vitest'
import {directoryFiles, expandGlob} from '../../src/io/duckdb/glob.js'
import {openEngine} from '../../src/io/duckdb/open.js'
import {sqlIdentifier, sqlPath, sqlString} from '../../src/io/duckdb/quote.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-duckdb-test-'))
const allowed = join(dir, 'allowed.csv')
const other = join(dir, 'other.csv')
writeFileSync(allowed, 'x\n1\n2\n')
writeFileSync(other, 'x\n3\n')

const fails = async (engine: {connection: {run(sql: string): Promise<unknown>}}, sql: string) => {
  try {
    await engine.connection.run(sql)
    return ''
  } catch (error) {
    return String((error as Error).message)
  }
}

describe('quoting', () => {
  it("a path with quotes, a semicolon and SQL in it is one string literal (x'); COPY t TO 'y)", async () => {
    const nasty = `x'); COPY (SELECT 1) TO '${join(dir, 'pwned.csv')}'; --"\\`
    const db = await DuckDBInstance.create(':memory:')
    const c = await db.connect()
    const r = await c.runAndReadAll(`SELECT ${sqlString(nasty)} AS s, 1 AS ${sqlIdentifier('a"b')}`)
    expect(r.getRows()[0][0]).toBe(nasty)
    expect(r.columnNames()).toEqual(['s', 'a"b'])
    expect(existsSync(join(dir, 'pwned.csv'))).toBe(false)
    c.closeSync()
    db.closeSync()
  })
})

describe('openEngine: locked before any user path', () => {
  it('reads the allowed file and refuses every other file, URL, extension and a change of the settings', async () => {
    const engine = await openEngine([allowed], 256 * 1024 * 1024)
    try {
      const r = await engine.connection.runAndReadAll(`SELECT sum(x) FROM read_csv(${sqlString(allowed)})`)
      expect(Number(r.getRows()[0][0])).toBe(3)
      expect(await fails(engine, `SELECT * FROM read_csv(${sqlString(other)})`)).toMatch(/Permission Error/)
      expect(await fails(engine, `SELECT * FROM read_csv(${sqlString(`${dir}/*.csv`)})`)).toMatch(/Permission Error/)
      expect(await fails(engine, `COPY (SELECT 1) TO ${sqlString(join(dir, 'written.csv'))}`)).toMatch(/Permission/)
      expect(existsSync(join(dir, 'written.csv'))).toBe(false)
      expect(await fails(engine, "SELECT * FROM read_parquet('https://example.com/x.parquet')")).toMatch(/Permission/)
      expect(await fails(engine, 'INSTALL httpfs')).toMatch(/Permission|disabled/)
      expect(await fails(engine, 'LOAD httpfs')).toMatch(/Permission|disabled/)
      expect(await fails(engine, 'SET enable_external_access = true')).toMatch(/locked/)
      expect(await fails(engine, `SET allowed_paths = [${sqlString(other)}]`)).toMatch(/locked/)
      const s = await engine.connection.runAndReadAll(
        "SELECT current_setting('autoload_known_extensions'), current_setting('autoinstall_known_extensions'), current_setting('temp_directory')",
      )
      const [autoload, autoinstall, spill] = s.getRows()[0] as [boolean, boolean, string]
      expect([autoload, autoinstall]).toEqual([false, false])
      expect(spill.startsWith(join(tmpdir(), 'divergence-duckdb-'))).toBe(true)
      engine.close()
      expect(existsSync(spill)).toBe(false)
    } finally {
      try {
        engine.close()
      } catch {}
    }
  })

  it('a file named like a pattern (data[1].csv) is read as that file alone: data1.csv beside it stays refused', async () => {
    const bracket = join(dir, 'data[1].csv')
    const lookalike = join(dir, 'data1.csv')
    writeFileSync(bracket, 'x\n5\n')
    writeFileSync(lookalike, 'x\n7\n')
    const engine = await openEngine([bracket], 256 * 1024 * 1024)
    try {
      const r = await engine.connection.runAndReadAll(`SELECT sum(x) FROM read_csv(${sqlPath(bracket)})`)
      expect(Number(r.getRows()[0][0])).toBe(5)
      // Unescaped, DuckDB globs the name into the other file, which the lock refuses.
      expect(await fails(engine, `SELECT * FROM read_csv(${sqlString(bracket)})`)).toMatch(/Permission Error/)
      expect(await fails(engine, `SELECT * FROM read_csv(${sqlString(lookalike)})`)).toMatch(/Permission Error/)
    } finally {
      engine.close()
    }
  })

  it('negative control: an engine opened without the lock would read the other file', async () => {
    const db = await DuckDBInstance.create(':memory:')
    const c = await db.connect()
    const r = await c.runAndReadAll(`SELECT sum(x) FROM read_csv(${sqlString(other)})`)
    expect(Number(r.getRows()[0][0])).toBe(3)
    c.closeSync()
    db.closeSync()
  })
})

describe('expandGlob / directoryFiles', () => {
  const root = join(dir, 'data')
  for (const f of [
    'year=2024/a.parquet',
    'year=2024/b.parquet',
    'year=2025/c.parquet',
    'year=2025/.hidden.parquet',
    'year=2025/_SUCCESS',
    'top.csv',
  ]) {
    mkdirSync(join(root, f, '..'), {recursive: true})
    writeFileSync(join(root, f), '')
  }

  it('* ? [..] within a segment, ** across directories, hidden and _ files left out, sorted', () => {
    expect(expandGlob(join(root, 'year=*/*.parquet'))).toEqual(
      ['year=2024/a.parquet', 'year=2024/b.parquet', 'year=2025/c.parquet'].map((f) => join(root, f)),
    )
    expect(expandGlob(join(root, 'year=202[5]/?.parquet'))).toEqual([join(root, 'year=2025/c.parquet')])
    expect(expandGlob(join(root, '**/*.parquet'))).toHaveLength(3)
    expect(expandGlob(join(root, '*.parquet'))).toEqual([])
    expect(directoryFiles(root)).toEqual(
      ['top.csv', 'year=2024/a.parquet', 'year=2024/b.parquet', 'year=2025/c.parquet'].map((f) => join(root, f)),
    )
  })
})
