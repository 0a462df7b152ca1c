import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

const G0 = 'fixtures/jsd/g1d-0',
  G1 = 'fixtures/jsd/g1d-1'
const json = (stdout: string) => JSON.parse(stdout)

describe('divergence jsd (end to end)', () => {
  it('KDE on N(0,1) vs N(1,1) files gives ≈ 0.111421 nats, identically from CSV, Parquet and Arrow', () => {
    const values = ['csv', 'parquet', 'arrow'].map((ext) => {
      const r = runCli(['jsd', `${G0}.${ext}`, `${G1}.${ext}`, '--json'])
      expect(r.code).toBe(0)
      const doc = json(r.stdout)
      expect(doc.schema).toBe('divergence/v1')
      expect(doc.command).toBe('jsd')
      expect(doc.jsd.method).toBe('kde')
      expect(doc.jsd.unit).toBe('nats')
      expect(doc.p.n).toBe(1000)
      return doc.jsd.value as number
    })
    expect(Math.abs(values[0] - 0.111421)).toBeLessThan(0.03)
    expect(values[1]).toBe(values[0])
    expect(values[2]).toBe(values[0])
  })
  it('noisy smoothing on the one-point measures {0}, {1} (each row twice: the reader needs 2 rows) at σ = 1 with R = 12: 0.111421 within 4 standard errors; byte-identical reruns', () => {
    const args = [
      'jsd',
      'fixtures/jsd/point0.csv',
      'fixtures/jsd/point1.csv',
      '-m',
      'noisy',
      '--sigma',
      '1',
      '--radius',
      '12',
      '--draws',
      '10000',
      '--json',
    ]
    const a = runCli(args),
      b = runCli(args)
    expect(a.code).toBe(0)
    const j = json(a.stdout).jsd
    expect(Math.abs(j.value - 0.111421)).toBeLessThan(4 * j.stderr)
    expect(j.sigma).toBe(1)
    expect(j.radius).toBe(12)
    const strip = (s: string) => {
      const {timing, ...rest} = json(s)
      expect(timing.total).toBeGreaterThanOrEqual(0)
      return JSON.stringify(rest)
    }
    expect(strip(a.stdout)).toBe(strip(b.stdout))
  })
  it('kNN in bits with bootstrap and baseline; the same file twice gives exactly 0', () => {
    const r = runCli([
      'jsd',
      `${G0}.csv`,
      `${G1}.csv`,
      '-m',
      'knn',
      '-k',
      '5',
      '--base',
      '2',
      '--bootstrap',
      '20',
      '--baseline',
      '--json',
    ])
    expect(r.code).toBe(0)
    const j = json(r.stdout).jsd
    expect(j.unit).toBe('bits')
    expect(Math.abs(j.value - 0.111421 / Math.LN2)).toBeLessThan(0.06)
    expect(j.ci).toHaveLength(2)
    expect(j.baseline.n).toBe(500)
    const same = runCli(['jsd', `${G0}.csv`, `${G0}.parquet`, '-m', 'noisy', '--sigma', '0.2', '--json'])
    expect(json(same.stdout).jsd.value).toBe(0)
    expect(same.stderr).toMatch(/same set of points/)
  })
  it('WGAN Example 1 parallel lines (θ = 0 vs 1): ln 2 with noisy smoothing at small σ', () => {
    const r = runCli([
      'jsd',
      'fixtures/examples/lines-theta0.csv',
      'fixtures/examples/lines-theta1.csv',
      '-m',
      'noisy',
      '--sigma',
      '0.05',
      '--json',
    ])
    expect(r.code).toBe(0)
    expect(json(r.stdout).jsd.value).toBe(Math.LN2)
  })
  it('table output names the method and unit; nothing on stderr without warnings', () => {
    const r = runCli(['jsd', 'fixtures/examples/real.csv', 'fixtures/examples/generated.csv'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Jensen–Shannon divergence/)
    expect(r.stdout).toMatch(/nats/)
    expect(r.stderr).toBe('')
  })
  it('bad input: σ ≤ 0, k ≥ n, a bad bandwidth, an empty file and one point for KDE exit 2 with one line', () => {
    const cases: [string[], RegExp][] = [
      [['jsd', `${G0}.csv`, `${G1}.csv`, '-m', 'noisy', '--sigma', '0'], /--sigma must be a positive number/],
      [['jsd', `${G0}.csv`, `${G1}.csv`, '-m', 'noisy', '--sigma', 'abc'], /--sigma must be a finite number/],
      [['jsd', 'fixtures/jsd/point0.csv', 'fixtures/jsd/point1.csv', '-m', 'knn'], /-k 5 needs more than k points/],
      [
        ['jsd', `${G0}.csv`, `${G1}.csv`, '--bandwidth', 'wide'],
        /^Error: --bandwidth must be scott, silverman or a positive width in input units, got 'wide'$/m,
      ],
      // The message quotes the user's value, not the width after the internal rescaling (it said 'got -0.25' for -1).
      [
        ['jsd', `${G0}.csv`, `${G1}.csv`, '--bandwidth=-1'],
        /^Error: --bandwidth must be scott, silverman or a positive width in input units, got '-1'$/m,
      ],
      [['jsd', `${G0}.csv`, `${G1}.csv`, '--bandwidth', '0'], /got '0'$/m],
      [['jsd', 'fixtures/jsd/empty.csv', `${G1}.csv`], /no data rows/],
    ]
    for (const [args, message] of cases) {
      const r = runCli(args)
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(message)
    }
  })
})
