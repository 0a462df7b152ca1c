/**
 * src/io/load.ts, the one read path of every command: loadPair (read options → readPair or readGroups → optional
 * standardisation, with the warnings the readers raised, and the parsed columns released: only `info` needs them),
 * loadOne, and loadColumns for `drift` with the same column rules and the same sampling convention.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadColumns, loadOne, loadPair} from '../../src/io/load.js'
import {readSampleSet} from '../../src/io/read.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-load-'))
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}

describe('loadPair', () => {
  const p = file('p.csv', 'x,y,w\n0,10,1\n2,30,1\nNaN,0,1\n')
  const q = file('q.csv', 'x,y,w\n4,50,1\n6,70,3\n')

  it('reads both sets with the reader flags, collects warnings, and keeps only column names of the parsed table', async () => {
    const r = await loadPair({p, q}, {seed: 1, dropMissing: true, weights: 'w'})
    expect([r.p.n, r.p.d, r.q.n, r.q.d]).toEqual([2, 2, 2, 2])
    expect(Array.from(r.q.weights!)).toEqual([0.25, 0.75])
    expect(r.warnings).toEqual([
      `${p}: dropped 1 of 3 rows with a missing or non-finite value (⟨dropMissing⟩)`,
      'weights were normalised to sum 1 in each set',
    ])
    expect(r.reads.p.table.columns).toEqual([
      {name: 'x', type: 'number'},
      {name: 'y', type: 'number'},
      {name: 'w', type: 'number'},
    ])
    expect(r.standardization).toBeUndefined()
  })

  it('--standardize z-scores with the pooled mean and std of P ∪ Q', async () => {
    const r = await loadPair({p, q}, {seed: 1, dropMissing: true, columns: ['x']}, {standardize: true})
    // Pooled x = 0, 2, 4, 6: mean 3; every standardised value is (x − 3)/s for one s > 0, so P = −Q mirrored.
    expect(Array.from(r.p.data).map((v, i) => v + r.q.data[1 - i])).toEqual([0, 0])
    // Population std of 0, 2, 4, 6 is √5 (src/core/standardize.ts: unweighted, population).
    expect(r.p.data[0]).toBeCloseTo(-3 / Math.sqrt(5), 14)
    expect(r.standardization).toBeDefined()
  })

  it('loadOne keeps the parsed columns for info', async () => {
    const one = await loadOne(q, {seed: 1})
    expect(Array.from(one.table.columns[1].values!)).toEqual([50, 70])
  })
})

/** The values of a drift column pair's numeric side, sorted (drift's statistics never depend on row order). */
const sorted = (v: unknown) => Array.from(v as Float64Array).sort((a, b) => a - b)

describe('loadColumns (drift) takes the read path of the other commands (issue 19 item 4)', () => {
  const rows = Array.from({length: 40}, (_, i) => `${i},${(i * 7) % 11},${i % 3 === 0 ? 'a' : 'b'},${i * 0.5}`)
  const frame = file('frame.csv', `,x,label,y\n${rows.join('\n')}\n`)

  it('--exclude leaves a column out (it was ignored)', async () => {
    const r = await loadColumns({p: frame, q: frame}, {seed: 1, exclude: ['y']}, {})
    expect(r.columns.map((c) => c.name)).toEqual(['x', 'label'])
  })

  it('an unknown --exclude name is refused, as the other commands refuse it', async () => {
    await expect(loadColumns({p: frame, q: frame}, {seed: 1, exclude: ['nope']}, {})).rejects.toThrow(
      /has no column 'nope' \(⟨exclude⟩\)/,
    )
  })

  it("the pandas index (to_csv's unnamed first column) is not a feature, with a warning, as in w1 and info", async () => {
    const r = await loadColumns({p: frame, q: frame}, {seed: 1}, {})
    expect(r.columns.map((c) => c.name)).toEqual(['x', 'label', 'y'])
    expect(r.warnings.join('\n')).toMatch(/the unnamed first column \(the index df\.to_csv\(\) writes\) is left out/)
    const w1 = await loadPair({p: frame, q: frame}, {seed: 1})
    expect(w1.p.columns).toEqual(['x', 'y'])
    // Named in --columns, it is used.
    expect((await loadColumns({p: frame, q: frame}, {seed: 1, columns: ['']}, {})).columns.map((c) => c.name)).toEqual([
      '',
    ])
  })

  it('--sample N draws the rows w1 draws: the same seed for P and Q (drift used seed and seed + 1)', async () => {
    const r = await loadColumns({p: frame, q: frame}, {seed: 7, sample: 9}, {})
    const x = r.columns.find((c) => c.name === 'x')!
    const w1 = await readSampleSet(frame, {seed: 7, sample: 9, columns: ['x']})
    expect(sorted(x.p)).toEqual(sorted(w1.set.data))
    expect(sorted(x.q)).toEqual(sorted(x.p))
    expect(sorted(x.p)).toHaveLength(9)
  })

  it('--sample N at or above the row count says so, as for the other commands', async () => {
    const r = await loadColumns({p: frame, q: frame}, {seed: 7, sample: 40}, {})
    expect(r.warnings).toContain(`${frame}: ⟨sample⟩ 40 is not fewer than the 40 rows there are; all of them are used`)
  })

  it('--drop-missing drops the rows with a missing value in a compared column, and counts them', async () => {
    const gaps = file('gaps.csv', 'x,c\n1,a\n,b\n3,\n4,a\n')
    const kept = await loadColumns({p: gaps, q: frame}, {seed: 1, dropMissing: true, columns: ['x']}, {})
    expect(sorted(kept.columns[0].p)).toEqual([1, 3, 4])
    expect(kept.warnings).toContain(
      `${gaps}: dropped 1 of 4 rows with a missing value in a compared column (⟨dropMissing⟩)`,
    )
    const whole = await loadColumns({p: gaps, q: gaps}, {seed: 1}, {})
    expect(Array.from(whole.columns[0].p as Float64Array).filter(Number.isNaN)).toHaveLength(1)
  })
})

describe('--by: rows with an empty label and row numbers (issue 19 item 8)', () => {
  const labelled = file('labelled.csv', 'g,x\nref,1\nref,2\n,3\ncur,4\n,5\ncur,oops\ncur,7\n')

  it('says how many rows had an empty label (they are in neither group)', async () => {
    const msg = `${labelled}: 2 of 7 rows have an empty 'g' label (⟨by⟩) and are in neither P nor Q`
    const pair = await loadPair({p: labelled}, {seed: 1, by: 'g', dropMissing: true})
    expect(pair.warnings).toContain(msg)
    const drift = await loadColumns({p: labelled}, {seed: 1, by: 'g'}, {})
    expect(drift.warnings).toContain(msg)
  })

  it("an error names the file's data row, not the row within the group", async () => {
    // 'oops' is on data row 6 of the file; it is row 2 of the group cur.
    await expect(loadPair({p: labelled}, {seed: 1, by: 'g'})).rejects.toThrow(/data row 6: column 'x' has 'oops'/)
  })

  it('--exclude of the label column itself changes nothing', async () => {
    const r = await loadColumns({p: labelled}, {seed: 1, by: 'g', exclude: ['g']}, {})
    expect(r.columns.map((c) => c.name)).toEqual(['x'])
  })

  it('the pandas index stays out of a --by group', async () => {
    const indexed = file('indexed.csv', ',g,x\n0,ref,1\n1,ref,2\n2,cur,3\n3,cur,5\n')
    const pair = await loadPair({p: indexed}, {seed: 1, by: 'g'})
    expect(pair.p.columns).toEqual(['x'])
  })
})
