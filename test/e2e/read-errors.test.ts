/**
 * Reader errors as a user meets them: every bad file in fixtures/bad (made by fixtures/bad/make.mjs) and every bad
 * reader flag exits 2 with exactly one `Error:` line on stderr that names the file and the problem and says what to
 * do, and nothing on stdout. The messages are pinned here because scripts and people read them.
 */
import {execFile} from 'node:child_process'
import {mkdirSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {BIN, ROOT, runCli} from '../helpers/cli.js'

/** runCli, but asynchronous, so that the cases below run a few at a time (each is a Node start-up). */
function runCliAsync(args: string[]): Promise<{stdout: string; stderr: string; code: number}> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {cwd: ROOT, env: {...process.env, NO_COLOR: '1'}, timeout: 120_000},
      (error, stdout, stderr) => {
        resolve({stdout, stderr, code: error ? Number((error as {code?: number}).code ?? -1) : 0})
      },
    )
  })
}

const bad = (name: string) => `fixtures/bad/${name}`

/** [arguments after `divergence`, what the one stderr line must match] */
const cases: Record<string, [string[], RegExp]> = {
  'empty file': [
    ['info', bad('empty.csv')],
    /^Error: fixtures\/bad\/empty\.csv is empty: a header row and at least one data row are needed$/,
  ],
  'only blank lines': [['info', bad('blank-lines.csv')], /blank-lines\.csv is empty/],
  'header only': [['info', bad('header-only.csv')], /header-only\.csv has a header but no data rows/],
  // info inspects files with missing values instead of refusing them (info.test.ts); a comparison refuses them.
  'NaN value': [
    ['w1', bad('nan.csv'), bad('good.csv')],
    /nan\.csv, data row 2: column 'y' has 'NaN', not a finite number; fix the file or pass --drop-missing/,
  ],
  'text in a numeric column': [
    ['w1', bad('text-value.csv'), bad('good.csv')],
    /text-value\.csv, data row 3: column 'x' has 'five', not a finite number/,
  ],
  'no numeric column': [
    ['info', bad('no-numeric.csv')],
    /no-numeric\.csv has no numeric column to compare \(columns: name string, city string\)/,
  ],
  'ragged row': [
    ['info', bad('ragged.csv')],
    /ragged\.csv: data row 2 has 3 fields but the header has 2; check the quoting, or the delimiter/,
  ],
  'duplicate header': [
    ['info', bad('duplicate-header.csv')],
    /column name 'x' appears twice in the header; rename one of them/,
  ],
  'CSV named .parquet': [
    ['info', bad('csv-named.parquet')],
    /csv-named\.parquet has a \.parquet extension but does not start like one.*--input-format/,
  ],
  'unknown extension': [
    ['info', bad('data.xyz')],
    /cannot tell the format of fixtures\/bad\/data\.xyz from its extension; give --input-format/,
  ],
  'random bytes as Parquet': [
    ['info', bad('random.parquet')],
    /random\.parquet has a \.parquet extension but does not start like one/,
  ],
  'random bytes as Arrow': [
    ['info', bad('random.arrow')],
    /random\.arrow has a \.arrow extension but does not start like one/,
  ],
  'corrupt Arrow body': [['info', bad('corrupt.arrow')], /corrupt\.arrow is not a readable Arrow IPC file or stream/],
  'corrupt Parquet footer': [
    ['info', bad('corrupt.parquet')],
    /corrupt\.parquet is not a readable Parquet file .*truncated/,
  ],
  'truncated Parquet': [
    ['info', 'fixtures/interop/truncated.parquet'],
    /truncated\.parquet is not a readable Parquet file/,
  ],
  'missing file': [['info', bad('nope.csv')], /fixtures\/bad\/nope\.csv: no such file; check the path/],
  'forced format contradicts the bytes': [
    ['info', bad('good.csv'), '--input-format', 'arrow'],
    /good\.csv does not start like an Arrow IPC file or stream, yet --input-format arrow was given/,
  ],
  'unknown --columns name': [
    ['info', bad('good.csv'), '--columns', 'x,q'],
    /good\.csv has no column 'q'; its columns are: x, y/,
  ],
  '--column on a scalar column': [
    ['info', bad('good.csv'), '--column', 'x'],
    /--column x is not a list or fixed-size-list column/,
  ],
  'vectors of different lengths': [
    ['info', bad('ragged-list.arrow'), '--column', 'vec'],
    /column 'vec' has vectors of length 2 and 3 \(data row 3\); every row must have the same length/,
  ],
  'weights summing to zero': [
    ['info', bad('weights-zero.csv'), '--weights', 'w'],
    /weights in 'w' sum to 0; at least one must be positive/,
  ],
  'negative weight': [['info', bad('weights-negative.csv'), '--weights', 'w'], /data row 2: weight -0\.5 is negative/],
  'different dimensions': [
    ['w1', bad('good.csv'), bad('three-cols.csv')],
    /P \(fixtures\/bad\/good\.csv\) and Q \(fixtures\/bad\/three-cols\.csv\) have different numeric columns \(only in Q: 'z'\); pick the columns to compare with --columns, or leave some out with --exclude/,
  ],
  'different column names': [
    ['w1', bad('good.csv'), bad('other-names.csv')],
    /P \(.*\) and Q \(.*\) have different numeric columns \(only in P: 'x', 'y'; only in Q: 'a', 'b'\); pick the columns to compare with --columns/,
  ],
  'one row where two are needed': [
    ['w1', bad('one-row.csv'), bad('good.csv')],
    /P \(fixtures\/bad\/one-row\.csv\) has 1 row; at least 2 are needed/,
  ],
  'both sets on stdin': [['w1', '-', '-'], /only one of P and Q can be read from stdin/],
}

describe.concurrent('bad input to the readers: exit 2, one line, nothing on stdout', () => {
  for (const [name, [args, message]] of Object.entries(cases)) {
    it(name, async () => {
      const r = await runCliAsync(args)
      expect(r.code, r.stderr).toBe(2)
      expect(r.stdout).toBe('')
      const lines = r.stderr.split('\n').filter((l) => l.trim() !== '')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^Error: /)
      expect(lines[0]).toMatch(message)
    })
  }

  it('a directory with no data file in it (a directory is read through DuckDB as a hive layout)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'divergence-read-')), 'data.csv')
    mkdirSync(dir)
    const r = runCli(['info', dir])
    expect([r.code, r.stdout, r.stderr.trim()]).toEqual([
      2,
      '',
      `Error: ${dir} is a directory with no data files in it`,
    ])
  })

  it('a file larger than the memory budget: sampled through DuckDB, refused when the budget holds no 2 rows', () => {
    // good.csv is 20 bytes; CSV parsing is budgeted at 3 bytes per byte of file (src/io/read.ts PARSE_COST). Over
    // 60 B it goes to DuckDB, whose sample holds budget / (24 × columns) rows: fewer than 2 at 10 B.
    const r = runCli(['info', bad('good.csv')], {env: {DIVERGENCE_MAX_BYTES: '10'}})
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim()).toMatch(
      /^Error: fixtures\/bad\/good\.csv: the 10 B memory budget holds fewer than 2 rows of its 2 columns; raise DIVERGENCE_MAX_BYTES$/,
    )
    // The same file within budget reads in memory.
    expect(runCli(['info', bad('good.csv')], {env: {DIVERGENCE_MAX_BYTES: '60'}}).code).toBe(0)
    // An Arrow file over the budget (DuckDB does not read Arrow) is still refused before it is read.
    const r2 = runCli(['info', join(ROOT, 'fixtures/examples/real.arrow')], {env: {DIVERGENCE_MAX_BYTES: '10'}})
    expect(r2.code).toBe(2)
    expect(r2.stderr.trim()).toMatch(/needs about .* to read, more than the 10 B budget .*--sample N/)
  })
})
