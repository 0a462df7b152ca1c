import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

// fixtures/jsd/issue19: 10 points of N(0, I₂) and 2 500 of N((½, ½), I₂) (numpy seed 19; true JSD 0.0589 nats,
// bench/reference/jsd-truths.json). Before issue 19 the default KDE read value 0, raw −1.23 here, and
// `compare --only jsd --max-jsd 0.01` passed with exit 0.
const P10 = 'fixtures/jsd/issue19/p10.csv',
  Q2500 = 'fixtures/jsd/issue19/q2500.csv'
const G0 = 'fixtures/jsd/g1d-0.csv',
  G1 = 'fixtures/jsd/g1d-1.csv'

describe('an untrustworthy JSD is flagged and no gate passes on it (issue 19 items 1–2)', () => {
  it('10 vs 2 500: compare --only jsd --max-jsd 0.01 does not pass — exit 2, one line on stderr saying why', () => {
    const r = runCli(['compare', P10, Q2500, '--only', 'jsd', '--max-jsd', '0.01'])
    expect(r.code).toBe(2)
    const lines = r.stderr.split('\n').filter((l) => /gate jsd/.test(l))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^warning: gate jsd ≤ 0\.01 not evaluated \(exit 2\): the JSD estimate is unreliable: P has 10 points/,
    )
    expect(r.stdout).toMatch(/not evaluated/)
    expect(r.stdout).not.toMatch(/\bpass\b/)
  })
  it('10 vs 2 500 in JSON: reliable false with the reason, the gate evaluated false with the reason, raw in [0, ln 2]', () => {
    const r = runCli(['compare', P10, Q2500, '--only', 'jsd', '--max-jsd', '0.5', '--json', '--quiet'])
    expect(r.code).toBe(2)
    const doc = JSON.parse(r.stdout)
    expect(doc.jsd.reliable).toBe(false)
    expect(doc.jsd.unreliable).toMatch(/fewer than the 200/)
    expect(doc.jsd.raw).toBeGreaterThanOrEqual(0)
    expect(doc.jsd.raw).toBeLessThanOrEqual(Math.LN2)
    expect(doc.gates[0]).toMatchObject({name: 'jsd', evaluated: false})
    expect(doc.gates[0].error).toMatch(/unreliable/)
  })
  it('jsd --bandwidth 0.01 is unreliable (its two plug-in forms disagree), and the reading draws nothing from it', () => {
    const r = runCli(['jsd', G0, G1, '--bandwidth', '0.01', '--json', '--quiet'])
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout).jsd
    expect(j.reliable).toBe(false)
    expect(j.unreliable).toMatch(/two plug-in forms disagree/)
    expect(j.check.logRatio).toBeLessThan(0)
    const v = runCli(['jsd', G0, G1, '--bandwidth', '0.01', '--verbose'])
    expect(v.stdout).toMatch(/UNRELIABLE/)
    expect(v.stdout).toMatch(/no reading is drawn from it/)
    expect(v.stderr).toMatch(/warning: the JSD estimate is unreliable: .*--bandwidth given may be far too small/)
  })
  it('compare --max-jsd with --bandwidth 0.01 is not evaluated (exit 2), while the default on the same files gates normally', () => {
    expect(runCli(['compare', G0, G1, '--only', 'jsd', '--bandwidth', '0.01', '--max-jsd', '0.9']).code).toBe(2)
    const ok = runCli(['compare', G0, G1, '--only', 'jsd', '--max-jsd', '0.5', '--json', '--quiet'])
    expect(ok.code).toBe(0)
    const doc = JSON.parse(ok.stdout)
    expect(doc.jsd.reliable).toBe(true)
    expect(doc.gates[0]).toMatchObject({name: 'jsd', passed: true})
    expect(runCli(['compare', G0, G1, '--only', 'jsd', '--max-jsd', '0.01']).code).toBe(1)
  })
  it('the default KDE on 1 000 vs 1 000 1-D files (N(0,1) vs N(1,1), truth 0.111421): reliable, per-set bandwidths, within 35 %', () => {
    const j = JSON.parse(runCli(['jsd', G0, G1, '--json', '--quiet']).stdout).jsd
    expect(j.reliable).toBe(true)
    expect(Math.abs(j.value - 0.111421)).toBeLessThan(0.35 * 0.111421)
    expect(j.bandwidth.p.widths).toHaveLength(1)
    expect(j.bandwidth.q.widths).toHaveLength(1)
    expect(j.check.gap).toBeLessThan(j.check.tolerance)
  })
})
