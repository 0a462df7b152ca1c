/**
 * `divergence drift` end to end on fixtures/drift (made by fixtures/drift/expected.py, which also computed the SciPy
 * values in expected.json): in Q exactly `b` (numeric) and `color` (categorical) moved.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli, shared} from '../helpers/cli.js'

const expected = JSON.parse(readFileSync(join(ROOT, 'fixtures/drift/expected.json'), 'utf8')).files
const P = 'fixtures/drift/p.csv',
  Q = 'fixtures/drift/q.parquet',
  BOTH = 'fixtures/drift/both.csv'
const dir = mkdtempSync(join(tmpdir(), 'divergence-drift-'))

// Shared: several tests check different parts of the same run (drift P Q is read by four).
const runJson = shared((args: string[]) => runCli([...args, '--json', '--quiet']))
const json = (args: string[]) => {
  const r = runJson(args)
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
    [
      ['drift', P, Q, '--max-drift-share', '2'],
      /--max-drift-share must be between 0 and 1 \(a share of the columns\), got 2/,
    ],
    [['drift', P, Q, '--max-psi', '-1'], /--max-psi must be ≥ 0, got -1/],
    [
      ['drift', P, Q, '--stat', 'ks-p', '--threshold', '2'],
      /--threshold 2 is out of range for ks-p \(a p-value level\)/,
    ],
    [
      ['drift', P, Q, '--stat', 'ks-p,chi2-p', '--threshold', '0.01'],
      /--threshold gives 1 value for 2 statistics; give one per --stat/,
    ],
    [['drift', P, Q, '--correction', 'bonferroni'], /correction/],
    [['drift', P, Q, '--exclude', 'zz'], /has no column 'zz' \(--exclude\)/],
  ])('bad input %j → one line, exit 2', (args, message) => {
    const r = runCli(args as string[])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(message as RegExp)
  })

  describe('issue 19 items 4 and 5, issue 20 item 3 (fixtures/drift/issue19.py, values in issue19.json)', () => {
    const ref = JSON.parse(readFileSync(join(ROOT, 'fixtures/drift/issue19.json'), 'utf8'))
    const D = 'fixtures/drift/'

    it('--exclude is honoured and the pandas index is not a feature, in CSV (to_csv) and Parquet (to_parquet)', () => {
      for (const [p, q] of [
        ['indexed-p.csv', 'indexed-q.csv'],
        ['indexed-p.parquet', 'indexed-q.parquet'],
        ['indexed-p.csv', 'indexed-q.parquet'],
      ]) {
        const r = runCli(['drift', D + p, D + q, '--exclude', 'noise', '--json'])
        expect(r.code, r.stderr).toBe(0)
        const doc = JSON.parse(r.stdout)
        expect(doc.p.columns).toEqual(['a', 'c'])
        expect(doc.warnings.join('\n')).toMatch(/is left out: an index is not a feature/)
      }
      // w1 leaves the same index out: one read path.
      const w1 = json(['w1', `${D}indexed-p.parquet`, `${D}indexed-q.parquet`]).doc
      expect(w1.p.columns).toEqual(['a', 'noise'])
    })

    it('a column 100 % missing in Q is drifted, and --max-drift-share 0 fails (it passed)', () => {
      const r = runCli([
        'drift',
        `${D}gone-p.csv`,
        `${D}gone-q.csv`,
        '--columns',
        'x',
        '--max-drift-share',
        '0',
        '--json',
      ])
      expect(r.code, r.stderr).toBe(1)
      const x = JSON.parse(r.stdout).drift.columns[0]
      expect(x).toMatchObject({name: 'x', drifted: true, missing: {p: 0, q: 200}, missingShare: {p: 0, q: 1}})
      expect(x.reason).toMatch(/every value of Q is missing/)
      const table = runCli(['drift', `${D}gone-p.csv`, `${D}gone-q.csv`, '--columns', 'x', '--format', 'markdown'])
      expect(table.stdout).toMatch(/DRIFTED .*missing 0 in P, 200 in Q \(0 % → 100 %\)/)
    })

    it('a zero-inflated column that moved has the reference PSI and JSD (both read 0)', () => {
      const z = json(['drift', `${D}zero-p.csv`, `${D}zero-q.csv`, '--stat', 'psi']).doc.drift.columns[0]
      expect(rel(z.psi, ref.zero.psi)).toBeLessThan(1e-9)
      expect(rel(z.jsd, ref.zero.jsd20)).toBeLessThan(1e-9)
      expect(z.ks).toBeCloseTo(ref.zero.ks, 12)
      expect(z.drifted).toBe(true)
    })

    it('--correction: adjusted p-values beside the raw ones, as statsmodels multipletests; ks-p decides on them', () => {
      const args = ['drift', `${D}many-p.csv`, `${D}many-q.csv`, '--stat', 'ks-p']
      const holm = json(args).doc.drift
      expect(holm.correction).toEqual({method: 'holm', tests: 61})
      for (const c of holm.columns) {
        const e = ref.many[c.name]
        expect(rel(c.ksPValue, e.ksPValue), c.name).toBeLessThan(1e-6)
        expect(rel(c.ksPValueAdjusted, e.holm), c.name).toBeLessThan(1e-6)
        expect(c.score).toBe(c.ksPValueAdjusted)
      }
      expect(holm.columns.filter((c: any) => c.drifted).map((c: any) => c.name)).toEqual(['moved'])
      const bh = json([...args, '--correction', 'bh']).doc.drift
      for (const c of bh.columns) expect(rel(c.ksPValueAdjusted, ref.many[c.name].bh), c.name).toBeLessThan(1e-6)
      // Uncorrected, chance alone drifts an unchanged column at 0.05 (s34, p = 0.0297 by SciPy).
      const none = json([...args, '--correction', 'none']).doc.drift
      expect(none.columns.filter((c: any) => c.drifted).map((c: any) => c.name)).toEqual(['moved', 's34'])
      const table = runCli([...args, '--format', 'markdown']).stdout
      expect(table).toMatch(/ok \(ks-p ≥ 0\.05, holm-adjusted\)/)
      expect(table).toMatch(
        /\| p-value correction \| holm \|.*over 61 per-column tests.*ks-p decided on the adjusted p-values/,
      )
      // The default statistics are not p-values: the correction is reported, the decision does not use it.
      expect(runCli(['drift', P, Q, '--format', 'markdown']).stdout).toMatch(/not used by the decision/)
    })

    it("--by: a bad value is reported at the file's data row, not the row within its group", () => {
      const file = join(dir, 'bad-row.csv')
      writeFileSync(file, 'g,x\nref,1\ncur,2\nref,3\ncur,oops\nref,5\ncur,6\n')
      const r = runCli(['w1', file, '--by', 'g'])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/\[g=cur\], data row 4: column 'x' has 'oops'/)
    })

    it('--by says how many rows had an empty label', () => {
      const file = join(dir, 'labels.csv')
      writeFileSync(
        file,
        `g,x\n${Array.from({length: 12}, (_, i) => `${['ref', 'cur', ''][i % 3]},${i}`).join('\n')}\n`,
      )
      const r = runCli(['drift', file, '--by', 'g', '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout).warnings).toContain(
        `${file}: 4 of 12 rows have an empty 'g' label (--by) and are in neither P nor Q`,
      )
    })
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

describe('drift --plot', () => {
  it('checks the path before any work (one line, exit 2) and says what it wrote', () => {
    const bad = runCli(['drift', 'fixtures/drift/p.csv', 'fixtures/drift/q.parquet', '--plot', '/no-such-folder/x.svg'])
    expect(bad.code).toBe(2)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toBe('Error: --plot: the folder /no-such-folder does not exist\n')
    const svg = join(mkdtempSync(join(tmpdir(), 'divergence-plot-')), 'drift.svg')
    const ok = runCli(['drift', 'fixtures/drift/p.csv', 'fixtures/drift/q.parquet', '--plot', svg])
    expect(ok.code).toBe(0)
    expect(ok.stderr).toContain(`wrote ${svg}\n`)
  })
})

describe('drift default table', () => {
  it('shows the data and the most moved columns; --verbose adds the statistics of every column', () => {
    const args = ['drift', 'fixtures/drift/p.csv', 'fixtures/drift/q.parquet']
    const brief = runCli(args, {env: {COLUMNS: '100'}})
    expect(brief.code).toBe(0)
    expect(brief.stdout.split('\n').length).toBeLessThanOrEqual(30)
    expect(brief.stdout).toMatch(/columns, most moved first/)
    expect(brief.stdout).not.toMatch(/column statistics/)
    expect(brief.stdout).toMatch(/--verbose: every part's table/)
    const full = runCli([...args, '--verbose'], {env: {COLUMNS: '100'}})
    expect(full.stdout).toMatch(/column statistics/)
  })
})
