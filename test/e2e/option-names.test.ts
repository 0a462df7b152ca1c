import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

// Core and io name options by key (src/core/errors.ts); each command names them by its own flags
// (src/cli/option-flags.ts). Before, core spelled `--method`, which `compare` does not have.
const real = 'fixtures/examples/real.csv',
  generated = 'fixtures/examples/generated.csv'
const eight = ['fixtures/issue13/g8-cov-a.csv', 'fixtures/issue13/g8-cov-b.csv']

describe('each command names its own flags in messages from core', () => {
  it('compare says --w1-method where w1 says --method (one line, exit 2)', () => {
    const c = runCli(['compare', real, generated, '--w1-method', 'exact-1d'])
    expect(c.code).toBe(2)
    expect(c.stdout).toBe('')
    expect(c.stderr).toBe('Error: --w1-method exact-1d needs one column; these sets have 2 (use exact or sinkhorn)\n')
    const w = runCli(['w1', real, generated, '--method', 'exact-1d'])
    expect(w.code).toBe(2)
    expect(w.stderr).toBe('Error: --method exact-1d needs one column; these sets have 2 (use exact or sinkhorn)\n')
  })

  it('compare says --jsd-method in the JSON, the warnings and on stderr; jsd says --method', () => {
    const c = runCli(['compare', ...eight, '--only', 'jsd', '--jsd-method', 'kde', '--json'])
    expect(c.code, c.stderr).toBe(0)
    const doc = JSON.parse(c.stdout)
    expect(doc.jsd.unreliable).toMatch(/biased towards 0; use --jsd-method knn$/)
    expect(doc.jsd.methodReason).toBe('kde: asked for with --jsd-method')
    expect(doc.warnings.join('\n')).toMatch(
      /use --jsd-method noisy \(a well-defined target in any d\), or fewer columns \(--columns\)/,
    )
    expect(c.stderr).toMatch(/^warning: .*use --jsd-method knn$/m)
    expect(c.stdout + c.stderr).not.toMatch(/--method|⟨/)
    const j = runCli(['jsd', ...eight, '--method', 'kde', '--json'])
    expect(j.code, j.stderr).toBe(0)
    expect(JSON.parse(j.stdout).jsd.unreliable).toMatch(/use --method knn$/)
    expect(j.stdout + j.stderr).not.toMatch(/--jsd-method|⟨/)
  })

  it("a part that fails on the data names compare's flags in its reason (JSON and stderr)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'divergence-names-'))
    const p = join(dir, 'p.csv'),
      q = join(dir, 'q.csv')
    writeFileSync(p, 'x,y,w\n0,0,1\n1,0,2\n0,1,1\n1,1,3\n2,1,1\n')
    writeFileSync(q, 'x,y,w\n0,0.5,1\n1,0.5,1\n0.5,1,2\n1.5,1,1\n2,2,1\n')
    const c = runCli(['compare', p, q, '--weights', 'w', '--only', 'w1,jsd', '--jsd-method', 'knn', '--json'])
    expect(c.code, c.stderr).toBe(0)
    const doc = JSON.parse(c.stdout)
    expect(typeof doc.w1.value).toBe('number')
    expect(doc.jsd).toEqual({
      error: 'the kNN JSD cannot use sample weights; use --jsd-method kde or --jsd-method noisy, or drop --weights',
    })
    expect(c.stderr).toMatch(/jsd could not be computed .*use --jsd-method kde/)
  })

  it('option errors from core read as before in the other commands', () => {
    const cases: [string[], string][] = [
      [
        ['w1', real, generated, '--method', 'sinkhorn', '--epsilon', '0'],
        "--epsilon must be > 0 (relative to the data's diameter), got 0",
      ],
      [
        ['compare', real, generated, '--gap', '0'],
        '--gap must be between 0 and 1 (a relative width such as 0.01), got 0',
      ],
      [['drift', real, generated, '--stat', 'nope'], "--stat names an unknown statistic 'nope'; choose from "],
      [['gen', 'ring', '--modes', '8', '--drop', '8'], '--drop must be between 0 and 7 (fewer than --modes 8)'],
      [
        ['bound', real, generated, '--sigma', '-1'],
        '--sigma must be a positive number (the noise scale, in input units), got -1',
      ],
    ]
    for (const [args, message] of cases) {
      const r = runCli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.startsWith(`Error: ${message}`), r.stderr).toBe(true)
      expect(r.stderr.split('\n').length, r.stderr).toBe(2)
    }
  })
})

describe('compare checks its flags before reading (src/cli/compare-flags.ts)', () => {
  it('a bad flag is named even when the files do not exist, and a gate needs its part', () => {
    const gap = runCli(['compare', 'no-such-p.csv', 'no-such-q.csv', '--gap', 'abc'])
    expect(gap.code).toBe(2)
    expect(gap.stderr).toBe("Error: --gap must be a finite number, got 'abc'\n")
    const gate = runCli(['compare', 'no-such-p.csv', 'no-such-q.csv', '--only', 'jsd', '--max-w1-ratio', '2'])
    expect(gate.code).toBe(2)
    expect(gate.stderr).toBe('Error: the gate on w1Ratio needs the w1 part, which --only leaves out\n')
  })
})
