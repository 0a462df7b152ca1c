import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {BIN, ROOT, runCli} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-e2e-'))

describe('divergence info', () => {
  it('prints a table for people with no ANSI codes when piped', () => {
    const r = runCli(['info', 'fixtures/interop/samples_snappy.parquet'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('500 × 6')
    expect(r.stdout).toMatch(/label\s*│ not used: not numeric/)
    expect(r.stdout).not.toMatch(/\x1b\[/)
    // Two lines on stderr: the text column left out (issue 19: every left-out column is named with its reason),
    // and `id` (0..499) named as a likely row id.
    expect(r.stderr).toMatch(
      /^warning: [^\n]*not numeric, left out: 'label' \(string\)\nwarning: [^\n]*column 'id' holds the integers 0\.\.499 in order: likely a row id[^\n]*\n$/,
    )
  })

  it('an embedding file whose only scalar column is a row id: one warning line names the id and the skipped list columns', () => {
    const r = runCli(['info', 'fixtures/interop/embedding.parquet'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('500 × 1')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/column 'id' holds the integers 0\.\.499 in order: likely a row id/)
    expect(lines[0]).toMatch(
      /only feature: list columns 'embedding', 'vec3' are not read unless named: use --column embedding/,
    )
    // Named, the list column is the points and nothing is said.
    expect(runCli(['info', 'fixtures/interop/embedding.parquet', '--column', 'embedding']).stderr).toBe('')
  })

  it('--json follows the divergence/v1 keys', () => {
    const r = runCli(['info', 'fixtures/interop/embedding.parquet', '--column', 'embedding', '--json'])
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.schema).toBe('divergence/v1')
    expect(doc.command).toBe('info')
    expect(doc.info).toMatchObject({format: 'parquet', rows: 500, n: 500, d: 16})
    const emb = doc.info.columns.find((c: {name: string}) => c.name === 'embedding')
    // fixtures/interop/expected.json: embedding_sum.
    expect(emb.sum).toBeCloseTo(16.466720643817098, 9)
    expect(emb.used).toBe(true)
  })

  it('reads an Arrow stream from stdin', () => {
    const r = runCli(['info', '-', '--json'], {input: readFileSync(join(ROOT, 'fixtures/interop/samples.arrows'))})
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).info).toMatchObject({format: 'arrow', rows: 500, d: 6})
  })

  it('inspects a file with bad numbers instead of refusing it, and names the row, column and value of the first', () => {
    const r = runCli(['info', 'fixtures/interop/bad_values.csv', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).info).toMatchObject({rows: 6, n: 1, dropped: 5, missingRows: 5})
    expect(r.stderr.trim()).toBe(
      "warning: fixtures/interop/bad_values.csv: 5 of 6 rows hold a missing or non-finite value (the first: data row 2: column 'x1' has 'NaN', not a finite number); they are left out of the matrix shown, and a comparison refuses them unless given --drop-missing",
    )
    const w1 = runCli(['w1', 'fixtures/interop/bad_values.csv', 'fixtures/interop/bad_values.csv'])
    expect(w1.code).toBe(2)
    expect(w1.stderr.trim()).toBe(
      "Error: fixtures/interop/bad_values.csv, data row 2: column 'x1' has 'NaN', not a finite number; fix the file or pass --drop-missing to skip such rows",
    )
  })

  it('--drop-missing reads what is left and warns on stderr', () => {
    const r = runCli(['info', 'fixtures/interop/bad_values.csv', '--drop-missing', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).info).toMatchObject({rows: 6, n: 1, dropped: 5})
    expect(r.stderr).toMatch(/warning: .*dropped 5 of 6 rows/)
  })
})

describe('divergence gen', () => {
  it('--output-format parquet without --out writes Parquet to stdout (not CSV); gen takes no report --format', () => {
    const r = spawnSync(process.execPath, [BIN, 'gen', 'gaussians', '-n', '40', '--output-format', 'parquet'], {
      env: {...process.env, NO_COLOR: '1'},
    })
    expect(r.status, String(r.stderr)).toBe(0)
    expect(r.stdout.subarray(0, 4).toString('latin1')).toBe('PAR1')
    expect(r.stdout.subarray(-4).toString('latin1')).toBe('PAR1')
    const back = runCli(['info', '-', '--input-format', 'parquet', '--json'], {input: r.stdout})
    expect(back.code, back.stderr).toBe(0)
    expect(JSON.parse(back.stdout).info).toMatchObject({format: 'parquet', rows: 40, d: 2})
    const format = runCli(['gen', 'gaussians', '--format', 'json'])
    expect(format.code).toBe(2)
    expect(format.stderr).toMatch(/Nonexistent flag: --format/)
  })

  it('--json without --out is refused in one line (stdout carries the samples), and with --out prints the summary', () => {
    const r = runCli(['gen', 'gaussians', '-n', '5', '--json'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/--json needs --out/)
    const ok = runCli(['gen', 'gaussians', '-n', '5', '--json', '--out', join(dir, 'summary.csv')])
    expect(ok.code, ok.stderr).toBe(0)
    expect(JSON.parse(ok.stdout).gen).toMatchObject({name: 'gaussians', format: 'csv'})
    expect(runCli(['gen', '-h']).stdout.replace(/\s+/g, ' ')).toContain('so it needs --out')
  })

  const formats = ['csv', 'tsv', 'arrow', 'parquet']
  beforeAll(() => {
    for (const f of formats) {
      const r = runCli(['gen', 'gaussians', '--dim', '3', '-n', '50', '--seed', '9', '--out', join(dir, `g.${f}`)])
      expect(r.code, r.stderr).toBe(0)
    }
  }, 60_000) // four CLI start-ups: over vitest's 10 s hook limit on a loaded machine

  it('writes the same numbers in every format (gen → info round trip, bit for bit)', () => {
    const sums = formats.map((f) =>
      JSON.parse(runCli(['info', join(dir, `g.${f}`), '--json']).stdout).info.columns.map(
        (c: {sum: number; min: number}) => [c.sum, c.min],
      ),
    )
    for (const s of sums.slice(1)) expect(s).toEqual(sums[0])
  })

  it('is byte-identical for the same seed and differs for another', () => {
    const a = runCli(['gen', 'ring', '-n', '20', '--seed', '1']).stdout
    const b = runCli(['gen', 'ring', '-n', '20', '--seed', '1']).stdout
    const c = runCli(['gen', 'ring', '-n', '20', '--seed', '2']).stdout
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it('parallel-lines with one seed shares Z across θ (WGAN Example 1)', () => {
    const l0 = runCli(['gen', 'parallel-lines', '--theta', '0', '-n', '5']).stdout.trim().split('\n').slice(1)
    const l1 = runCli(['gen', 'parallel-lines', '--theta', '1.5', '-n', '5']).stdout.trim().split('\n').slice(1)
    l0.forEach((row, i) => {
      const [x0, z0] = row.split(',').map(Number)
      const [x1, z1] = l1[i].split(',').map(Number)
      expect([x0, x1]).toEqual([0, 1.5])
      expect(z1).toBe(z0)
    })
  })

  it('refuses unknown names, bad sizes and unknown extensions with one line and exit 2', () => {
    for (const args of [
      ['gen', 'nope'],
      ['gen', 'ring', '--drop', '8'],
      ['gen', 'gaussians', '--out', join(dir, 'x.xlsx')],
      ['gen', 'gaussians', '-n', '0'],
      ['gen', 'gaussians', '--shift', 'abc'],
    ]) {
      const r = runCli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1)
    }
  })

  it('refuses a negative standard deviation (--scale, --spread, --noise) instead of silently using its absolute value', () => {
    for (const [name, flag] of [
      ['gaussians', '--scale'],
      ['ring', '--spread'],
      ['swiss-roll', '--noise'],
    ]) {
      const r = runCli(['gen', name, flag, '-1', '-n', '3'])
      expect(r.code, `${name} ${flag}`).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim()).toBe(`Error: ${flag} is a standard deviation and must be ≥ 0, got -1`)
    }
    expect(runCli(['gen', 'swiss-roll', '--noise', '0', '-n', '3']).code).toBe(0)
  })
})
