/**
 * `divergence drift` end to end on fixtures/drift (made by fixtures/drift/expected.py, which also computed the SciPy
 * values in expected.json): in Q exactly `b` (numeric) and `color` (categorical) moved.
 */
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli.js'

const expected = JSON.parse(readFileSync(join(ROOT, 'fixtures/drift/expected.json'), 'utf8')).files
const P = 'fixtures/drift/p.csv',
  Q = 'fixtures/drift/q.parquet',
  BOTH = 'fixtures/drift/both.csv'
const dir = mkdtempSync(join(tmpdir(), 'divergence-drift-'))

const json = (args: string[]) => {
  const r = runCli([...args, '--json', '--quiet'])
  expect(r.code === 0 || r.code === 1, r.stderr).toBe(true)
  return {doc: JSON.parse(r.stdout), code: r.code}
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)
const byName = (doc: any) => Object.fromEntries(doc.drift.columns.map((c: any) => [c.name, c]))

describe('divergence drift', () => {
  it('CSV vs Parquet: flags exactly the moved columns, with SciPy numbers', () => {
    const {doc, code} = json(['drift', P, Q])
    expect(code).toBe(0)
    const cols = byName(doc)
    expect(
      doc.drift.columns
        .filter((c: any) => c.drifted)
        .map((c: any) => c.name)
        .sort(),
    ).toEqual(['b', 'color'])
    expect(doc.drift.columns.slice(0, 2).map((c: any) => c.name)).toEqual(['b', 'color'])
    expect(doc.drift).toMatchObject({drifted: 2, total: 5, share: 0.4})
    for (const name of ['a', 'b', 'c']) {
      const c = cols[name],
        e = expected[name]
      expect(c.kind).toBe('numeric')
      expect(rel(c.w1, e.w1)).toBeLessThan(1e-9)
      expect(rel(c.w1Normed, e.w1Normed)).toBeLessThan(1e-9)
      expect(Math.abs(c.ks - e.ks)).toBeLessThan(1e-9)
      expect(rel(c.ksPValue, e.ksPValue)).toBeLessThan(1e-6)
      expect(rel(c.jsd, e.jsd)).toBeLessThan(1e-9)
      expect(rel(c.psi, e.psi)).toBeLessThan(1e-9)
    }
    for (const name of ['color', 'size']) {
      const c = cols[name],
        e = expected[name]
      expect(c.kind).toBe('categorical')
      expect(rel(c.jsd, e.jsd)).toBeLessThan(1e-9)
      expect(rel(c.tvd, e.tvd)).toBeLessThan(1e-9)
      expect(rel(c.chi2PValue, e.chi2PValue)).toBeLessThan(1e-6)
      expect(c.newCategories).toEqual([])
    }
    expect(cols.color.stat).toBe('js-distance')
    expect(cols.b.stat).toBe('w1-normed')
  })

  it('an Arrow Q with a dictionary column gives the same numbers as the Parquet Q', () => {
    const a = json(['drift', P, Q]).doc.drift,
      b = json(['drift', P, 'fixtures/drift/q.arrow']).doc.drift
    expect(b).toEqual(a)
  })

  it('--by on one file gives the same numbers as two files, and never uses the label column', () => {
    const two = json(['drift', P, Q]).doc
    const one = json(['drift', BOTH, '--by', 'split', '--groups', 'ref,cur']).doc
    expect(one.drift).toEqual(two.drift)
    expect(one.groups).toEqual({by: 'split', p: 'ref', q: 'cur'})
    expect(one.p.columns).not.toContain('split')
    // Without --groups, P is the value on the first row (ref, though 'cur' sorts first); the report names both.
    const implicit = json(['drift', BOTH, '--by', 'split']).doc
    expect(implicit.groups).toEqual({by: 'split', p: 'ref', q: 'cur'})
    expect(implicit.p.path).toBe(`${BOTH}[split=ref]`)
    expect(implicit.drift).toEqual(two.drift)
    const table = runCli(['drift', BOTH, '--by', 'split'])
    expect(table.stdout).toMatch(/│ P +│ 3000 rows │ +│ fixtures\/drift\/both\.csv\[split=ref\]/)
  })

  it('--by works for the other commands too: w1 and compare give the two-file numbers', () => {
    const w1Two = json(['w1', P, Q, '--columns', 'b']).doc.w1,
      w1One = json(['w1', BOTH, '--by', 'split', '--groups', 'ref,cur', '--columns', 'b']).doc.w1
    expect(w1One).toEqual(w1Two)
    expect(rel(w1One.value, expected.b.w1)).toBeLessThan(1e-9)
    const cTwo = json(['compare', P, Q, '--only', 'columns']).doc,
      cOne = json(['compare', BOTH, '--by', 'split', '--groups', 'ref,cur', '--only', 'columns']).doc
    expect(cOne.columns).toEqual(cTwo.columns)
    expect(cOne.columns.columns[0].name).toBe('b')
    expect(cOne.p.columns).toEqual(['a', 'b', 'c'])
  })

  it('gates: exit 1 when the drifted share or a column passes its limit, 0 otherwise; printed in the gates table', () => {
    const pass = json(['drift', P, Q, '--max-drift-share', '0.5', '--max-psi', '1'])
    expect(pass.code).toBe(0)
    expect(pass.doc.passed).toBe(true)
    expect(pass.doc.gates.map((g: any) => g.name)).toEqual(['driftShare', 'maxPsi'])
    const fail = json(['drift', P, Q, '--max-drift-share', '0.3'])
    expect(fail.code).toBe(1)
    expect(fail.doc.gates[0]).toEqual({name: 'driftShare', threshold: 0.3, value: 0.4, passed: false})
    const w = runCli(['drift', P, Q, '--max-column-w1-normed', '0.5'])
    expect(w.code).toBe(1)
    expect(w.stdout).toMatch(/maxColumnW1Normed.*FAIL/)
  })

  it('--stat and --threshold change the decision', () => {
    const {doc} = json(['drift', P, Q, '--stat', 'ks-p,chi2-p', '--threshold', '1e-10,1e-10'])
    const cols = byName(doc)
    expect(cols.b.stat).toBe('ks-p')
    expect(cols.b.drifted).toBe(true)
    expect(cols.a.drifted).toBe(false)
    expect(cols.color.stat).toBe('chi2-p')
    expect(doc.drift.drifted).toBe(2)
  })

  it('a column constant in P gets w1Normed null with its reason; missing cells are counted, never NaN', () => {
    const r = runCli(['drift', 'fixtures/drift/const-p.csv', 'fixtures/drift/const-q.csv', '--json', '--quiet'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).not.toMatch(/NaN|Infinity/)
    const cols = byName(JSON.parse(r.stdout))
    expect(cols.flat.w1Normed).toBe(null)
    expect(cols.flat.w1NormedReason).toMatch(/constant/)
    expect(cols.flat.drifted).toBe(true)
    expect(cols.flat.reason).toMatch(/W1/)
    expect(cols.gaps.missing).toEqual({p: 20, q: 0})
    expect(cols.gaps.n).toEqual({p: 180, q: 150})
    const table = runCli(['drift', 'fixtures/drift/const-p.csv', 'fixtures/drift/const-q.csv'])
    expect(table.stdout).not.toMatch(/NaN/)
  })

  it('--categorical reads a numeric column as categories', () => {
    const {doc} = json([
      'drift',
      'fixtures/drift/const-p.csv',
      'fixtures/drift/const-q.csv',
      '--categorical',
      'flat',
      '--columns',
      'flat',
    ])
    const c = doc.drift.columns[0]
    expect(c.kind).toBe('categorical')
    expect(c.p.counts).toEqual({3: 200})
    expect(c.missingCategories).toEqual(['3'])
  })

  it('markdown for a pull request and an SVG of the top columns', () => {
    const svg = join(dir, 'drift.svg')
    const md = runCli(['drift', P, Q, '--format', 'markdown', '--plot', svg, '--max-drift-share', '0.3'])
    expect(md.code).toBe(1)
    expect(md.stdout).toMatch(/^## divergence drift/)
    expect(md.stdout).toMatch(/\| b \[num\] \| 0\.67\d* \| w1-normed \| DRIFTED/)
    expect(md.stdout).toMatch(/❌ FAIL/)
    const text = readFileSync(svg, 'utf8')
    expect(text).toMatch(/^<svg/)
    expect((text.match(/class="panel"/g) ?? []).length).toBe(5)
    expect(text).toMatch(/data-column="b"/)
  })

  it.each([
    [['drift', BOTH, '--by', 'nope'], /has no column 'nope' to split by/],
    [['drift', BOTH, '--by', 'split', '--groups', 'ref,zzz'], /no row has split = 'zzz'/],
    [['drift', BOTH, '--by', 'color'], /3 distinct values.*--groups/],
    [['drift', BOTH, '--by', 'split', '--groups', 'ref'], /--groups must name two values/],
    [['drift', P, Q, '--by', 'split'], /give one file, not two/],
    [['drift', P], /Q is missing/],
    [['w1', BOTH, '--by', 'split', '--groups', 'ref,ref'], /names 'ref' twice/],
    [['w1', BOTH, '--by', 'split', '--columns', 'split'], /label column/],
    [['drift', P, Q, '--stat', 'nope'], /unknown statistic/],
    [['drift', P, Q, '--stat', 'w1'], /no default threshold/],
    [['drift', P, Q, '--max-drift-share', 'x'], /must be a finite number/],
    [['drift', P, Q, '--columns', 'zz'], /has no column 'zz'/],
  ])('bad input %j → one line, exit 2', (args, message) => {
    const r = runCli(args as string[])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(message as RegExp)
  })
})

describe('drift summary line', () => {
  it('says how many columns drifted and which, and names a failed gate with value and threshold, on one line', () => {
    const r = runCli(['drift', 'fixtures/drift/p.csv', 'fixtures/drift/q.parquet', '--max-drift-share', '0.3'], {
      env: {COLUMNS: '60'},
    })
    expect(r.code).toBe(1)
    expect(r.stdout.split('\n')[0]).toBe(
      'drift: 2 of 5 columns drifted (40%): b, color · gates: 1 of 1 FAILED (driftShare 0.4 > 0.3)',
    )
  })
})
