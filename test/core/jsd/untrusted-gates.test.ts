import {describe, expect, it} from 'vitest'
import {compareSets} from '../../../src/core/compare.js'
import {W1_DEFAULTS} from '../../../src/core/ot/w1.js'
import {boundReport} from '../../../src/report/bound.js'
import {compareReport} from '../../../src/report/compare.js'
import {exitCodeFor} from '../../../src/report/gates.js'
import {gaussian} from './sets.js'

// A JSD that cannot be trusted never passes a gate (issue 19 item 2): compare's --max-jsd and --max-bound are not
// evaluated (exit 2) and the reading draws nothing from it. The bound's noisy JSD rarely leaves [0, ln 2] by more
// than 3.09 standard errors on real data, so that state is set on a computed result here; the JSD's own flag comes
// from a real run (10 points against 300: fewer than the KDE's 200).
describe('compare: gates on an unreliable JSD or bound are not evaluated', () => {
  const asked = (gates: {name: string; kind: 'max' | 'min'; part: string; threshold: number}[]) => ({
    parts: new Set(['jsd', 'bound'] as const),
    gates,
    topColumns: 5,
    power: 1 as const,
  })
  it('--max-jsd on a KDE from 10 points: not evaluated with the reason, exit 2, no reading from it', async () => {
    const p = gaussian(10, 2, [0, 0], 1),
      q = gaussian(300, 2, [0.5, 0.5], 2)
    const result = await compareSets(p, q, {
      parts: new Set(['jsd']),
      w1: {method: 'auto', ...W1_DEFAULTS},
      jsd: {},
      bound: {},
      align: {} as never,
      baseline: false,
      seed: 1,
    })
    expect(result.jsd!.reliable).toBe(false)
    const report = compareReport(
      {p, q, warnings: []},
      result,
      asked([{name: 'jsd', kind: 'max', part: 'jsd', threshold: 0.5}]),
      {
        read: 0,
        total: 0,
        threads: 1,
      },
    )
    expect(report.gates![0].notEvaluated).toMatch(/^the JSD estimate is unreliable: P has 10 points/)
    expect(exitCodeFor(report.gates)).toBe(2)
    expect(report.warnings!.filter((w) => w.startsWith('gate jsd ≤ 0.5 not evaluated (exit 2)'))).toHaveLength(1)
    expect(report.reading!.join(' ')).toMatch(/unreliable here .*no reading is drawn from it/)
    expect(report.summary).toMatch(/JSD [\d.]+ nats \(UNRELIABLE\).*gates: 1 of 1 NOT EVALUATED/)
  })
  it('--max-bound on a bound whose noisy JSD is unreliable: not evaluated, and the bound report says so', async () => {
    const p = gaussian(60, 1, [0], 3),
      q = gaussian(60, 1, [1], 4)
    const result = await compareSets(p, q, {
      parts: new Set(['bound']),
      w1: {method: 'auto', ...W1_DEFAULTS},
      jsd: {},
      bound: {sigma: 0.3},
      align: {} as never,
      baseline: false,
      seed: 1,
    })
    const reliable = compareReport(
      {p, q, warnings: []},
      result,
      asked([{name: 'bound', kind: 'max', part: 'bound', threshold: 1e6}]),
      {
        read: 0,
        total: 0,
        threads: 1,
      },
    )
    expect(exitCodeFor(reliable.gates)).toBe(0)
    result.bound!.unreliable = 'its raw estimate -0.2 nats lies below 0, outside [0, ln 2] by more than its uncertainty'
    const report = compareReport(
      {p, q, warnings: []},
      result,
      asked([{name: 'bound', kind: 'max', part: 'bound', threshold: 1e6}]),
      {
        read: 0,
        total: 0,
        threads: 1,
      },
    )
    expect(report.gates![0].notEvaluated).toMatch(/^the bound's noisy JSD is unreliable: its raw estimate -0\.2/)
    expect(exitCodeFor(report.gates)).toBe(2)
    const b = boundReport({p, q, warnings: []}, result.bound!, undefined, {})
    expect(b.reading!.join(' ')).toMatch(/rests on a noisy JSD that is unreliable here .*no reading is drawn from it/)
    expect(JSON.stringify(b.sections)).toMatch(/UNRELIABLE/)
  })
})
