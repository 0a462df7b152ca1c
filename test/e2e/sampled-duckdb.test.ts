/**
 * The multivariate commands on inputs over the memory budget, end to end (src/io/duckdb/sampled.ts): read through
 * DuckDB as the seeded `--sample N` draw, N what the budget holds unless given, said on stderr and in `p.sampling` /
 * `q.sampling` (the JSON validates against schema/divergence-v1.json); the numbers are those of the in-memory
 * engine's `--sample N` run on the same files. A pattern over 16 files and a hive directory with `--by` give the JSON
 * of the same rows in one file. Same run twice: byte-identical.
 */
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli.js'

const validate = new Ajv2020({allErrors: true, strict: false}).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema/divergence-v1.json'), 'utf8')),
)
const real = join(ROOT, 'fixtures/examples/real.parquet')
const generated = join(ROOT, 'fixtures/examples/generated.parquet')
const realCsv = join(ROOT, 'fixtures/examples/real.csv')
const generatedCsv = join(ROOT, 'fixtures/examples/generated.csv')
/** 10 000 B over 2 columns: 10 000 / (8 bytes × 3 × 2) = 208 rows of each 500-row fixture. */
const small = {DIVERGENCE_MAX_BYTES: '10000'}

/** The document without what legitimately differs between the runs: timing, the warnings, the sampling record. */
function numbers(stdout: string) {
  const doc = JSON.parse(stdout)
  delete doc.timing
  delete doc.warnings
  for (const side of [doc.p, doc.q]) delete side.sampling
  return doc
}

describe('over the memory budget: the in-memory --sample numbers, said where the input is described', () => {
  for (const [command, extra] of [
    ['w1', []],
    ['jsd', []],
    ['fidelity', ['--only', 'fd']],
  ] as const)
    it(`${command}: p.sampling, the warning, and the in-memory --sample 208 run's numbers`, () => {
      const [p, q] = command === 'jsd' ? [realCsv, generatedCsv] : [real, generated]
      const duck = runCli([command, p, q, ...extra, '--json'], {env: small})
      expect(duck.code, duck.stderr).toBe(0)
      const doc = JSON.parse(duck.stdout)
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
      for (const side of [doc.p, doc.q])
        expect(side.sampling).toMatchObject({engine: 'duckdb', rows: 500, dropped: 0, eligible: 500, n: 208, seed: 42})
      expect(duck.stderr).toMatch(
        /over the memory budget .*read through DuckDB, a seeded uniform sample of 208 of its 500 rows/,
      )
      const memory = runCli([command, p, q, ...extra, '--sample', '208', '--json'])
      expect(memory.code, memory.stderr).toBe(0)
      expect(numbers(duck.stdout)).toEqual(numbers(memory.stdout))
    })

  it('info: the rows of the file, the matrix of the sample, info.sampling; the JSON validates', () => {
    const r = runCli(['info', real, '--json'], {env: small})
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
    expect([doc.info.rows, doc.info.n, doc.info.d]).toEqual([500, 208, 2])
    expect(doc.info.sampling).toMatchObject({engine: 'duckdb', rows: 500, n: 208})
  })

  it('--sample N and --seed are used as given; the same run twice is byte-identical', () => {
    const args = ['w1', real, generated, '--sample', '50', '--seed', '7', '--json']
    const a = runCli(args, {env: small})
    const b = runCli(args, {env: small})
    expect(a.code, a.stderr).toBe(0)
    const strip = (s: string) => s.replace(/"timing": \{[^}]*\}/, '')
    expect(strip(a.stdout)).toBe(strip(b.stdout))
    expect(JSON.parse(a.stdout).p.sampling).toMatchObject({n: 50, seed: 7})
    expect(numbers(a.stdout)).toEqual(numbers(runCli(args).stdout))
  })

  it('a --sample the budget cannot hold: exit 2, one line with the largest that fits', () => {
    const r = runCli(['w1', real, generated, '--sample', '400'], {env: small})
    expect([r.code, r.stdout]).toEqual([2, ''])
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/--sample 400 rows of 2 columns .* ask for at most 208/)
  })
})

describe('patterns and hive directories (within the budget: read whole through DuckDB)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'divergence-sampled-e2e-'))
  const lines = readFileSync(realCsv, 'utf8').trim().split('\n')
  const others = readFileSync(generatedCsv, 'utf8').trim().split('\n')
  // 16 files of real.csv's rows, in order; and one file of both with a group column, split into year=… folders.
  for (let k = 0; k < 16; k++)
    writeFileSync(
      join(dir, `part-${String(k).padStart(2, '0')}.csv`),
      `${[lines[0], ...lines.slice(1 + k * 32, 1 + Math.min(500, (k + 1) * 32))].join('\n')}\n`,
    )
  const both = join(dir, 'both.csv')
  writeFileSync(
    both,
    `${[`${lines[0]},year`, ...lines.slice(1).map((l) => `${l},2024`), ...others.slice(1).map((l) => `${l},2025`)].join('\n')}\n`,
  )
  for (const [year, rows] of [
    ['2024', lines.slice(1)],
    ['2025', others.slice(1)],
  ] as const) {
    mkdirSync(join(dir, 'hive', `year=${year}`), {recursive: true})
    for (let k = 0; k < 2; k++)
      writeFileSync(
        join(dir, 'hive', `year=${year}`, `part-${k}.csv`),
        `${[lines[0], ...rows.slice(k * 250, (k + 1) * 250)].join('\n')}\n`,
      )
  }

  it('a file whose name looks like a pattern (data[1].csv) is that file, in memory and through DuckDB', () => {
    const named = join(dir, 'data[1].csv')
    writeFileSync(named, readFileSync(realCsv))
    writeFileSync(join(dir, 'data1.csv'), readFileSync(generatedCsv))
    const memory = runCli(['w1', named, generatedCsv, '--json'])
    expect(memory.code, memory.stderr).toBe(0)
    expect(JSON.parse(memory.stdout).p.sampling).toBeUndefined()
    const duck = runCli(['w1', named, generatedCsv, '--json'], {env: small})
    expect(duck.code, duck.stderr).toBe(0)
    expect(JSON.parse(duck.stdout).p).toMatchObject({path: named, sampling: {rows: 500}})
    const file = runCli(['w1', realCsv, generatedCsv, '--json'], {env: small})
    expect(numbers(duck.stdout).w1).toEqual(numbers(file.stdout).w1)
    // drift through DuckDB too (DuckDB globs a path with [ in it: it is given the escaped form, allowed alone).
    const drift = runCli(['drift', named, generatedCsv, '--engine', 'duckdb', '--json', '--quiet'])
    expect(drift.code === 0 || drift.code === 1, drift.stderr).toBe(true)
    const inMemory = runCli(['drift', realCsv, generatedCsv, '--engine', 'memory', '--json', '--quiet'])
    expect(JSON.parse(drift.stdout).drift.columns).toEqual(JSON.parse(inMemory.stdout).drift.columns)
  })

  it('a pattern over 16 files gives the JSON of the one file', () => {
    const glob = runCli(['w1', join(dir, 'part-*.csv'), generatedCsv, '--json'])
    expect(glob.code, glob.stderr).toBe(0)
    const file = runCli(['w1', realCsv, generatedCsv, '--json'])
    const a = numbers(glob.stdout),
      b = numbers(file.stdout)
    a.p.path = b.p.path
    expect(a).toEqual(b)
  })

  it('a hive directory with --by year gives the JSON of the same rows in one file', () => {
    const hive = runCli(['w1', join(dir, 'hive'), '--by', 'year', '--json'])
    expect(hive.code, hive.stderr).toBe(0)
    const file = runCli(['w1', both, '--by', 'year', '--json'])
    expect(file.code, file.stderr).toBe(0)
    const a = numbers(hive.stdout),
      b = numbers(file.stdout)
    for (const side of ['p', 'q'] as const) a[side].path = b[side].path
    expect(a).toEqual(b)
  })
})
