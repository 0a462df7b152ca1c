/**
 * `divergence info` as a user runs it: the column statistics of a file small enough to check by hand, the matrix the
 * reader flags select, stdin for CSV and for an Arrow stream, and --sample. (More info/gen round trips:
 * info-gen.test.ts.)
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli.js'

// x = 1, 2, 6 (sum 9, mean 3); y = 10, 20, -30 (sum 0); w = 1, 0, 3 (sum 4, mean 4/3); label is text.
const SMALL = 'x,y,w,label\n1,10,1,a\n2,20,0,b\n6,-30,3,c\n'

describe('divergence info', () => {
  it('lists every column with min/mean/max/sum and why it is or is not used (CSV on stdin)', () => {
    const r = runCli(['info', '-', '--json', '--weights', 'w', '--columns', 'y,x'], {input: SMALL})
    expect(r.code, r.stderr).toBe(0)
    const info = JSON.parse(r.stdout).info
    expect(info).toMatchObject({format: 'csv', rows: 3, n: 3, d: 2})
    const cols = Object.fromEntries(info.columns.map((c: {name: string}) => [c.name, c]))
    expect(cols.x).toMatchObject({type: 'number', used: true, min: 1, mean: 3, max: 6, sum: 9})
    expect(cols.y).toMatchObject({used: true, min: -30, mean: 0, max: 20, sum: 0})
    expect(cols.w).toMatchObject({used: false, min: 0, max: 3, sum: 4})
    expect(cols.w.mean).toBeCloseTo(4 / 3, 15)
    expect(cols.label).toMatchObject({type: 'string', used: false, min: null, sum: null})
  })

  it('inspects a file with missing values instead of refusing it: missing counts per column, rows with a gap counted', () => {
    const input = 'a,b,c\n1,,x\n2,NaN,y\n3,4,z\n,5,w\n'
    const r = runCli(['info', '-', '--json'], {input})
    expect(r.code, r.stderr).toBe(0)
    const info = JSON.parse(r.stdout).info
    expect(info).toMatchObject({rows: 4, n: 1, d: 2, dropped: 3, missingRows: 3})
    expect(info.columns.map((c: {missing: number}) => c.missing)).toEqual([1, 2, 0])
    const table = runCli(['info', '-'], {input, env: {COLUMNS: '100'}})
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/rows with a missing value\s*│ 3/)
    expect(table.stdout).toMatch(/b\s*│ used\s*│ number\s*│ min 4 {2}mean 4\.5 {2}max 5 {2}sum 9 {2}\(2 missing\)/)
    // A comparison still refuses them without --drop-missing.
    expect(runCli(['w1', '-', 'fixtures/examples/real.csv'], {input}).code).toBe(2)
  })

  it('prints a table with the n × d matrix by default', () => {
    const r = runCli(['info', '-'], {input: SMALL})
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/matrix used\s*│ 3 × 3/)
    expect(r.stdout).toMatch(/x\s*│ used\s*│ number\s*│ min 1 {2}mean 3 {2}max 6 {2}sum 9/)
    expect(r.stdout).toMatch(/label\s*│ not used: not numeric/)
  })

  it('reads an Arrow IPC stream from stdin by its continuation marker', () => {
    const r = runCli(['info', '-', '--json'], {input: readFileSync(join(ROOT, 'fixtures/interop/samples.arrows'))})
    expect(r.code, r.stderr).toBe(0)
    const info = JSON.parse(r.stdout).info
    // fixtures/interop/expected.json: 500 rows; id, x0..x4 numeric, label text.
    expect(info).toMatchObject({format: 'arrow', rows: 500, n: 500, d: 6})
    const expected = JSON.parse(readFileSync(join(ROOT, 'fixtures/interop/expected.json'), 'utf8'))
    expect(info.columns.find((c: {name: string}) => c.name === 'x2').sum).toBeCloseTo(expected.column_sums.x2, 10)
  })

  it('--sample N keeps N rows of the file', () => {
    const r = runCli(['info', 'fixtures/interop/samples_zstd.parquet', '--sample', '37', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).info).toMatchObject({format: 'parquet', rows: 500, n: 37, d: 6})
  })
})
