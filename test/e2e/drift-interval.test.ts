/**
 * The drift gates on the upper end of each numeric column's 95 % bootstrap interval (--max-column-w1-normed-upper,
 * --max-psi-upper), end to end on fixtures/drift (column b is shifted in Q; a and c are not).
 */
import {describe, expect, it} from 'vitest'
import {runCli, withoutTiming} from '../helpers/cli.js'

const p = 'fixtures/drift/p.csv',
  q = 'fixtures/drift/q.parquet'

describe('drift interval gates', () => {
  it('fail (exit 1) when a column’s upper bound is above the threshold, pass (exit 0) when every one is below', () => {
    const fail = runCli(['drift', p, q, '--max-column-w1-normed-upper', '0.5', '--json'])
    expect(fail.code, fail.stderr).toBe(1)
    const doc = JSON.parse(fail.stdout)
    const b = doc.drift.columns.find((c: {name: string}) => c.name === 'b')
    expect(b.w1NormedInterval).toMatchObject({level: 0.95, method: 'percentile bootstrap', resamples: 199, seed: 42})
    expect(b.w1NormedInterval.lower).toBeLessThan(b.w1Normed)
    expect(b.w1NormedInterval.upper).toBeGreaterThan(b.w1Normed)
    const gate = doc.gates.find((g: {name: string}) => g.name === 'maxColumnW1NormedUpper')
    expect(gate).toMatchObject({threshold: 0.5, value: b.w1NormedInterval.upper, passed: false})
    const pass = runCli(['drift', p, q, '--max-column-w1-normed-upper', '1', '--max-psi-upper', '1'])
    expect(pass.code, pass.stderr).toBe(0)
    expect(pass.stdout).toMatch(/maxPsiUpper\s*│ ≤ 1\s*│ [\d.]+\s*│ pass/)
  }, 60_000)

  it('--bootstrap B without a gate adds the intervals to the JSON and the details; --threads 1 and 2 agree', () => {
    const args = ['drift', p, q, '--bootstrap', '99', '--seed', '5', '--json']
    const one = runCli([...args, '--threads', '1']),
      two = runCli([...args, '--threads', '2'])
    expect(one.code, one.stderr).toBe(0)
    expect(withoutTiming(two.stdout)).toEqual(withoutTiming(one.stdout))
    for (const c of JSON.parse(one.stdout).drift.columns.filter((c: {kind: string}) => c.kind === 'numeric'))
      expect(c.psiInterval, c.name).toMatchObject({resamples: 99, seed: 5})
    const table = runCli(['drift', p, q, '--bootstrap', '99', '--verbose'])
    expect(table.stdout).toMatch(/w1\/σP [\d.]+ \(95 %: [\d.]+–[\d.]+\)/)
  }, 60_000)

  it('not evaluated (exit 2) when an interval is missing: the DuckDB engine, or resamples over the time budget', () => {
    const duck = runCli(['drift', p, q, '--engine', 'duckdb', '--max-psi-upper', '1'])
    expect(duck.code).toBe(2)
    expect(duck.stderr).toMatch(
      /gate maxPsiUpper ≤ 1 not evaluated \(exit 2\): column \w+ has no bootstrap interval of psi: the duckdb engine .*use --engine memory/,
    )
    const slow = runCli(['drift', p, q, '--max-column-w1-normed-upper', '1'], {env: {DIVERGENCE_MAX_SECONDS: '0.001'}})
    expect(slow.code).toBe(2)
    expect(slow.stderr).toMatch(
      /199 bootstrap resamples of 3 numeric columns would take about .*use fewer resamples \(--bootstrap \d+\)/,
    )
  }, 60_000)

  it('bad counts: --bootstrap 1, 0 or text is one line naming the flag, exit 2', () => {
    for (const bad of ['1', '0', 'ten']) {
      const r = runCli(['drift', p, q, '--bootstrap', bad])
      expect(r.code, bad).toBe(2)
      expect(r.stderr.trim().split('\n'), bad).toHaveLength(1)
      expect(r.stderr, bad).toMatch(/--bootstrap/)
    }
  })
})
