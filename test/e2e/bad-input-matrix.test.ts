/**
 * The bad-input matrix: every command × every bad input ⇒ exit 2, exactly one line on stderr that
 * names the problem, nothing on stdout, no stack trace. A new command or a new bad input is one line below.
 */
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ROOT, runCliAsync} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-bad-'))
const f = (name: string) => join(dir, name)

/** A valid 2-column CSV with `rows` rows, deterministic. */
function goodCsv(rows: number, cols = ['x', 'y'], offset = 0): string {
  const lines = [cols.join(',')]
  for (let i = 0; i < rows; i++) lines.push(cols.map((_, k) => String(Math.sin(i * 1.7 + k) * 3 + offset)).join(','))
  return `${lines.join('\n')}\n`
}

beforeAll(() => {
  writeFileSync(f('good.csv'), goodCsv(30))
  writeFileSync(f('good2.csv'), goodCsv(30, ['x', 'y'], 0.5))
  writeFileSync(f('empty.csv'), '')
  writeFileSync(f('header-only.csv'), 'x,y\n')
  writeFileSync(f('one-row.csv'), 'x,y\n1,2\n')
  writeFileSync(f('three-cols.csv'), goodCsv(30, ['x', 'y', 'z']))
  writeFileSync(f('other-names.csv'), goodCsv(30, ['a', 'b']))
  writeFileSync(f('text-col.csv'), 'x,y,label\n1,2,a\n3,4,b\n5,6,c\n')
  writeFileSync(f('nan.csv'), 'x,y\n1,2\nNaN,3\n4,5\n')
  writeFileSync(f('inf.csv'), 'x,y\n1,2\ninf,3\n4,5\n')
  writeFileSync(f('empty-field.csv'), 'x,y\n1,2\n,3\n4,5\n')
  writeFileSync(f('overflow.csv'), 'x,y\n1,2\n1e309,3\n4,5\n')
  writeFileSync(f('negative-weights.csv'), 'x,y,w\n1,2,1\n3,4,-1\n5,6,1\n')
  writeFileSync(f('zero-weights.csv'), 'x,y,w\n1,2,0\n3,4,0\n5,6,0\n')
  const bytes = Buffer.alloc(4096)
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24
  writeFileSync(f('random.parquet'), bytes)
  writeFileSync(f('random.arrow'), bytes)
  writeFileSync(f('random.csv'), bytes)
  writeFileSync(f('corrupt.arrow'), Buffer.concat([Buffer.from('ARROW1\0\0'), bytes]))
  copyFileSync(join(ROOT, 'fixtures/interop/truncated.parquet'), f('truncated.parquet'))
  mkdirSync(f('a-directory'), {recursive: true})
})

/** Bad inputs as argument lists; `P` is where the bad file goes for two-set commands (Q is good.csv). */
const badFiles: Record<string, string[]> = {
  'missing file': [f('does-not-exist.csv')],
  'a directory': [f('a-directory')],
  'empty file': [f('empty.csv')],
  'header only': [f('header-only.csv')],
  'NaN value': [f('nan.csv')],
  'inf value': [f('inf.csv')],
  'empty field': [f('empty-field.csv')],
  'overflowing number': [f('overflow.csv')],
  'truncated Parquet': [f('truncated.parquet')],
  'corrupt Arrow': [f('corrupt.arrow')],
  'random bytes as Parquet': [f('random.parquet')],
  'random bytes as Arrow': [f('random.arrow')],
  'random bytes as CSV': [f('random.csv')],
  'wrong --input-format': [f('good.csv'), '--input-format', 'parquet'],
  'unknown column': [f('good.csv'), '--columns', 'x,nope'],
  'non-numeric column selected': [f('text-col.csv'), '--columns', 'x,label'],
  'negative weights': [f('negative-weights.csv'), '--weights', 'w'],
  'all-zero weights': [f('zero-weights.csv'), '--weights', 'w'],
}

/** Two-set problems: the arguments are the whole P Q part. */
const badPairs: Record<string, string[]> = {
  'mismatched dimensions': [f('good.csv'), f('three-cols.csv')],
  'different column names': [f('good.csv'), f('other-names.csv')],
  'a single row where two are needed': [f('one-row.csv'), f('good.csv')],
  'both inputs on stdin': ['-', '-'],
}

/** Invalid flag values per command (σ ≤ 0, k ≥ n, gap ≤ 0, …). */
const badFlags: Record<string, Record<string, string[]>> = {
  w1: {
    '--gap 0': ['--gap', '0'],
    '--gap -1': ['--gap', '-1'],
    // (upper − lower)/upper ≤ 1 always: a gap of 1 or 2 stopped Sinkhorn at once with a bracket that said nothing.
    '--gap 1': ['--gap', '1'],
    '--gap 2': ['--gap', '2'],
    '--p 3': ['--p', '3'],
    'unknown --method': ['--method', 'magic'],
  },
  jsd: {
    '--sigma 0 (noisy)': ['--method', 'noisy', '--sigma', '0'],
    'k ≥ n (knn)': ['--method', 'knn', '-k', '100'],
    'negative bandwidth': ['--bandwidth', '-1'],
    // 1/2σ² overflows: this was "internal error: a noisy draw fell outside its own component".
    '--sigma 1e200 (noisy)': ['--method', 'noisy', '--sigma', '1e200'],
  },
  bound: {'--sigma -1': ['--sigma', '-1'], '--sigma 1e308': ['--sigma', '1e308']},
  align: {'k ≥ n': ['-k', '100']},
  compare: {
    '--gap 0': ['--gap', '0'],
    '--gap 2': ['--gap', '2'],
    'unknown --only part': ['--only', 'w1,nope'],
    'non-numeric gate': ['--max-w1', 'abc'],
  },
}

// Every two-set command the build has (a new command joins the matrix by existing).
const pairCommands = ['w1', 'jsd', 'bound', 'align', 'compare'].filter((c) =>
  existsSync(join(ROOT, 'dist/commands', `${c}.js`)),
)

const MISSING_VALUES = new Set(['NaN value', 'inf value', 'empty field', 'overflowing number'])

interface Case {
  name: string
  args: string[]
}

const cases: Case[] = []
for (const [name, args] of Object.entries(badFiles)) {
  const [file, ...flags] = args
  // info inspects a file with missing values instead of refusing it (info.test.ts checks what it reports).
  if (!MISSING_VALUES.has(name)) cases.push({name: `info: ${name}`, args: ['info', file, ...flags]})
  for (const cmd of pairCommands) {
    cases.push({name: `${cmd}: ${name} (as P)`, args: [cmd, file, f('good.csv'), ...flags]})
  }
}
for (const cmd of pairCommands) {
  for (const [name, args] of Object.entries(badPairs)) cases.push({name: `${cmd}: ${name}`, args: [cmd, ...args]})
  for (const [name, flags] of Object.entries(badFlags[cmd] ?? {}))
    cases.push({name: `${cmd}: ${name}`, args: [cmd, f('good.csv'), f('good2.csv'), ...flags]})
}
cases.push({name: 'info: one-row file is fine for info', args: ['info', f('one-row.csv')]})

const run = (args: string[]) => runCliAsync(args)

describe('every bad input exits 2 with one clear line', () => {
  for (const c of cases) {
    if (c.name.startsWith('info: one-row')) {
      it.concurrent(c.name, async () => {
        const r = await run(c.args)
        expect(r.code, r.stderr).toBe(0)
      })
      continue
    }
    it.concurrent(c.name, async () => {
      const r = await run(c.args)
      expect(r.code, `stderr: ${r.stderr}\nstdout: ${r.stdout.slice(0, 300)}`).toBe(2)
      expect(r.stdout).toBe('')
      const lines = r.stderr.split('\n').filter((l) => l.trim().length > 0)
      expect(lines, r.stderr).toHaveLength(1)
      expect(lines[0]).toMatch(/^Error: /)
      expect(lines[0]).not.toMatch(/internal error|\bat .*\.js:\d+/)
    })
  }
})
