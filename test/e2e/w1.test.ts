import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

describe('divergence w1', () => {
  it('WGAN Example 1 from files: W1 = θ = 1 exactly, in every format', () => {
    const r = runCli(['w1', 'fixtures/examples/lines-theta0.csv', 'fixtures/examples/lines-theta1.csv', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.w1).toMatchObject({method: 'exact', value: 1, lower: 1, upper: 1, converged: true})
    expect(doc.p).toMatchObject({n: 200, d: 2, columns: ['x', 'z']})
  })

  it('digits 0–4 vs 5–9 (901 vs 896 points, d = 64): auto goes exact and matches POT, with a checked certificate', () => {
    const r = runCli(['w1', 'fixtures/w1/digits-0-4.csv', 'fixtures/w1/digits-5-9.csv', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const w = JSON.parse(r.stdout).w1
    // POT 0.9.7 ot.emd2 on ot.dist(euclidean): 35.21683745400324 (bench/make-digits.py prints it).
    expect(Math.abs(w.value - 35.21683745400324)).toBeLessThanOrEqual(1e-9 * 35.2)
    expect(w).toMatchObject({method: 'exact', valueIs: 'exact', converged: true})
    expect([w.lower, w.upper]).toEqual([w.value, w.value])
    expect(w.certificate).toMatchObject({checked: true, solver: 'network-simplex', costs: 'cached'})
    expect(Math.abs(w.certificate.dual - w.value)).toBeLessThanOrEqual(1e-9 * w.value)
  })

  it('reads the same data identically from CSV, Parquet and Arrow', () => {
    const values = ['csv', 'parquet', 'arrow'].map((ext) => {
      const r = runCli(['w1', `fixtures/examples/real.${ext}`, `fixtures/examples/generated.${ext}`, '--json'])
      expect(r.code, r.stderr).toBe(0)
      const {timing, ...rest} = JSON.parse(r.stdout)
      expect(timing.total).toBeGreaterThanOrEqual(0)
      return rest.w1
    })
    expect(values[1]).toEqual(values[0])
    expect(values[2]).toEqual(values[0])
  })

  it('prints a table with the method and the sliced lower bound labelled', () => {
    const r = runCli([
      'w1',
      'fixtures/examples/real.csv',
      'fixtures/examples/generated.csv',
      '--method',
      'sliced',
      '--projections',
      '20',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/W1\s*│\s*[\d.]+\s*│ input units │ sliced: a LOWER bound/)
  })

  it('refuses --gap 0 with one line and exit 2', () => {
    const r = runCli(['w1', 'fixtures/examples/real.csv', 'fixtures/examples/generated.csv', '--gap', '0'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim()).toBe('Error: --gap must be between 0 and 1 (a relative width such as 0.01), got 0')
  })

  it('translation fixtures in CSV, Arrow and Parquet: W1 = W2 = ‖(3, 4)‖ = 5 exactly, in any pairing of formats', () => {
    for (const [pf, qf, power] of [
      ['csv', 'csv', '1'],
      ['arrow', 'parquet', '2'],
      ['parquet', 'arrow', '1'],
    ]) {
      const r = runCli(['w1', `fixtures/w1/translate-p.${pf}`, `fixtures/w1/translate-q.${qf}`, '--p', power, '--json'])
      expect(r.code, r.stderr).toBe(0)
      const w = JSON.parse(r.stdout).w1
      expect(w).toMatchObject({method: 'exact', lower: w.value, upper: w.value, converged: true})
      expect(w.value).toBeCloseTo(5, 12)
      if (power === '2') expect(w.p).toBe(2)
      else expect(w.p).toBeUndefined()
    }
  })

  it('Sinkhorn from files: the bracket holds the exact 5, and the JSON says which method ran and what value is', () => {
    const r = runCli([
      'w1',
      'fixtures/w1/translate-p.csv',
      'fixtures/w1/translate-q.csv',
      '--method',
      'sinkhorn',
      '--gap',
      '0.001',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    const w = JSON.parse(r.stdout).w1
    expect(w).toMatchObject({method: 'sinkhorn', valueIs: 'bracket-midpoint', converged: true})
    expect(w.lower).toBeLessThanOrEqual(5)
    expect(w.upper).toBeGreaterThanOrEqual(5)
    expect((w.upper - w.lower) / w.upper).toBeLessThanOrEqual(0.001)
    for (const k of ['epsilon', 'iterations', 'marginalError', 'planCost', 'sinkhornDivergence'])
      expect(Number.isFinite(w[k]), k).toBe(true)
  })

  it('a run stopped by --max-iter says converged: false and warns on stderr', () => {
    const r = runCli([
      'w1',
      'fixtures/examples/real.csv',
      'fixtures/examples/generated.csv',
      '--method',
      'sinkhorn',
      '--max-iter',
      '3',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).w1.converged).toBe(false)
    expect(r.stderr).toMatch(/stopped at --max-iter 3 before the bracket closed/)
  })

  it('1-D from quantiles, 1e200 coordinates and weights from a column', () => {
    // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.
    const line = JSON.parse(runCli(['w1', 'fixtures/w1/line-p.csv', 'fixtures/w1/line-q.csv', '--json']).stdout).w1
    expect(line).toMatchObject({method: 'exact-1d', value: 5})
    // Two points moved by 1e200 along y: W1 = 1e200, finite.
    const huge = runCli(['w1', 'fixtures/w1/huge-p.csv', 'fixtures/w1/huge-q.csv', '--json'])
    expect(huge.code, huge.stderr).toBe(0)
    expect(JSON.parse(huge.stdout).w1.value / 1e200).toBeCloseTo(1, 12)
    // Weights 2:1:1 on (3,4), (6,8), (0,1) against the translation set's first rows: normalised, and said so.
    const wr = runCli(['w1', 'fixtures/w1/weighted.csv', 'fixtures/w1/weighted.csv', '--weights', 'w', '--json'])
    expect(wr.code, wr.stderr).toBe(0)
    expect(JSON.parse(wr.stdout).w1.value).toBe(0)
    expect(wr.stderr).toMatch(/normalised/)
  })

  it('renders markdown and CSV too', () => {
    const md = runCli(['w1', 'fixtures/w1/translate-p.csv', 'fixtures/w1/translate-q.csv', '--format', 'markdown'])
    expect(md.code).toBe(0)
    expect(md.stdout).toMatch(/\| W1 \| 5 \|/)
    const csv = runCli(['w1', 'fixtures/w1/translate-p.csv', 'fixtures/w1/translate-q.csv', '--format', 'csv'])
    expect(csv.code).toBe(0)
    expect(csv.stdout).toMatch(/^w1,value,5,input units$/m)
  })
})

describe('divergence w1 --memory (cached f32 cost matrix)', () => {
  const args = ['w1', 'fixtures/examples/real.csv', 'fixtures/examples/generated.csv', '--method', 'sinkhorn', '--json']
  it('caches the cost matrix within the budget, recomputes with --memory 0, same W1 either way; reports both under timing', () => {
    const cached = runCli([...args, '--memory', '64M']),
      plain = runCli([...args, '--memory', '0'])
    expect(cached.code, cached.stderr).toBe(0)
    expect(plain.code, plain.stderr).toBe(0)
    const a = JSON.parse(cached.stdout),
      b = JSON.parse(plain.stdout)
    expect(a.timing.memoryBudget).toBe(64 * 2 ** 20)
    expect(a.timing.costCache).toBeGreaterThan(0)
    expect(b.timing.costCache).toBe(0)
    // The cached matrix holds the same f32 values the kernel computes on the fly: identical results.
    expect(a.w1).toEqual(b.w1)
  })

  it('refuses a budget that is not a size, with one line and exit 2', () => {
    const r = runCli([...args, '--memory', 'lots'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/--memory/)
  })
  // Issue 19 item 6; truths from scripts/w1-far-point.py (exact rational arithmetic). Before the fix: 0.8362503 with
  // checked: true (2-D), 0.5898612 (1-D exact), 0.5851415 (exact-1d).
  it('one far point of weight 1e-12: exact and exact-1d give the exact truth, and the certificate checks it', () => {
    for (const [name, method, truth] of [
      ['far', 'exact', 0.7075437525314703],
      ['far1d', 'exact', 0.5851507234645408],
      ['far1d', 'exact-1d', 0.5851507234645408],
    ] as const) {
      const r = runCli([
        'w1',
        `fixtures/w1/${name}-p.csv`,
        `fixtures/w1/${name}-q.csv`,
        '--weights',
        'w',
        '--method',
        method,
        '--json',
      ])
      expect(r.code, r.stderr).toBe(0)
      const w = JSON.parse(r.stdout).w1
      expect(Math.abs(w.value - truth), `${name} ${method}`).toBeLessThanOrEqual(1e-12 * truth)
      expect(w.converged).toBe(true)
      if (method === 'exact') expect(w.certificate.checked).toBe(true)
    }
  })
  // Issue 24: from 2000² pairs the exact solver is the shortlist network simplex; its JSON is byte-identical for any
  // --threads (the all-pairs check runs its tiles on the worker threads).
  it('2100 × 2000 points: the shortlist solver, a checked certificate, the same JSON for --threads 1 and 2', {
    timeout: 180_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'w1-shortlist-'))
    const rnd = (k: number) => Math.sin(k * 12.9898) * 43758.5453 - Math.floor(Math.sin(k * 12.9898) * 43758.5453)
    const write = (name: string, rows: number, off: number) => {
      const lines = ['a,b,c']
      for (let i = 0; i < rows; i++) lines.push([0, 1, 2].map((c) => (rnd(off + 3 * i + c) * 4).toFixed(6)).join(','))
      writeFileSync(join(dir, name), `${lines.join('\n')}\n`)
      return join(dir, name)
    }
    const p = write('p.csv', 2100, 0),
      q = write('q.csv', 2000, 1e6)
    const outs = ['1', '2'].map((t) => {
      const r = runCli(['w1', p, q, '--method', 'exact', '--json', '--threads', t])
      expect(r.code, r.stderr).toBe(0)
      const {timing, ...rest} = JSON.parse(r.stdout)
      expect(timing.threads).toBe(Number(t))
      return rest
    })
    expect(outs[1]).toEqual(outs[0])
    expect(outs[0].w1.certificate).toMatchObject({solver: 'shortlist', checked: true})
    expect(outs[0].w1.certificate.shortlist.rounds).toBeGreaterThanOrEqual(1)
    expect(outs[0].w1.converged).toBe(true)
  })
})
