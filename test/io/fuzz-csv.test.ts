/**
 * Fuzzing the CSV/TSV reader: random text, read through readSampleSet, either gives a valid
 * SampleSet or an InputError with a one-line message (test/io/fuzz-property.ts), never another exception, never a
 * hang. A valid numeric CSV written with String(x) reads back bit for bit.
 *
 * The runs are seeded so CI sees the same cases every time. When a property fails, fast-check prints the seed, the
 * path and the shrunk counterexample: rerun it with `{seed, path, endOnFailure: true}` in the fc.assert options,
 * then pin the case as a fixed regression test.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Readable} from 'node:stream'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {ReadOptions} from '../../src/io/options.js'
import {readSampleSet} from '../../src/io/read.js'
import {FUZZ_SCALE, fuzzRuns, type Outcome, outcomeOf} from './fuzz-property.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-fuzz-csv-'))
/** Per case: papaparse over a few hundred bytes takes milliseconds; 5 s means something is stuck. */
const CASE_MS = 5_000

// Text made of what CSV readers trip over: number pieces, separators, line ends, quotes, special tokens, a BOM.
const piece = fc.constantFrom(
  '0',
  '1',
  '2',
  '7',
  '9',
  '.',
  '-',
  '+',
  'e',
  'E',
  ',',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '"',
  '""',
  ' ',
  'a',
  'x',
  'w',
  'Z',
  'NaN',
  'nan',
  'NA',
  'null',
  'inf',
  '-inf',
  'Infinity',
  '1e999',
  '-1e999',
  '1e-400',
  '0x10',
  '1_000',
  '\uFEFF',
  'é',
  '😀',
)
const csvLike = fc.array(piece, {maxLength: 120}).map((parts) => parts.join(''))
const anyText = fc.string({unit: 'binary', maxLength: 200})
const cell = fc.oneof(
  {weight: 12, arbitrary: fc.double({noNaN: true, noDefaultInfinity: true}).map(String)},
  {weight: 8, arbitrary: fc.integer({min: -1000, max: 1000}).map((i) => (i % 3 === 0 ? ` ${i} ` : String(i)))},
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'NaN',
      'NA',
      'null',
      'inf',
      '-Infinity',
      '1e999',
      '-1e400',
      '1.5e',
      '.',
      '-',
      '1,5',
      '"1"',
      '"2.5"',
      '"a,b"',
      '"x\ny"',
      '"unterminated',
      '3 4',
      '0x1F',
      '1_000',
    ),
  },
  {weight: 1, arbitrary: fc.string({unit: 'grapheme-ascii', maxLength: 6})},
)
const headerName = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom('x', 'y', 'z', 'w', 'x0', 'x1', 'a b', '"q"', '"a,b"')},
  {weight: 1, arbitrary: fc.constantFrom('', 'x ', ' y', '\uFEFFx', '"multi\nline"', '😀')},
  {weight: 1, arbitrary: fc.string({unit: 'grapheme-ascii', maxLength: 4})},
)
/** A header and rows (usually as wide as the header), random line ends, BOM, trailing newline, blank lines. */
const table = fc
  .record({
    header: fc.uniqueArray(headerName, {minLength: 1, maxLength: 5}),
    rows: fc.array(fc.array(cell, {minLength: 0, maxLength: 6}), {minLength: 1, maxLength: 12}),
    tab: fc.boolean(),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    trailing: fc.boolean(),
    ragged: fc.integer({min: 0, max: 5}).map((k) => k === 0),
    blank: fc.integer({min: 0, max: 5}).map((k) => k === 0),
  })
  .map(({header, rows, tab, crlf, bom, trailing, ragged, blank}) => {
    const sep = tab ? '\t' : ','
    const eol = crlf ? '\r\n' : '\n'
    const fit = (row: string[]) => (ragged ? row : Array.from(header, (_, k) => row[k] ?? '0'))
    const lines = [header, ...rows.map(fit)].map((r) => r.join(sep))
    if (blank) lines.splice(1, 0, '', ' ')
    return (bom ? '\uFEFF' : '') + lines.join(eol) + (trailing ? eol : '')
  })
const text = fc.oneof({weight: 2, arbitrary: anyText}, {weight: 3, arbitrary: csvLike}, {weight: 6, arbitrary: table})
const options: fc.Arbitrary<ReadOptions> = fc.record({
  seed: fc.constant(1),
  dropMissing: fc.boolean(),
  weights: fc.oneof({weight: 4, arbitrary: fc.constant(undefined)}, {weight: 1, arbitrary: fc.constant('w')}),
  sample: fc.option(fc.integer({min: 1, max: 4}), {nil: undefined, freq: 4}),
})

let cases = 0
const name = (ext: string) => join(dir, `case-${++cases}.${ext}`)
/** Outcomes per property, so a fuzzer whose every case is refused at the first check cannot pass unnoticed. */
const tally = () => ({read: 0, refused: 0, messages: new Map<string, number>()})
function count(t: ReturnType<typeof tally>, outcome: Outcome): void {
  if (outcome.ok) t.read++
  else {
    t.refused++
    const kind = outcome.error.message.replace(/^.*?(:|,| is | has )/, '').slice(0, 40)
    t.messages.set(kind, (t.messages.get(kind) ?? 0) + 1)
  }
}
/** At least 5 % of the cases must get past the parser into a SampleSet, and 5 % must be refused. */
function expectBothOutcomes(t: ReturnType<typeof tally>): void {
  if (process.env.FUZZ_VERBOSE) console.log(t)
  const total = t.read + t.refused
  expect(t.read, 'cases read into a SampleSet').toBeGreaterThan(total / 20)
  expect(t.refused, 'cases refused').toBeGreaterThan(total / 20)
}

describe('CSV/TSV reader fuzzing', () => {
  it('random text from stdin: a valid SampleSet or a one-line InputError', {timeout: 60_000 * FUZZ_SCALE}, async () => {
    const seen = tally()
    await fc.assert(
      fc.asyncProperty(text, options, fc.constantFrom<'csv' | 'tsv'>('csv', 'tsv'), async (t, opts, format) => {
        const stdin = Readable.from([Buffer.from(t, 'utf8')])
        count(
          seen,
          await outcomeOf(readSampleSet('-', {...opts, format}, stdin), `stdin ${JSON.stringify(t)}`, CASE_MS),
        )
      }),
      fuzzRuns(0, 3000),
    )
    expectBothOutcomes(seen)
  })

  it('random text in a .csv/.tsv file (streamed): a valid SampleSet or a one-line InputError', {
    timeout: 60_000 * FUZZ_SCALE,
  }, async () => {
    const seen = tally()
    await fc.assert(
      fc.asyncProperty(text, options, fc.constantFrom('csv', 'tsv'), async (t, opts, ext) => {
        const path = name(ext)
        writeFileSync(path, t)
        count(seen, await outcomeOf(readSampleSet(path, opts), `${path} ${JSON.stringify(t)}`, CASE_MS))
      }),
      fuzzRuns(1, 600),
    )
    expectBothOutcomes(seen)
  })

  it('a valid numeric CSV/TSV written with String(x) reads back bit for bit', {
    timeout: 60_000 * FUZZ_SCALE,
  }, async () => {
    const matrix = fc.record({n: fc.integer({min: 1, max: 40}), d: fc.integer({min: 1, max: 6})}).chain(({n, d}) =>
      fc.record({
        n: fc.constant(n),
        d: fc.constant(d),
        values: fc.array(fc.double({noNaN: true, noDefaultInfinity: true}), {minLength: n * d, maxLength: n * d}),
      }),
    )
    await fc.assert(
      fc.asyncProperty(matrix, fc.boolean(), fc.boolean(), fc.boolean(), async ({n, d, values}, tab, crlf, bom) => {
        const sep = tab ? '\t' : ','
        const eol = crlf ? '\r\n' : '\n'
        const columns = Array.from({length: d}, (_, k) => `c${k}`)
        const lines = [columns.join(sep)]
        for (let i = 0; i < n; i++)
          lines.push(
            values
              .slice(i * d, i * d + d)
              .map(String)
              .join(sep),
          )
        const path = name(tab ? 'tsv' : 'csv')
        writeFileSync(path, (bom ? '\uFEFF' : '') + lines.join(eol) + eol)
        const outcome = await outcomeOf(readSampleSet(path, {seed: 1}), path, CASE_MS)
        if (!outcome.ok) throw new Error(`${path}: a valid numeric file was refused: ${outcome.error.message}`)
        const {set} = outcome.result
        expect([set.n, set.d, set.columns]).toEqual([n, d, columns])
        // String(-0) is '0': the value written is what must come back, bit for bit (Object.is tells -0 from 0).
        for (let i = 0; i < n * d; i++) {
          const written = Number(String(values[i]))
          if (!Object.is(set.data[i], written))
            throw new Error(`${path}: value ${i} wrote ${String(values[i])}, read ${set.data[i]}`)
        }
      }),
      fuzzRuns(2, 300),
    )
  })
})
