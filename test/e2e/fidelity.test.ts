import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli.js'

// Expected values: fixtures/fidelity/expected.json from test/core/fidelity/reference/make_fixtures.py (numpy).
const F = 'fixtures/fidelity/'
const expected = JSON.parse(readFileSync(join(ROOT, F, 'expected.json'), 'utf8'))
const validate = new Ajv2020({allErrors: true, strict: false}).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema/divergence-v1.json'), 'utf8')),
)
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)
const json = (args: string[]) => {
  const r = runCli(['fidelity', ...args, '--json', '--quiet'])
  return {...r, doc: r.stdout ? JSON.parse(r.stdout) : undefined}
}

describe('divergence fidelity (e2e)', () => {
  it('.npy vs .npy: FD, KID and P/R/D/C as the numpy references; the JSON validates', () => {
    const r = json([`${F}p.npy`, `${F}q.npy`, '--kid-subsets', '4'])
    expect(r.code, r.stderr).toBe(0)
    expect(validate(r.doc), JSON.stringify(validate.errors)).toBe(true)
    const f = r.doc.fidelity
    expect(rel(f.fd.value, expected.fd_p_q.value)).toBeLessThan(1e-8)
    expect(rel(f.fd.traceTerm, expected.fd_p_q.traceTerm)).toBeLessThan(1e-8)
    expect([f.fd.n, f.fd.m, f.fd.d]).toEqual([240, 200, 12])
    expect(f.precision).toBeCloseTo(expected.prdc_p_q_k5.precision, 12)
    expect(f.recall).toBeCloseTo(expected.prdc_p_q_k5.recall, 12)
    expect(f.density).toBeCloseTo(expected.prdc_p_q_k5.density, 12)
    expect(f.coverage).toBeCloseTo(expected.prdc_p_q_k5.coverage, 12)
    expect(f.kid.subsets).toBe(4)
    expect(f.kid.subsetSize).toBe(200)
  })

  it('.npz (deflated, --column) and a {mu, sigma} statistics file give the same FD as the float32 reference', () => {
    const a = json([`${F}p-compressed.npz`, `${F}q.npy`, '--column', 'feats', '--only', 'fd'])
    // --column applies to both files: a .npy takes the name, so P and Q share the column names.
    expect(a.code, a.stderr).toBe(0)
    expect(rel(a.doc.fidelity.fd.value, expected.fd_p32_q.value)).toBeLessThan(1e-8)
    const s = json([`${F}p-stats.npz`, `${F}q.npy`, '--only', 'fd'])
    expect(s.code, s.stderr).toBe(0)
    expect(validate(s.doc), JSON.stringify(validate.errors)).toBe(true)
    expect(s.doc.p.statistics).toBe(true)
    expect(s.doc.fidelity.fd.n).toBeNull()
    expect(rel(s.doc.fidelity.fd.value, expected.fd_p32_q.value)).toBeLessThan(1e-8)
    // A statistics P beside a Parquet Q read with --column: the column is Q's; P stays statistics.
    const sp = json([`${F}p-stats.npz`, `${F}p-emb.parquet`, '--column', 'emb', '--only', 'fd'])
    expect(sp.code, sp.stderr).toBe(0)
    expect(sp.doc.fidelity.fd.value).toBeLessThan(1e-9)
    const pq = json([`${F}p-emb.parquet`, `${F}q.npy`, '--column', 'emb', '--only', 'fd'])
    expect(pq.code, pq.stderr).toBe(0)
    expect(rel(pq.doc.fidelity.fd.value, expected.fd_p32_q.value)).toBeLessThan(1e-8)
  })

  it('gates: pass → 0, fail → 1, a part the statistics file cannot give → 2 (not evaluated)', () => {
    expect(json([`${F}p.npy`, `${F}q.npy`, '--only', 'fd', '--max-fd', '3']).code).toBe(0)
    const fail = json([`${F}p.npy`, `${F}q.npy`, '--only', 'fd', '--max-fd', '2', '--min-precision', '0.5'])
    expect(fail.code).toBe(1)
    expect(fail.doc.passed).toBe(false)
    expect(fail.doc.gates.map((g: {name: string; passed: boolean}) => [g.name, g.passed])).toEqual([
      ['fd', false],
      ['precision', true],
    ])
    const na = json([`${F}p-stats.npz`, `${F}q.npy`, '--max-kid', '0.1'])
    expect(na.code).toBe(2)
    expect(na.doc.gates[0].evaluated).toBe(false)
    expect(na.doc.gates[0].error).toMatch(/P is Gaussian statistics/)
    expect(validate(na.doc), JSON.stringify(validate.errors)).toBe(true)
  })

  it('n ≤ d: FD of the singular fits as the reference, with a warning on stderr', () => {
    const r = runCli(['fidelity', `${F}few.npy`, `${F}q.npy`, '--only', 'fd', '--json'])
    expect(r.code).toBe(0)
    expect(rel(JSON.parse(r.stdout).fidelity.fd.value, expected.fd_few_q.value)).toBeLessThan(1e-8)
    expect(r.stderr).toMatch(/n ≤ d.*singular/)
  })

  it('FD∞ with --fd-infinity; seeded results byte-identical for any --threads', () => {
    const strip = (s: string) => s.replace(/"timing": \{[^}]*\}/, '')
    const a = runCli([
      'fidelity',
      `${F}p.npy`,
      `${F}q.npy`,
      '--fd-infinity',
      '--kid-subsets',
      '3',
      '--json',
      '--threads',
      '1',
    ])
    const b = runCli([
      'fidelity',
      `${F}p.npy`,
      `${F}q.npy`,
      '--fd-infinity',
      '--kid-subsets',
      '3',
      '--json',
      '--threads',
      '2',
    ])
    expect(a.code, a.stderr).toBe(0)
    expect(strip(a.stdout)).toBe(strip(b.stdout))
    const doc = JSON.parse(a.stdout)
    expect(doc.fidelity.fdInfinity.points.map((p: {n: number}) => p.n)).toEqual([40, 80, 120, 160, 200])
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
  })

  it('table and markdown output', () => {
    const t = runCli(['fidelity', `${F}p.npy`, `${F}q.npy`, '--only', 'fd,prdc'])
    expect(t.code).toBe(0)
    expect(t.stdout).toMatch(/Fréchet distance \(FD\)/)
    expect(t.stdout).toMatch(/precision/)
    const m = runCli([
      'fidelity',
      `${F}p.npy`,
      `${F}q.npy`,
      '--only',
      'kid',
      '--kid-subsets',
      '2',
      '--format',
      'markdown',
    ])
    expect(m.code).toBe(0)
    expect(m.stdout).toMatch(/\| KID/)
  })

  it('bad option values: one line, exit 2', () => {
    for (const args of [
      ['--only', 'fid'],
      ['--k', '0'],
      ['--max-fd', 'abc'],
    ]) {
      const r = runCli(['fidelity', `${F}p.npy`, `${F}q.npy`, ...args])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
  })

  const bad = readdirSync(join(ROOT, F, 'bad'))
  it.each(bad)('bad/%s: one line on stderr, exit 2, nothing on stdout (fidelity and w1)', (file) => {
    for (const cmd of ['fidelity', 'w1']) {
      const r = runCli([cmd, `${F}bad/${file}`, `${F}q.npy`])
      expect(r.code, `${cmd} ${file}: ${r.stderr}`).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1)
      expect(r.stderr).not.toMatch(/internal/)
    }
  })
})
