/**
 * Issue 19 items 2, 3, 5 and 7 (the readers): no column is lost without a word, each column has one logical type,
 * and what pandas and pyarrow wrote reads back as they meant it. Expected values: fixtures/pandas/expected.json,
 * written by fixtures/pandas/make.py with pyarrow; pandas' NA tokens and its reading of `""` from
 * test/io/reference/pandas_na_values.py.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseArrow} from '../../src/io/arrow.js'
import {driftColumns} from '../../src/io/columns.js'
import {parseDelimited} from '../../src/io/csv.js'
import {
  isMissingToken,
  missingTokens,
  PANDAS_NA_VALUES,
  parseCommaNumber,
  parseIsoDate,
  parseIsoTimestamp,
} from '../../src/io/number.js'
import {parseParquet} from '../../src/io/parquet.js'
import {readPair, readSampleSet, readTable} from '../../src/io/read.js'
import {reconcileTables} from '../../src/io/reconcile.js'
import type {RawTable} from '../../src/io/table.js'
import {ROOT} from '../helpers/cli.js'

const PANDAS = `${ROOT}fixtures/pandas/`
const expected = JSON.parse(readFileSync(`${PANDAS}expected.json`, 'utf8')) as Record<string, number[]>
const dir = mkdtempSync(join(tmpdir(), 'divergence-types-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const csv = (text: string, extra: {delimiter?: string; naValues?: string[]} = {}, keep = false) =>
  parseDelimited(
    text,
    {
      delimiter: extra.delimiter ?? ',',
      header: true,
      naValues: extra.naValues ? new Set(extra.naValues) : undefined,
    },
    't.csv',
    () => keep,
  )
const column = (t: RawTable, name: string) => t.columns.find((c) => c.name === name)!

describe('missing values: pandas defaults, and --na-values for other markers', () => {
  it('has exactly the 19 tokens of pandas 3.0.6 STR_NA_VALUES', () => {
    // printed by test/io/reference/pandas_na_values.py
    expect([...PANDAS_NA_VALUES].sort()).toEqual(
      [
        '',
        '#N/A',
        '#N/A N/A',
        '#NA',
        '-1.#IND',
        '-1.#QNAN',
        '-NaN',
        '-nan',
        '1.#IND',
        '1.#QNAN',
        '<NA>',
        'N/A',
        'NA',
        'NULL',
        'NaN',
        'None',
        'n/a',
        'nan',
        'null',
      ].sort(),
    )
    for (const token of PANDAS_NA_VALUES) expect(isMissingToken(` ${token} `), token).toBe(true)
    expect(isMissingToken('-')).toBe(false)
    expect(isMissingToken('-', new Set(['-']))).toBe(true)
  })

  it('missingTokens spells out exactly what isMissingToken accepts, for DuckDB nullstr', () => {
    const tokens = missingTokens()
    for (const t of tokens) expect(isMissingToken(t), t).toBe(true)
    // every case mix of the five words: nan 8, na 4, null 16, none 16, n/a 4 spellings
    for (const w of ['nan', 'na', 'null', 'none', 'n/a'])
      expect(tokens.filter((t) => t.toLowerCase() === w).length, w).toBe(2 ** w.replace('/', '').length)
    for (const t of ['N/a', 'nULL', 'nOnE', 'nA']) expect(tokens).toContain(t)
    for (const t of ['-', 'n', 'nul', 'NaNa']) expect(tokens).not.toContain(t)
  })

  it('a numeric column that is mostly n/a, N/A, #N/A is numeric with missing cells, not text', async () => {
    const rows = ['x,y', '1,n/a', '2,N/A', '3,#N/A', '4,7.5', '5,NULL', '6,<NA>']
    const t = await csv(`${rows.join('\n')}\n`)
    const y = column(t, 'y')
    expect(y.type).toBe('number')
    expect(Array.from(y.values!)).toEqual([Number.NaN, Number.NaN, Number.NaN, 7.5, Number.NaN, Number.NaN])
    expect(y.raw!(0)).toBe('n/a')
  })

  it("'-' is text unless declared: the column is left out by name, with --na-values suggested", async () => {
    const r = await readSampleSet(`${PANDAS}dash-na.csv`, {seed: 1})
    expect(r.set.columns).toEqual(['a'])
    expect(r.warnings).toContainEqual(
      expect.stringMatching(
        /dash-na\.csv: not numeric, left out: 'b' \(string; 12 of 20 non-missing cells are text, e\.g\. '-'\); if '-' marks a missing value, give ⟨naValues⟩=-/,
      ),
    )
    const declared = await readSampleSet(`${PANDAS}dash-na.csv`, {seed: 1, naValues: ['-'], dropMissing: true})
    expect(declared.set.columns).toEqual(['a', 'b'])
    expect(declared.dropped).toBe(12)
  })

  it('a line `""` of a one-column CSV is a missing value (pandas: [1, NaN, 2]); a blank line is skipped', async () => {
    for (const eol of ['\n', '\r\n']) {
      const t = await csv(['x', '1', '""', '', '2', '""'].join(eol))
      expect(t.rows).toBe(4)
      expect(Array.from(column(t, 'x').values!)).toEqual([1, Number.NaN, 2, Number.NaN])
    }
  })
})

describe('dates, timestamps, decimals, float16 and big integers are numbers, named as such', () => {
  it('Parquet decimal128, float16, date32, timestamp[ns], int64 read as pyarrow reads them', async () => {
    const t = await parseParquet(readFileSync(`${PANDAS}types.parquet`), 'types.parquet')
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['price', 'decimal(10, 2)'],
      ['half', 'float16'],
      ['on', 'date32 → seconds since 1970-01-01'],
      ['at', 'timestamp[ns] → seconds since 1970-01-01'],
      ['k', 'int64'],
    ])
    for (const name of ['price', 'half', 'on', 'k'])
      expect(Array.from(column(t, name).values!), name).toEqual(expected[name])
    const at = column(t, 'at').values!
    for (let r = 0; r < at.length; r++) expect(Math.abs(at[r] - expected.at[r])).toBeLessThan(1e-6)
  })

  it('the same table as an Arrow IPC file reads the same (decimal128, float16, date32, timestamp[ns], int64)', async () => {
    const t = parseArrow(readFileSync(`${PANDAS}types.arrow`), 'types.arrow')
    expect(t.columns.map((c) => [c.name, c.logical])).toEqual([
      ['price', undefined],
      ['half', undefined],
      ['on', 'date'],
      ['at', 'timestamp'],
      ['k', undefined],
    ])
    expect(column(t, 'at').type).toBe('timestamp[ns] → seconds since 1970-01-01')
    for (const name of ['price', 'half', 'on', 'k'])
      expect(Array.from(column(t, name).values!), name).toEqual(expected[name])
    const at = column(t, 'at').values!
    for (let r = 0; r < at.length; r++) expect(Math.abs(at[r] - expected.at[r])).toBeLessThan(1e-6)
  })

  it('every command reads them: all five are the default selection', async () => {
    const r = await readSampleSet(`${PANDAS}types.parquet`, {seed: 1})
    expect(r.set.columns).toEqual(['price', 'half', 'on', 'at', 'k'])
    expect(r.warnings).toContainEqual(
      "fixtures/pandas/types.parquet: column 'at' is a timestamp, read as seconds since 1970-01-01 (timestamp[ns] → seconds since 1970-01-01)".replace(
        'fixtures/pandas/',
        PANDAS,
      ),
    )
  })

  it('int64 values above 2^53 are rounded, and said so (Parquet and CSV)', async () => {
    const t = await parseParquet(readFileSync(`${PANDAS}big-int.parquet`), 'big-int.parquet')
    expect(t.warnings).toEqual([
      "big-int.parquet: column 'id' holds values beyond 2^53 (e.g. 9007199254740993), which a float64 cannot hold exactly; they are rounded to the nearest float64",
    ])
    const c = await csv('id,x\n9007199254740993,1\n5,2\n')
    expect(c.warnings).toEqual([
      "t.csv: column 'id' holds integers beyond 2^53 (e.g. 9007199254740993), which a float64 cannot hold exactly; they are rounded to the nearest float64",
    ])
    expect((await csv('id,x\n9007199254740992,1\n5,2\n')).warnings).toBeUndefined()
  })

  it('ISO dates and timestamps in CSV: seconds since 1970-01-01 (a date at its midnight), as in the Parquet of the same frame', async () => {
    // closed forms: 2024-01-01 is day 19723 (pyarrow date32); 1970-01-01T00:00:00Z is 0
    expect(parseIsoDate('2024-01-01')).toBe(19723)
    expect(parseIsoDate('1969-12-31')).toBe(-1)
    expect(parseIsoDate('2023-02-29')).toBeNaN()
    expect(parseIsoTimestamp('1970-01-01 00:00:00')).toBe(0)
    expect(parseIsoTimestamp('1970-01-01T01:00:00+01:00')).toBe(0)
    expect(parseIsoTimestamp('2024-01-01T00:00:00.25Z')).toBe(19723 * 86400 + 0.25)
    const t = await parseDelimited(readFileSync(`${PANDAS}frame.csv`, 'utf8'), {delimiter: ',', header: true}, 'f')
    expect(column(t, 'when').type).toBe('timestamp → seconds since 1970-01-01')
    expect(Array.from(column(t, 'when').values!)).toEqual(expected.frame_when_seconds)
    expect(column(t, 'day').logical).toBe('date')
  })
})

describe('one logical type per column, decided from both files', () => {
  it('pandas to_csv() and to_parquet() of one frame: the same numeric columns and the same values', async () => {
    for (const name of ['frame.csv', 'frame-na.csv']) {
      const {p, q} = await readPair(`${PANDAS}${name}`, `${PANDAS}frame.parquet`, {seed: 1, dropMissing: true})
      expect(p.set.columns).toEqual(['x', 'count', 'when', 'day', 'with_nan', 'mostly_na'])
      expect(q.set.columns).toEqual(p.set.columns)
      expect(Array.from(q.set.data)).toEqual(Array.from(p.set.data))
    }
  })

  it('booleans True/False (CSV) and BOOLEAN (Parquet) are the same categories false/true', async () => {
    const a = await readTable(`${PANDAS}frame.csv`, {seed: 1, keepText: true})
    const b = await readTable(`${PANDAS}frame.parquet`, {seed: 1, keepText: true})
    const fa = column(a.table, 'flag'),
      fb = column(b.table, 'flag')
    expect([fa.logical, fb.logical]).toEqual(['boolean', 'boolean'])
    const text = (c: typeof fa) => Array.from(c.categories!.codes, (k) => c.categories!.levels[k])
    expect(text(fa)).toEqual(text(fb))
  })

  it('0/1 against booleans is boolean; a date against a timestamp is seconds on both sides', async () => {
    const p = await csv('f,d\n1,2024-01-02\n0,2024-01-03\n', {}, true)
    const q = await csv('f,d\ntrue,2024-01-02 12:00:00\nFALSE,2024-01-03 00:00:00\n', {}, true)
    const r = reconcileTables(p, q, {p: 'p', q: 'q'})
    expect(column(r.p, 'f').categories).toEqual({codes: Int32Array.from([1, 0]), levels: ['false', 'true']})
    expect(Array.from(column(r.p, 'd').values!)).toEqual([19724 * 86400, 19725 * 86400])
    expect(column(r.q, 'd').values![0]).toBe(19724 * 86400 + 43200)
  })

  it('a decimal comma in a ;-separated file is a number (same values as the , file)', async () => {
    expect(parseCommaNumber('-0,739')).toBe(-0.739)
    expect(parseCommaNumber('1.5')).toBeNaN()
    const {p, q} = await readPair(`${PANDAS}comma.csv`, `${PANDAS}semicolon.csv`, {seed: 1})
    expect(q.set.columns).toEqual(['a', 'b'])
    expect(Array.from(q.set.data)).toEqual(Array.from(p.set.data))
  })

  it('numbers in one file and text in the other: refused, naming the column and both types', async () => {
    const p = file('num.csv', 'x,y\n1,2\n3,4\n5,6\n')
    const q = file('text.csv', 'x,y\n1,a\n3,b\n5,6\n')
    await expect(readPair(p, q, {seed: 1})).rejects.toThrow(
      /^column 'y' is numeric \(number\) in P \(.*num\.csv\) but text \(string; 2 of 3 non-missing cells are text, e\.g\. 'a', 'b'\) in Q \(.*text\.csv\); one column must have one type/,
    )
    // Left out of the comparison, it is not refused.
    const ok = await readPair(p, q, {seed: 1, exclude: ['y']})
    expect(ok.q.set.columns).toEqual(['x'])
  })

  it('columns are matched by name whatever their order', async () => {
    const {p, q} = await readPair(`${PANDAS}frame.parquet`, `${PANDAS}frame-reordered.parquet`, {
      seed: 1,
      dropMissing: true,
    })
    expect(q.set.columns).toEqual(p.set.columns)
    expect(Array.from(q.set.data)).toEqual(Array.from(p.set.data))
  })

  it('repeated column names in Parquet are refused when the table is read (drift too)', async () => {
    await expect(readTable(`${PANDAS}dup-names.parquet`, {seed: 1, keepText: true})).rejects.toThrow(
      /dup-names\.parquet: column name 'a' appears twice in the schema/,
    )
  })

  it('drift: ISO date strings held as text (a Parquet string column) are dates, not 40 categories', () => {
    const days = Array.from({length: 40}, (_, i) => `2024-02-${String((i % 28) + 1).padStart(2, '0')}`)
    const text = (values: string[]): RawTable => {
      const levels = [...new Set(values)]
      return {
        rows: values.length,
        columns: [
          {name: 'd', type: 'string', categories: {codes: Int32Array.from(values, (v) => levels.indexOf(v)), levels}},
        ],
      }
    }
    const s = driftColumns(text(days), text(days), {p: 'p', q: 'q'}, {})
    expect(s.columns.map((c) => [c.name, c.kind])).toEqual([['d', 'numeric']])
    // 2024-02-01 is day 19754 (19723 for 2024-01-01, plus 31), at 86 400 s a day
    expect((s.columns[0].p as Float64Array)[0]).toBe(19754 * 86400)
    expect(s.warnings).toEqual([])
  })
})
