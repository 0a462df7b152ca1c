/**
 * compare's effect intervals and its --correction, end to end (built CLI): --max-w1-upper / --max-jsd-upper gate on
 * the upper end of a percentile bootstrap interval (src/core/twosample/w1-interval.ts), are not evaluated (exit 2)
 * when it cannot be computed, and the JSON is byte-identical for any --threads.
 */
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, runCliAsync, withoutTiming} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-interval-'))
const p1 = join(dir, 'p1.csv'),
  q1 = join(dir, 'q1.csv'),
  p2 = join(dir, 'p2.csv'),
  q2 = join(dir, 'q2.csv')

beforeAll(() => {
  // 1-D: N(0, 1) against N(0.5, 1), 300 points each (true W1 = 0.5); 2-D: 120 points, shift 0.5 on the first axis.
  for (const [file, args] of [
    [p1, ['--dim', '1', '-n', '300', '--seed', '1']],
    [q1, ['--dim', '1', '-n', '300', '--seed', '2', '--shift', '0.5']],
    [p2, ['--dim', '2', '-n', '120', '--seed', '3']],
    [q2, ['--dim', '2', '-n', '120', '--seed', '4', '--shift', '0.5']],
  ] as const) {
    const r = runCli(['gen', 'gaussians', ...args, '-o', file])
    expect(r.code, r.stderr).toBe(0)
  }
}, 60_000)

describe('compare --max-w1-upper', () => {
  it('reports the interval in the JSON and the W1 table, and gates on its upper end', () => {
    const r = runCli(['compare', p1, q1, '--only', 'w1', '--max-w1-upper', '2', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    const i = j.w1.interval
    expect(i).toMatchObject({level: 0.95, method: 'percentile bootstrap', resamples: 199, seed: 42})
    expect(i.lower).toBeLessThan(j.w1.value)
    expect(i.upper).toBeGreaterThan(j.w1.value)
    expect(j.gates[0]).toMatchObject({name: 'w1Upper', threshold: 2, value: i.upper, passed: true})
    // A threshold between the estimate and the interval's upper end fails: the gate reads the bound, not the value.
    const mid = (j.w1.value + i.upper) / 2
    const f = runCli(['compare', p1, q1, '--only', 'w1', '--max-w1-upper', String(mid), '--verbose'])
    expect(f.code, f.stderr).toBe(1)
    expect(f.stdout).toMatch(/95 % interval, upper/)
    expect(f.stdout).toMatch(/not its bias/)
  }, 60_000)

  it('is byte-identical for --threads 1 and 2 (2-D exact solves)', () => {
    const args = ['compare', p2, q2, '--only', 'w1', '--w1-bootstrap', '39', '--max-w1-upper', '5', '--json']
    const a = runCli([...args, '--threads', '1'])
    const b = runCli([...args, '--threads', '2'])
    expect(a.code, a.stderr).toBe(0)
    expect(b.code, b.stderr).toBe(0)
    expect(JSON.stringify(withoutTiming(b.stdout))).toBe(JSON.stringify(withoutTiming(a.stdout)))
    expect(JSON.parse(a.stdout).w1.interval.resamples).toBe(39)
  }, 120_000)

  it('is not evaluated (exit 2) when the bootstrap would exceed the time budget, naming --w1-bootstrap', () => {
    const r = runCli(['compare', p2, q2, '--only', 'w1', '--max-w1-upper', '5', '--w1-bootstrap', '100000', '--json'], {
      env: {DIVERGENCE_MAX_SECONDS: '1'},
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /gate w1Upper ≤ 5 not evaluated \(exit 2\): W1's bootstrap interval was not computed: .*--w1-bootstrap \d+/,
    )
    const j = JSON.parse(r.stdout)
    expect(j.w1.interval.skipped).toMatch(/would take about/)
    expect(j.gates[0]).toMatchObject({name: 'w1Upper', value: null, passed: false})
  })

  it('refuses --w1-bootstrap 0, 1 and non-integers with one line (exit 2)', async () => {
    // Four independent processes, run at once (in series they passed the 60 s timeout on a loaded machine).
    const values = ['0', '1', '2.5', 'ten']
    const results = await Promise.all(
      values.map((bad) => runCliAsync(['compare', p1, q1, '--only', 'w1', '--w1-bootstrap', bad])),
    )
    for (const [i, r] of results.entries()) {
      const bad = values[i]
      expect(r.code, bad).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(/--w1-bootstrap/)
    }
  })
})

describe('compare --max-jsd-upper', () => {
  it('uses the KDE JSD bootstrap (199 replicates when --bootstrap is 0) and gates on its upper end', () => {
    const r = runCli(['compare', p1, q1, '--only', 'jsd', '--max-jsd-upper', '0.5', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.jsd.interval).toMatchObject({level: 0.95, method: 'percentile bootstrap', resamples: 199, seed: 42})
    expect(j.jsd.interval.upper).toBe(j.jsd.ci[1])
    expect(j.gates[0]).toMatchObject({name: 'jsdUpper', value: j.jsd.ci[1], passed: true})
  }, 60_000)

  it('is not evaluated (exit 2) on the kNN JSD, whose resampled duplicates make the interval rough', () => {
    const r = runCli([
      'compare',
      p2,
      q2,
      '--only',
      'jsd',
      '--jsd-method',
      'knn',
      '--max-jsd-upper',
      '0.5',
      '--bootstrap',
      '20',
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/gate jsdUpper ≤ 0\.5 not evaluated \(exit 2\): .*kNN.*--jsd-method kde/)
  }, 60_000)
})

describe('compare --correction', () => {
  it('corrects the columns part as drift does: holm by default, none and bh on request', async () => {
    // The four runs are independent processes: started at once, checked in order.
    const of = async (extra: string[]) => {
      const r = await runCliAsync(['compare', p2, q2, '--only', 'columns', '--json', ...extra])
      expect(r.code, r.stderr).toBe(0)
      return JSON.parse(r.stdout).columns
    }
    const [holm, none, bh, r] = await Promise.all([
      of([]),
      of(['--correction', 'none']),
      of(['--correction', 'bh']),
      runCliAsync(['compare', p2, q2, '--only', 'columns', '--correction', 'bonferroni']),
    ])
    expect(holm.correction).toEqual({method: 'holm', tests: 2})
    expect(none.correction.method).toBe('none')
    expect(bh.correction.method).toBe('bh')
    expect(r.code).toBe(2)
  })
})
