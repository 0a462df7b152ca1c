/**
 * loadPair, the entry every comparison command uses: reader flags → readPair → optional --standardize, with the
 * warnings the readers raised, and the parsed columns released (only `info` needs them).
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadOne, loadPair} from '../../src/cli/load.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-load-'))
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}

describe('loadPair', () => {
  const p = file('p.csv', 'x,y,w\n0,10,1\n2,30,1\nNaN,0,1\n')
  const q = file('q.csv', 'x,y,w\n4,50,1\n6,70,3\n')

  it('reads both sets with the reader flags, collects warnings, and keeps only column names of the parsed table', async () => {
    const r = await loadPair({p, q}, {seed: 1, 'drop-missing': true, weights: 'w'})
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
    const r = await loadPair({p, q}, {seed: 1, 'drop-missing': true, standardize: true, columns: 'x'})
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
