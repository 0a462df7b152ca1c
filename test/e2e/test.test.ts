import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, withoutTiming} from '../helpers/cli.js'

const real = 'fixtures/examples/real.csv',
  generated = 'fixtures/examples/generated.csv'
const dir = mkdtempSync(join(tmpdir(), 'divergence-test-'))
const p16 = join(dir, 'p16.parquet'),
  q16 = join(dir, 'q16.parquet')

beforeAll(() => {
  // Issue 20's 16-D shift: 5 000 vs 5 000 standard normal, Q shifted by 0.15 on its first axis (gen, seeded).
  for (const [file, args] of [
    [p16, ['--seed', '1']],
    [q16, ['--seed', '2', '--shift', '0.15']],
  ] as const) {
    const r = runCli(['gen', 'gaussians', '--dim', '16', '-n', '5000', ...args, '-o', file])
    expect(r.code, r.stderr).toBe(0)
  }
})

describe('divergence test', () => {
  it('finds the 16-D shift (5 000 vs 5 000, 0.15 on one axis) at p ≤ 0.01; --min-p-value 0.01 exits 1', () => {
    const r = runCli(['test', p16, q16, '--tests', 'energy', '--permutations', '199', '--min-p-value', '0.01'])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toMatch(/^energy [\d.]+, p = 0\.005 \(≤, the floor of 199 relabellings\)/)
    expect(r.stdout).toMatch(/pValue\s*│ ≥ 0\.01\s*│ 0\.005\s*│ FAIL/)
  }, 240_000)

  it('compare --min-p-value 0.01 adds the test part and fails on the 16-D shift', () => {
    const r = runCli([
      'compare',
      p16,
      q16,
      '--only',
      'test',
      '--permutations',
      '199',
      '--min-p-value',
      '0.01',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(1)
    const doc = JSON.parse(r.stdout)
    expect(doc.parts).toEqual(['test'])
    expect(doc.test.tests[0]).toMatchObject({name: 'energy', pValue: 0.005, permutations: 199, pValueFloor: 0.005})
    expect(doc.gates[0]).toMatchObject({name: 'pValue', threshold: 0.01, value: 0.005, passed: false})
  }, 240_000)

  it('JSON: one entry per test with statistic, p, floor, seed and the MMD bandwidth; a table row per test', () => {
    const r = runCli([
      'test',
      real,
      generated,
      '--tests',
      'energy,mmd,w1',
      '--permutations',
      '99',
      '--w1-permutations',
      '19',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    const tests = JSON.parse(r.stdout).test.tests
    expect(tests.map((t: {name: string}) => t.name)).toEqual(['energy', 'mmd', 'w1'])
    for (const t of tests) {
      expect(t.pValue).toBeGreaterThanOrEqual(t.pValueFloor)
      expect(t.seed).toBe(42)
    }
    expect(tests[0]).toMatchObject({permutations: 99, pValueFloor: 0.01})
    expect(tests[1].bandwidth).toBeGreaterThan(0)
    expect(tests[2]).toMatchObject({permutations: 19, pValueFloor: 0.05, statistic: 0.5789570155871954})
    const table = runCli(['test', real, generated, '--permutations', '99'])
    expect(table.stdout).toMatch(/energy distance E\s*│/)
    expect(table.stdout).toMatch(/MMD² \(unbiased, Gaussian\)\s*│/)
  }, 120_000)

  it('is byte-identical for any --threads and run to run, in float64 and in the float32 tiles (> 4 096 points)', () => {
    const args = ['test', real, generated, '--permutations', '99', '--json']
    const a = runCli([...args, '--threads', '1']),
      b = runCli([...args, '--threads', '2'])
    expect(withoutTiming(a.stdout)).toEqual(withoutTiming(b.stdout))
    // 5 000 + 5 000 points: the relabellings run on the WebAssembly tiles, split over the worker pool.
    const tiles = ['test', p16, q16, '--permutations', '49', '--json']
    const c = runCli([...tiles, '--threads', '1']),
      d = runCli([...tiles, '--threads', '2'])
    expect(c.code, c.stderr).toBe(0)
    expect(JSON.parse(c.stdout).test.tests[0].nullPrecision).toBe('float32')
    expect(withoutTiming(c.stdout)).toEqual(withoutTiming(d.stdout))
  }, 240_000)

  it('constant sets: zero distances give a stated result (E = 0, p = 1), exit 0, never NaN', () => {
    const file = join(dir, 'const.csv')
    writeFileSync(file, `a,b\n${'1,2\n'.repeat(12)}`)
    const r = runCli(['test', file, file, '--permutations', '19', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).not.toMatch(/NaN/)
    const [energy, mmd] = JSON.parse(r.stdout).test.tests
    expect(energy).toMatchObject({statistic: 0, pValue: 1})
    expect(mmd).toMatchObject({statistic: 0, pValue: 1, bandwidth: 0})
    expect(energy.note).toMatch(/coincides/)
  })

  it('bad input: one line on stderr naming what to change, exit 2', () => {
    const small = join(dir, 'small.csv')
    writeFileSync(small, 'x0,x1\n1,2\n3,4\n5,6\n')
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [['--permutations', '0'], /--permutations must be a whole number ≥ 1.*got '0'/],
      [['--permutations', '1.5'], /--permutations must be a whole number ≥ 1.*got '1\.5'/],
      [['--permutations', 'ten'], /--permutations must be a whole number/],
      [['--w1-permutations', '-3', '--tests', 'w1'], /--w1-permutations must be a whole number/],
      [['--tests', 'ks'], /--tests: unknown test 'ks'; choose from energy, mmd, w1/],
      [
        ['--tests', 'w1', '--w1-permutations', '99'],
        /W1 permutation null .* would take about .*--w1-permutations 24/,
        {DIVERGENCE_MAX_SECONDS: '0.5'},
      ],
    ]
    for (const [extra, message, env] of cases) {
      const r = runCli(['test', real, generated, ...extra], {env})
      expect(r.code, `${extra.join(' ')}: ${r.stderr}`).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(message)
    }
    const tooSmall = runCli(['test', small, real])
    expect(tooSmall.code).toBe(2)
    expect(tooSmall.stderr).toMatch(/needs at least 5 points in each set \(P has 3/)
  }, 120_000)

  it("compare's W1 baseline is W1's permutation null at the sizes of P and Q, in the summary and the W1 table", () => {
    const r = runCli([
      'compare',
      real,
      generated,
      '--only',
      'w1',
      '--max-w1-ratio',
      '3',
      '--w1-permutations',
      '9',
      '--verbose',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.split('\n')[0]).toMatch(
      /^W1 0\.578957 \(exact\) vs [\d.]+ under no difference \(95 %: [\d.]+\), p = 0\.1/,
    )
    expect(r.stdout).toMatch(/W1 under no difference \(permutation null at 500 vs 500\)/)
    const doc = JSON.parse(
      runCli(['compare', real, generated, '--only', 'w1', '--baseline', '--w1-permutations', '9', '--json']).stdout,
    )
    expect(doc.baseline.w1).toMatchObject({permutations: 9, pValueFloor: 0.1, pValue: 0.1, method: 'exact'})
    expect(doc.baseline.w1.value).toBe(doc.baseline.w1.median)
    expect(doc.baseline.w1.q95).toBeGreaterThanOrEqual(doc.baseline.w1.median)
  }, 120_000)
})
