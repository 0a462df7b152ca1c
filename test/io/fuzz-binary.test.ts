/**
 * Fuzzing the Parquet and Arrow readers: each valid interop fixture, randomly corrupted (bytes
 * flipped, cut short, random bytes spliced in, a range zeroed, a range duplicated), read through readSampleSet,
 * either gives a valid SampleSet or an InputError with a one-line message (test/io/fuzz-property.ts), never another
 * exception, never a hang. Half the positions fall in the first or last 2 KiB, where the magic, the schema, the
 * Parquet footer and the Arrow file footer live; the rest anywhere (data pages: a flipped byte there usually just
 * changes a number, which no reader can notice, since pyarrow writes no page checksums).
 *
 * Seeded: CI replays the same cases. When a property fails, fast-check prints the seed, the path and the shrunk
 * corruption: rerun it with `{seed, path, endOnFailure: true}`, then pin the bytes as a fixed regression test in
 * test/io/fuzz-regressions.test.ts. FUZZ_SEED / FUZZ_SCALE explore further (test/io/fuzz-property.ts). A synchronous
 * endless loop or a heap blow-up kills the worker without a counterexample: FUZZ_LOG=<file> appends each case (its
 * temp file and corruption) before it is read, so the last line names the culprit.
 */
import {appendFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {ReadOptions} from '../../src/io/options.js'
import {readSampleSet} from '../../src/io/read.js'
import {ROOT} from '../helpers/cli.js'
import {FUZZ_SCALE, fuzzRuns, outcomeOf} from './fuzz-property.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-fuzz-bin-'))
/** Per case: reading a ~30 KB fixture takes tens of milliseconds; 10 s means a loop that does not end. */
const CASE_MS = 10_000
/** Cases per fixture (about 4 s for all 16). It was 30 while two hyparquet level-decoding bugs (a V8 abort, a hang;
 * about 1 case in 1000) were open; the vendored hyparquet (vendor/hyparquet/VENDORED.md) fixes them (test/io/fuzz-regressions.test.ts). */
const RUNS = 100

/** Every valid binary fixture, with the options that read it whole (expected.json). */
const FIXTURES: [string, ReadOptions][] = [
  ...['snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'none', 'bss', 'v2page', 'rowgroups'].map(
    (c): [string, ReadOptions] => [`samples_${c}.parquet`, {seed: 1}],
  ),
  ['with_nulls.parquet', {seed: 1, dropMissing: true}],
  ['embedding.parquet', {seed: 1, column: 'embedding'}],
  ['samples.arrow', {seed: 1}],
  ['samples_lz4.arrow', {seed: 1}],
  ['samples_zstd.arrow', {seed: 1}],
  ['samples.arrows', {seed: 1}],
  ['embedding.arrow', {seed: 1, column: 'embedding'}],
]

/** A position in a file of `size` bytes: half the time near either end (metadata), else anywhere. */
const position = (size: number) =>
  fc.oneof(
    fc.integer({min: 0, max: size - 1}),
    fc.integer({min: 0, max: Math.min(2047, size - 1)}),
    fc.integer({min: Math.max(0, size - 2048), max: size - 1}),
  )

type Corruption =
  | {kind: 'flip'; at: number[]; xor: number[]}
  | {kind: 'truncate'; length: number}
  | {kind: 'splice'; at: number; bytes: Uint8Array}
  | {kind: 'zero'; at: number; length: number}
  | {kind: 'duplicate'; from: number; length: number; at: number}

function corruption(size: number): fc.Arbitrary<Corruption> {
  const at = position(size)
  return fc.oneof(
    fc.record({
      kind: fc.constant('flip' as const),
      at: fc.array(at, {minLength: 1, maxLength: 20}),
      xor: fc.array(fc.integer({min: 1, max: 255}), {minLength: 20, maxLength: 20}),
    }),
    fc.record({
      kind: fc.constant('truncate' as const),
      length: fc.oneof(fc.integer({min: 0, max: size - 1}), fc.integer({min: Math.max(0, size - 64), max: size - 1})),
    }),
    fc.record({kind: fc.constant('splice' as const), at, bytes: fc.uint8Array({minLength: 1, maxLength: 64})}),
    fc.record({kind: fc.constant('zero' as const), at, length: fc.integer({min: 1, max: 512})}),
    fc.record({kind: fc.constant('duplicate' as const), from: at, length: fc.integer({min: 1, max: 1024}), at}),
  )
}

/** The corrupted copy of `bytes` (never the original itself). */
function corrupt(bytes: Uint8Array, c: Corruption): Uint8Array {
  switch (c.kind) {
    case 'flip': {
      const out = Uint8Array.from(bytes)
      c.at.forEach((p, k) => (out[p] ^= c.xor[k]))
      return out
    }
    case 'truncate':
      return bytes.slice(0, c.length)
    case 'splice':
      return concat(bytes.subarray(0, c.at), c.bytes, bytes.subarray(c.at))
    case 'zero': {
      const out = Uint8Array.from(bytes)
      out.fill(0, c.at, c.at + c.length)
      return out
    }
    case 'duplicate':
      return concat(bytes.subarray(0, c.at), bytes.subarray(c.from, c.from + c.length), bytes.subarray(c.at))
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** A short description of a corruption for the failure message (the byte arrays in full would drown it). */
function describeCorruption(c: Corruption): string {
  return JSON.stringify(c, (_, v) => (v instanceof Uint8Array ? `bytes[${Array.from(v).join(',')}]` : v))
}

let cases = 0

describe.each(FIXTURES)('%s randomly corrupted', (name, opts) => {
  const bytes = new Uint8Array(readFileSync(`${ROOT}fixtures/interop/${name}`))
  const ext = name.slice(name.lastIndexOf('.'))

  it('still reads whole (the baseline the corruptions start from)', async () => {
    const r = await readSampleSet(`${ROOT}fixtures/interop/${name}`, opts)
    expect(r.set.n).toBeGreaterThan(0)
  })

  // The vitest timeout is the backstop for a synchronous endless loop, which the per-case timer cannot interrupt.
  it('reads as a valid SampleSet or a one-line InputError', {timeout: 60_000 * FUZZ_SCALE}, async () => {
    let refused = 0
    await fc.assert(
      fc.asyncProperty(corruption(bytes.length), async (c) => {
        const path = join(dir, `case-${++cases}${ext}`)
        writeFileSync(path, corrupt(bytes, c))
        if (process.env.FUZZ_LOG) appendFileSync(process.env.FUZZ_LOG, `${path} ${name} ${describeCorruption(c)}\n`)
        const outcome = await outcomeOf(readSampleSet(path, opts), `${name} ${describeCorruption(c)}`, CASE_MS)
        if (!outcome.ok) refused++
      }),
      fuzzRuns(100 + FIXTURES.findIndex(([n]) => n === name), RUNS),
    )
    // Most corruptions near the metadata must be noticed; a fuzzer whose every case reads fine tests nothing.
    expect(refused).toBeGreaterThan(0)
  })
})
