/**
 * Valid but extreme inputs × every command: each run either exits 0 with JSON that validates against
 * the schema and holds only finite numbers, or exits 2 with one line saying why the question has no answer on these
 * data (and what to do). Never a NaN, an Infinity, a stack trace or a hang. A new case or command is one line below.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {beforeAll, describe, expect, it} from 'vitest'
import {createRng} from '../../src/core/stats/rng.js'
import {ROOT, runCliAsync, shared} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-extremes-'))
const f = (name: string) => join(dir, name)
const validate = new Ajv2020({allErrors: true, strict: false}).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema/divergence-v1.json'), 'utf8')),
)

/** Writes an n × d CSV whose cell (i, k) is `cell(i, k, rng)`, from a seeded generator (the files are the same every run). */
function writeCsv(
  name: string,
  n: number,
  d: number,
  cell: (i: number, k: number, normal: () => number) => number,
  seed: number,
): string {
  const rng = createRng(seed)
  const normal = () => rng.normal()
  const lines = [Array.from({length: d}, (_, k) => `x${k}`).join(',')]
  for (let i = 0; i < n; i++) lines.push(Array.from({length: d}, (_, k) => String(cell(i, k, normal))).join(','))
  writeFileSync(f(name), `${lines.join('\n')}\n`)
  return f(name)
}

interface Extreme {
  /** P, Q and extra flags for every command. */
  args: () => string[]
  /** Commands that cannot answer on these data, with the message they must give. Every other command must answer. */
  refuse?: Record<string, RegExp>
}

const extremes: Record<string, Extreme> = {
  'coordinates near 1e200': {
    args: () => [f('huge-p.csv'), f('huge-q.csv')],
    // V = E‖ε‖² = dσ² is not a float64 at σ ≈ 1e199; the message names the fix, which the next case shows works.
    refuse: {bound: /too large for float64.*--standardize/, compare: /too large for float64.*--standardize/},
  },
  // A reviewer saw "internal error … please report it" here; every command must answer (the bound is vast, not wrong).
  'coordinates near 1e200, --sigma 1': {args: () => [f('huge-p.csv'), f('huge-q.csv'), '--sigma', '1']},
  // C = diam + 2R ≈ 1.4e308, so 2C√JSD overflows: the bound was printed as Infinity and said to hold, and the
  // column means (sum ∞, then ∞ − ∞ in the compensation) were NaN: "internal error" in info and compare.
  'coordinates near 1e308, --sigma 1': {
    args: () => [f('top-p.csv'), f('top-q.csv'), '--sigma', '1'],
    refuse: {bound: /overflows float64.*--standardize/, compare: /overflows float64.*--standardize/},
  },
  'coordinates near 1e200, --standardize': {args: () => [f('huge-p.csv'), f('huge-q.csv'), '--standardize']},
  'coordinates near 1e-200': {args: () => [f('tiny-p.csv'), f('tiny-q.csv')]},
  'coordinates near 1e-200, --standardize': {args: () => [f('tiny-p.csv'), f('tiny-q.csv'), '--standardize']},
  'all points identical, P = Q': {
    args: () => [f('same.csv'), f('same.csv')],
    refuse: {bound: /same point.*give --sigma/, align: /identical.*no manifold/, compare: /same point.*give --sigma/},
  },
  'all points identical, --sigma given': {
    args: () => [f('same.csv'), f('same.csv'), '--sigma', '1'],
    refuse: {align: /identical.*no manifold/, compare: /identical.*no manifold/},
  },
  'three distinct points, many duplicates': {
    args: () => [f('dup-p.csv'), f('dup-q.csv')],
    refuse: {align: /distinct points/, compare: /distinct points/},
  },
  'a constant column, --standardize': {args: () => [f('const-p.csv'), f('const-q.csv'), '--standardize']},
  'n = 2 in each set': {
    args: () => [f('two-p.csv'), f('two-q.csv')],
    refuse: {
      align: /has 2 points.*give more points or smaller k/,
      compare: /has 2 points.*give more points or smaller k/,
    },
  },
  'd = 1000 with 30 points': {
    args: () => [f('wide-p.csv'), f('wide-q.csv')],
    refuse: {align: /only 30 points; give more points/, compare: /only 30 points; give more points/},
  },
  '10 points against 10 000': {args: () => [f('few.csv'), f('many.csv')]},
}

const commands = ['info', 'w1', 'jsd', 'bound', 'align', 'compare']

beforeAll(() => {
  writeCsv('huge-p.csv', 200, 2, (_i, _k, z) => z() * 1e200, 1)
  writeCsv('huge-q.csv', 200, 2, (_i, _k, z) => z() * 1e200 + 5e199, 2)
  // Two clusters ±0.6e308 apart on the first axis: every distance is finite, the diameter ≈ 1.4e308, JSD ≈ ln 2.
  writeCsv('top-p.csv', 100, 2, (_i, k, z) => ((k === 0 ? -0.6 : 0) + 0.03 * z()) * 1e308, 16)
  writeCsv('top-q.csv', 100, 2, (_i, k, z) => ((k === 0 ? 0.6 : 0) + 0.03 * z()) * 1e308, 17)
  writeCsv('tiny-p.csv', 200, 2, (_i, _k, z) => z() * 1e-200, 3)
  writeCsv('tiny-q.csv', 200, 2, (_i, _k, z) => z() * 1e-200 + 5e-201, 4)
  writeCsv('same.csv', 100, 2, () => 3.5, 5)
  writeCsv('dup-p.csv', 200, 2, (i) => [0, 1, 2][i % 3], 6)
  writeCsv('dup-q.csv', 200, 2, (i) => [0, 1, 3][i % 3], 7)
  writeCsv('const-p.csv', 200, 3, (_i, k, z) => (k === 1 ? 7 : z()), 8)
  writeCsv('const-q.csv', 200, 3, (_i, k, z) => (k === 1 ? 7 : z() + 0.5), 9)
  writeCsv('two-p.csv', 2, 2, (i, k) => i + k, 10)
  writeCsv('two-q.csv', 2, 2, (i, k) => i + k + 0.5, 11)
  writeCsv('wide-p.csv', 30, 1000, (_i, _k, z) => z(), 12)
  writeCsv('wide-q.csv', 30, 1000, (_i, _k, z) => z() + 0.1, 13)
  writeCsv('few.csv', 10, 2, (_i, _k, z) => z(), 14)
  writeCsv('many.csv', 10_000, 2, (_i, _k, z) => z() + 0.3, 15)
})

// Shared: info reads only P, so the cases that differ in Q or in flags info does not take run the same info once.
const run = shared((args: string[]) => runCliAsync([...args, '--json'], {timeoutMs: 90_000}))

/** Every number anywhere in the document, with its path, so a failure names the field. */
function numbers(value: unknown, path = '$'): [string, number][] {
  if (typeof value === 'number') return [[path, value]]
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`))
  return []
}

/** Flags that only some commands take (info reads one file and has no --standardize or --sigma). */
function argsFor(command: string, args: string[]): string[] {
  if (command === 'info') return [args[0]]
  const out = [args[0], args[1]]
  for (let i = 2; i < args.length; i++) {
    if (args[i] === '--sigma') {
      if (['jsd', 'bound', 'compare'].includes(command))
        out.push(...(command === 'jsd' ? ['--method', 'noisy'] : []), '--sigma', args[i + 1])
      i++
    } else out.push(args[i])
  }
  return out
}

describe('extreme but valid inputs: finite answers or a clear refusal', () => {
  for (const [name, extreme] of Object.entries(extremes)) {
    for (const command of commands) {
      const refusal = extreme.refuse?.[command]
      it.concurrent(`${command}: ${name} → ${refusal ? (command === 'compare' ? 'answered, the failing part with its reason' : 'refused') : 'answered'}`, async () => {
        const r = await run([command, ...argsFor(command, extreme.args())])
        if (refusal && command === 'compare') {
          // compare reports the parts it can and gives the failed part its reason: exit 0.
          expect(r.code, r.stderr).toBe(0)
          const doc = JSON.parse(r.stdout)
          expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
          const errors = ['w1', 'jsd', 'bound', 'align']
            .map((part) => doc[part]?.error)
            .filter((e): e is string => typeof e === 'string')
          expect(
            errors.some((e) => refusal.test(e)),
            JSON.stringify(errors),
          ).toBe(true)
          expect(errors.length).toBeLessThan(4)
          for (const [path, v] of numbers(doc)) expect(Number.isFinite(v), `${path} = ${v}`).toBe(true)
          return
        }
        if (refusal) {
          expect(r.code, r.stderr).toBe(2)
          expect(r.stdout).toBe('')
          const lines = r.stderr.split('\n').filter((l) => l.trim())
          expect(lines, r.stderr).toHaveLength(1)
          expect(lines[0]).toMatch(refusal)
          return
        }
        expect(r.code, r.stderr).toBe(0)
        expect(r.stderr).not.toMatch(/Error|NaN|Infinity|at .*\.js:\d+/)
        const doc = JSON.parse(r.stdout)
        expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
        for (const [path, v] of numbers(doc)) expect(Number.isFinite(v), `${path} = ${v}`).toBe(true)
      })
    }
  }
})

describe('scale: data × 1e±200 give the same answers, in the new units', () => {
  // W1 is homogeneous of degree 1 in the data, JSD and the alignment verdict are scale-free; rescaling by a power of
  // ten is not exact in binary, so agreement is to 1e-9 relative, not bit for bit.
  const summary = async (factor: number) => {
    const name = (side: string) => `scale-${factor}-${side}.csv`
    writeCsv(name('p'), 300, 2, (_i, _k, z) => z() * factor, 21)
    writeCsv(name('q'), 300, 2, (_i, k, z) => (z() + (k === 0 ? 0.7 : 0)) * factor, 22)
    const r = await run(['compare', f(name('p')), f(name('q')), '--only', 'w1,jsd,align'])
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    return {w1: doc.w1.value / factor, jsd: doc.jsd.value, verdict: doc.align.verdict, qOnP: doc.align.onManifold.qOnP}
  }
  it.concurrent('compare at 1, 1e200 and 1e-200', async () => {
    const [one, big, small] = await Promise.all([summary(1), summary(1e200), summary(1e-200)])
    expect(one.w1).toBeGreaterThan(0.5)
    expect(one.jsd).toBeGreaterThan(0.01)
    for (const other of [big, small]) {
      expect(Math.abs(other.w1 - one.w1)).toBeLessThan(1e-9 * one.w1)
      expect(Math.abs(other.jsd - one.jsd)).toBeLessThan(1e-9 * one.jsd)
      expect([other.verdict, other.qOnP]).toEqual([one.verdict, one.qOnP])
    }
  })
})
