import {describe, expect, it} from 'vitest'
import {readPair, readSampleSet} from '../../src/io/read.js'
import {runCli} from '../helpers/cli.js'

// Issue 13 item 4. Fixtures: fixtures/issue13/make.py (iris split in two random halves, written by pandas with the index).
const F = 'fixtures/issue13'
const FEATURES = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)']
const w1Of = (a: string, b: string, extra: string[] = []) => {
  const r = runCli(['w1', `${F}/${a}`, `${F}/${b}`, '--json', '--quiet', ...extra])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

describe('a pandas index is not a feature', () => {
  it('the unnamed first column of df.to_csv() is left out with a one-line note', async () => {
    const r = await readSampleSet(`${F}/iris-a.csv`, {seed: 1})
    expect(r.set.columns).toEqual(FEATURES)
    expect(r.index).toEqual([''])
    expect(r.warnings.filter((w) => /index/.test(w))).toHaveLength(1)
  })

  it('Parquet: __index_level_0__ and a named index (row_id) are found through the pandas metadata', async () => {
    for (const [file, name] of [
      ['iris-a.parquet', '__index_level_0__'],
      ['iris-a-rowid.parquet', 'row_id'],
    ]) {
      const r = await readSampleSet(`${F}/${file}`, {seed: 1})
      expect(r.set.columns).toEqual(FEATURES)
      expect(r.index).toEqual([name])
    }
  })

  it('iris halves give the W1 of the features alone, from CSV and Parquet alike', () => {
    const plain = w1Of('iris-a-noindex.csv', 'iris-b-noindex.csv').w1.value
    expect(plain).toBeLessThan(1)
    expect(w1Of('iris-a.csv', 'iris-b.csv').w1.value).toBe(plain)
    expect(w1Of('iris-a.parquet', 'iris-b.parquet').w1.value).toBe(plain)
    expect(w1Of('iris-a-rowid.parquet', 'iris-b-rowid.parquet').w1.value).toBe(plain)
  })

  it('info shows the index as "index (pandas)"', () => {
    const r = runCli(['info', `${F}/iris-a.parquet`, '--json', '--quiet'])
    const cols = JSON.parse(r.stdout).info.columns
    expect(cols.find((c: {name: string}) => c.name === '__index_level_0__')).toMatchObject({
      used: false,
      why: 'index (pandas)',
    })
    expect(runCli(['info', `${F}/iris-a.csv`]).stdout).toMatch(/\(unnamed\)\s*│ not used: index \(pandas\)/)
  })

  it('a likely row id (0..n−1) is named in a warning, and --exclude leaves it out', async () => {
    const r = await readSampleSet(`${F}/iris-a-id.csv`, {seed: 1})
    expect(r.set.columns).toEqual(['id', ...FEATURES])
    expect(r.warnings.join('\n')).toMatch(
      /column 'id' holds the integers 0\.\.74 in order: likely a row id[^\n]*⟨exclude⟩ id/,
    )
    const x = await readSampleSet(`${F}/iris-a-id.csv`, {seed: 1, exclude: ['id']})
    expect(x.set.columns).toEqual(FEATURES)
    expect(x.warnings.join('\n')).not.toMatch(/row id/)
    await expect(readSampleSet(`${F}/iris-a-id.csv`, {seed: 1, exclude: ['nope']})).rejects.toThrow(/no column 'nope'/)
    const cli = runCli(['info', `${F}/iris-a-id.csv`, '--exclude', 'id', '--json', '--quiet'])
    expect(JSON.parse(cli.stdout).info.columns[0]).toMatchObject({name: 'id', used: false, why: 'excluded (--exclude)'})
  })

  it('naming the index in --columns still uses it; a pair read keeps P and Q aligned', async () => {
    const r = await readSampleSet(`${F}/iris-a.parquet`, {seed: 1, columns: ['__index_level_0__', 'sepal length (cm)']})
    expect(r.set.columns).toEqual(['__index_level_0__', 'sepal length (cm)'])
    const pair = await readPair(`${F}/iris-a.parquet`, `${F}/iris-b.csv`, {seed: 1})
    expect(pair.p.set.columns).toEqual(pair.q.set.columns)
  })
})
