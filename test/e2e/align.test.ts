import {describe, expect, it} from 'vitest'
import {runCli, shared} from '../helpers/cli.js'

const f = (name: string, ext: string) => `fixtures/align/${name}.${ext}`

// Constructed cases (fixtures/align/make.mjs): [P, Q, expected verdict]. Each runs once per file format,
// with P and Q in different formats, so "the right verdict from files in all three formats" is checked.
const CASES: [string, string, string][] = [
  ['plane-a', 'plane-b', 'aligned'],
  ['plane-a', 'plane-offset', 'misaligned'],
  ['plane-a', 'plane-rotated', 'misaligned'],
  ['plane-a', 'curve-in-plane', 'partial'],
  ['gauss-a', 'gauss-b', 'aligned'],
  ['gauss-a', 'gauss-far', 'misaligned'],
  ['ring8', 'ring8-drop1', 'aligned'], // a dropped mode: aligned supports, mode dropping reported apart
]
const PAIRINGS = [
  ['csv', 'csv'],
  ['arrow', 'parquet'],
  ['parquet', 'arrow'],
]

// The CSV run of plane-a vs curve-in-plane is read by two tests (its verdict, then its JSON keys): spawned once.
const alignJson = shared((p: string, q: string) => runCli(['align', p, q, '--json']))

describe('divergence align', () => {
  it.each(CASES)('%s vs %s → %s, the same numbers from CSV, Arrow and Parquet', (p, q, verdict) => {
    const docs = PAIRINGS.map(([pf, qf]) => {
      const r = alignJson(f(p, pf), f(q, qf))
      expect(r.code, r.stderr).toBe(0)
      const {timing, ...doc} = JSON.parse(r.stdout)
      expect(timing.align).toBeGreaterThanOrEqual(0)
      return doc
    })
    expect(docs[0].schema).toBe('divergence/v1')
    expect(docs[0].command).toBe('align')
    expect(docs[0].align.verdict).toBe(verdict)
    expect(docs[0].align.modeDropping.detected).toBe(q === 'ring8-drop1' || q === 'curve-in-plane')
    expect(docs[1].align).toEqual(docs[0].align)
    expect(docs[2].align).toEqual(docs[0].align)
  })

  it('JSON carries the docs/design.md keys and the reasons as data', () => {
    const r = alignJson(f('plane-a', 'csv'), f('curve-in-plane', 'csv'))
    const a = JSON.parse(r.stdout).align
    expect(Object.keys(a)).toEqual(
      expect.arrayContaining([
        'verdict',
        'intrinsicDim',
        'onManifold',
        'precision',
        'recall',
        'density',
        'coverage',
        'k',
        'reasons',
      ]),
    )
    expect(a.intrinsicDim).toMatchObject({ambient: 3})
    expect(Math.round(a.intrinsicDim.q)).toBe(1)
    expect(a.onManifold).toHaveProperty('tau')
    expect(a.k).toEqual({precisionRecall: 3, densityCoverage: 5, mle: 20})
    expect(a.reasons.find((x: {code: string}) => x.code === 'dimension-mismatch')).toMatchObject({points: 'partial'})
  })

  it('is byte-identical run to run with the same --seed (timing aside)', () => {
    const run = (seed: string) => {
      const r = runCli([
        'align',
        f('ring8', 'csv'),
        f('ring8-drop1', 'csv'),
        '--json',
        '--seed',
        seed,
        '--manifold-sample',
        '200',
      ])
      const {timing: _t, ...rest} = JSON.parse(r.stdout)
      return JSON.stringify(rest)
    }
    expect(run('7')).toBe(run('7'))
  })

  it("the table ends with the papers' reading (--verbose); the k flags are echoed", () => {
    const r = runCli(
      ['align', f('plane-a', 'csv'), f('plane-offset', 'csv'), '--k-precision', '4', '--k-density', '6', '--verbose'],
      {env: {COLUMNS: '300'}},
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/verdict\s*│ misaligned/)
    expect(r.stdout).toMatch(/k = 4: share of Q inside P's kNN balls/)
    expect(r.stdout).toMatch(/k = 6: share of P's kNN balls/)
    expect(r.stdout).toMatch(/do not share a set of positive measure.*Lui et al\. Thm 3\.2; Arjovsky & Bottou Thm 2\.3/)
  })

  it('threshold flags and --baseline are reported with their source', () => {
    const flags = JSON.parse(
      runCli(['align', f('ring8', 'csv'), f('ring8-drop1', 'csv'), '--json', '--coverage-min', '0.8']).stdout,
    ).align
    expect(flags.thresholds).toMatchObject({coverageMin: 0.8, source: 'flags'})
    expect(flags.verdict).toBe('aligned') // coverage ≈ 0.85 now passes; the other fractions are ≈ 1
    const base = JSON.parse(
      runCli(['align', f('plane-a', 'csv'), f('plane-b', 'csv'), '--json', '--baseline']).stdout,
    ).align
    expect(base.thresholds.source).toBe('baseline')
    expect(base.baseline.n).toEqual([200, 200])
  })

  it('--standardize is applied and reported', () => {
    const r = runCli(['align', f('gauss-a', 'csv'), f('gauss-b', 'csv'), '--json', '--standardize'])
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.standardization.mean).toHaveLength(3)
    expect(doc.align.verdict).toBe('aligned')
  })

  it.each([
    [['--k-density', '500'], /k = 500 neighbours are needed .*give more points or smaller k/],
    [['--quantile', '1.5'], /--quantile must be strictly between 0 and 1, got 1\.5/],
    [['--aligned-min', 'abc'], /--aligned-min must be a finite number, got 'abc'/],
  ])('bad flags %j: one line on stderr, exit 2, nothing on stdout', (extra, msg) => {
    const r = runCli(['align', f('plane-a', 'csv'), f('plane-b', 'csv'), ...(extra as string[])])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(msg)
  })

  it('all-identical points are an input error', () => {
    const same = `x0,x1,x2\n${'1,2,3\n'.repeat(30)}`
    const r = runCli(['align', '-', f('gauss-a', 'csv')], {input: same})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/identical/)
  })
})
