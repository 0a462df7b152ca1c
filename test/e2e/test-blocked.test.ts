/**
 * The blocked energy/MMD estimator end to end: a 1 MiB --memory forces it on 400 + 400 points (the 800² float64 matrix
 * takes 4.9 MiB; 3 blocks of 268 points fit). Data from `divergence gen gaussians` (seeds 1, 2 and 3, fixed before the
 * first run): Q shifted by 0.5 on one axis of 8, R a second draw of P's distribution.
 */
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, withoutTiming} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-blocked-'))
const [p, q, r] = ['p', 'q', 'r'].map((name) => join(dir, `${name}.csv`))

beforeAll(() => {
  for (const [file, args] of [
    [p, ['--seed', '1']],
    [q, ['--seed', '2', '--shift', '0.5']],
    [r, ['--seed', '3']],
  ] as const) {
    const run = runCli(['gen', 'gaussians', '--dim', '8', '-n', '400', ...args, '-o', file])
    expect(run.code, run.stderr).toBe(0)
  }
})

describe('divergence test with the blocked estimator', () => {
  it('JSON says estimator blocked, 3 blocks and a standard error; the table and a warning say so; --threads 1 = 2', () => {
    const args = ['test', p, q, '--memory', '1M', '--permutations', '199', '--json']
    const one = runCli([...args, '--threads', '1'])
    const two = runCli([...args, '--threads', '2'])
    expect(one.code, one.stderr).toBe(0)
    expect(one.stderr).toMatch(
      /800 × 800 pooled distance matrix \(4\.9 MiB\) exceeds the memory budget of 1\.0 MiB.*3 blocks/,
    )
    const doc = withoutTiming(one.stdout)
    expect(withoutTiming(two.stdout)).toEqual(doc)
    for (const t of doc.test.tests) {
      expect(t, t.name).toMatchObject({estimator: 'blocked', blocks: 3, pValue: 0.005})
      expect(t.standardError, t.name).toBeGreaterThan(0)
    }
    const table = runCli(['test', p, q, '--memory', '1M', '--permutations', '199'])
    expect(table.stdout).toMatch(/^energy [\d.]+ \(blocked, 3 blocks\), p = 0\.005/)
    expect(table.stdout).toMatch(/blocked estimate over 3/)
    expect(table.stdout).toMatch(/standard error 0\.0\d+/)
  }, 60_000)

  it('--min-p-value 0.01: exit 1 on the shift, exit 0 on two draws of one distribution', () => {
    const shifted = runCli(['test', p, q, '--memory', '1M', '--permutations', '199', '--min-p-value', '0.01'])
    expect(shifted.code, shifted.stderr).toBe(1)
    const same = runCli(['test', p, r, '--memory', '1M', '--permutations', '199', '--min-p-value', '0.01', '--json'])
    expect(same.code, same.stderr).toBe(0)
    expect(JSON.parse(same.stdout).test.tests[0]).toMatchObject({estimator: 'blocked', blocks: 3})
  }, 60_000)

  it('compare --only test takes the same path; without --memory the full statistic', () => {
    const blocked = runCli(['compare', p, q, '--only', 'test', '--memory', '1M', '--permutations', '99', '--json'])
    expect(blocked.code, blocked.stderr).toBe(0)
    expect(JSON.parse(blocked.stdout).test.tests[0]).toMatchObject({name: 'energy', estimator: 'blocked', blocks: 3})
    const full = runCli(['compare', p, q, '--only', 'test', '--permutations', '99', '--json'])
    const t = JSON.parse(full.stdout).test.tests[0]
    expect(t).toMatchObject({name: 'energy', estimator: 'full', blocks: 1})
    expect(t.standardError).toBeUndefined()
  }, 60_000)

  it('a budget too small for blocks of 5 points: exit 2, one line naming --memory', () => {
    const run = runCli(['test', p, q, '--memory', '500'])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/fewer than 5 points.*raise --memory/)
  })
})
