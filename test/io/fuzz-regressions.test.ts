/**
 * Fixed cases the fuzzers (test/io/fuzz-csv.test.ts, test/io/fuzz-binary.test.ts) found: each was a reader answer
 * other than a valid SampleSet or a one-line InputError. Kept as plain tests with the input that triggered it.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Readable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import type {ReadOptions} from '../../src/io/options.js'
import {readSampleSet} from '../../src/io/read.js'
import {ROOT, runCliAsync} from '../helpers/cli.js'

const stdin = (text: string) => Readable.from([Buffer.from(text, 'utf8')])
const dir = mkdtempSync(join(tmpdir(), 'divergence-fuzz-found-'))
const fixture = (name: string) => new Uint8Array(readFileSync(`${ROOT}fixtures/interop/${name}`))

/** `bytes` with `piece` inserted at offset `at` (the fuzzer's splice and duplicate corruptions). */
function inserted(bytes: Uint8Array, at: number, piece: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + piece.length)
  out.set(bytes.subarray(0, at))
  out.set(piece, at)
  out.set(bytes.subarray(at), at + piece.length)
  return out
}

/** Writes `bytes` as `name` and expects readSampleSet to refuse it with an InputError matching `message`, in time. */
async function expectRefused(
  name: string,
  bytes: Uint8Array,
  message: RegExp,
  opts: ReadOptions = {seed: 1},
): Promise<void> {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  const started = performance.now()
  const read = readSampleSet(path, opts)
  await expect(read).rejects.toBeInstanceOf(InputError)
  await expect(read).rejects.toThrow(message)
  expect(performance.now() - started).toBeLessThan(5000)
}

describe('CSV fuzz findings', () => {
  it('a quoted header name holding a line break stays on one line in the error message', async () => {
    // fuzz-csv seed 20261122: the column list of "has no column 'w'" carried the raw newline of "a,b\"\t#\t\n\"1".
    const read = readSampleSet('-', {seed: 1, format: 'csv', weights: 'w'}, stdin('"a,b"\t#\t\n"1"\t\t\n0\t\t'))
    await expect(read).rejects.toBeInstanceOf(InputError)
    await expect(read).rejects.toThrow(/^stdin has no column 'w'; its columns are: a,b"\\t#\\t\\n"1$/)
  })

  it('a cell value holding a line break is escaped in the missing-value message', async () => {
    const read = readSampleSet('-', {seed: 1, format: 'csv'}, stdin('x,y\n1,2\n3,"4\n5"\n6,7\n'))
    await expect(read).rejects.toThrow(
      "stdin, data row 2: column 'y' has '4\\n5', not a finite number; fix the file or pass ⟨dropMissing⟩ to skip such rows",
    )
  })
})

describe('Arrow fuzz findings', () => {
  it('a corrupt child count in the file footer is refused before arrow allocates (it exhausted a 4 GB heap)', async () => {
    // fuzz-binary, samples.arrow: byte 27060 (in the footer's schema) ^ 69 made a field claim 16 777 215 children.
    const bytes = fixture('samples.arrow')
    bytes[27060] ^= 69
    await expectRefused(
      'children.arrow',
      bytes,
      /is not a readable Arrow IPC file or stream \(its metadata holds a list of 16777215 entries where only 191 bytes remain: the file is corrupt or truncated\); check the file/,
    )
  }, 20_000)

  it('a footer block that points at the schema message is refused (apache-arrow re-read it forever)', async () => {
    // samples.arrow has one record batch, at byte 416; its footer block stores that offset as an int64 at byte 26920.
    const bytes = fixture('samples.arrow')
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    expect(view.getBigInt64(26920, true)).toBe(416n)
    view.setBigInt64(26920, 8n, true)
    await expectRefused(
      'block-at-schema.arrow',
      bytes,
      /\(record batch 1 of 1 in the footer points at byte 8, which holds no record batch: the file is corrupt\)/,
    )
  }, 20_000)

  it('a footer block that lands in the middle of other bytes is refused (it hung too)', async () => {
    // fuzz-binary, samples_lz4.arrow: 620 bytes from offset 18703 duplicated at offset 6 shift every message.
    const shifted = inserted(fixture('samples_lz4.arrow'), 6, fixture('samples_lz4.arrow').subarray(18703, 18703 + 620))
    await expectRefused(
      'shifted.arrow',
      shifted,
      /\(record batch 1 of 1 in the footer at byte 416 has no readable message header: the file is corrupt or truncated\)/,
    )
  }, 20_000)

  it('an LZ4 block size beyond the body is refused at once (lz4js spent minutes on it)', async () => {
    // fuzz-binary, samples_lz4.arrow: 837 bytes from offset 23071 duplicated at offset 21604, inside the body.
    const dup = inserted(fixture('samples_lz4.arrow'), 21604, fixture('samples_lz4.arrow').subarray(23071, 23071 + 837))
    await expectRefused('lz4-block.arrow', dup, /\(LZ4 frame: a block of \d+ bytes runs past the end of the data\)/)
  }, 20_000)

  it('list offsets beyond the child array are refused at once (the list loop ran 8–10 s, then failed)', async () => {
    // fuzz-binary seed 1 × 6, embedding.arrow: 9 random bytes spliced in at offset 10403 land in vec3's offsets.
    const spliced = inserted(
      fixture('embedding.arrow'),
      10403,
      new Uint8Array([137, 130, 196, 13, 238, 76, 45, 154, 164]),
    )
    await expectRefused(
      'offsets.arrow',
      spliced,
      /: column 'vec3' is corrupt \(list 1 spans elements -?\d+\.\.-?\d+ of 1500\); re-export the file$/,
      {seed: 1, column: 'embedding'},
    )
  }, 20_000)
})

describe('Parquet fuzz findings', () => {
  it('a column chunk whose path is not in the schema is refused before reading (hyparquet leaked an unhandled rejection)', async () => {
    // fuzz-binary seed 3 × 6, embedding.parquet: five flipped bytes renamed a column chunk's path; hyparquet threw
    // while planning and left the zstd read it had started to reject unwatched (vitest: "Unhandled Rejection").
    const bytes = fixture('embedding.parquet')
    const at = [57755, 1488, 25219, 1272, 56921]
    const xor = [44, 187, 254, 86, 190]
    at.forEach((p, k) => (bytes[p] ^= xor[k]))
    await expectRefused(
      'stray-chunk.parquet',
      bytes,
      /is not a readable Parquet file \(row group 1 has data for column 'vec3\.list\.element', which the schema does not define\); it may be corrupt or truncated: re-export it$/,
      {seed: 1, column: 'embedding'},
    )
  }, 20_000)

  // Both found in hyparquet's RLE/bit-packed level decoder and fixed in the vendored copy vendor/hyparquet (docs/hyparquet-fix.md),
  // which bounds each run by the values the page has left. Run through the CLI in a child process: before the fix the
  // first aborted Node itself ("Fatal JavaScript invalid size error"), which would have taken the test runner with it.
  const survives = async (name: string, bytes: Uint8Array) => {
    const path = join(dir, name)
    writeFileSync(path, bytes)
    const r = await runCliAsync(['info', path, '--json'], {timeoutMs: 20_000})
    expect(r.code === 0 || r.code === 2, `exit ${r.code}: ${r.stderr}`).toBe(true)
    if (r.code === 2) expect(r.stderr.trim().split('\n')).toHaveLength(1)
    else expect(JSON.parse(r.stdout).info.n).toBeGreaterThan(0)
  }

  it('a Parquet page whose definition-level run overruns the page no longer aborts the process', async () => {
    // samples_gzip.parquet with its 855 bytes from offset 1698 duplicated at offset 917 (fuzz-binary seed 2 × 20).
    const bytes = fixture('samples_gzip.parquet')
    await survives('overrun.parquet', inserted(bytes, 917, bytes.slice(1698, 1698 + 855)))
  }, 30_000)

  it('a Parquet v2 page with zeroed definition levels no longer loops', async () => {
    // samples_v2page.parquet with bytes 807..903 zeroed (fuzz-binary with 100 runs per fixture).
    const bytes = fixture('samples_v2page.parquet')
    bytes.fill(0, 807, 904)
    await survives('zeroed-levels.parquet', bytes)
  }, 30_000)
})

describe('decoder errors the readers did not anticipate (fuzz-binary at FUZZ_SCALE=5, seeds 7–12)', () => {
  // Each was a TypeError or RangeError thrown inside apache-arrow or hyparquet on damaged bytes; read.ts now turns
  // whatever a binary decoder throws into one line naming the file, and select.ts refuses a repeated column name.
  const flipped = (name: string, at: number[]) => {
    const bytes = fixture(name)
    for (const p of at) bytes[p] ^= 1
    return bytes
  }
  it.each([
    ['samples_zstd.arrow', [20520, 3193], {seed: 1}],
    ['samples_none.parquet', [26172, 4], {seed: 1}],
    ['samples.arrow', [26972, 488, 25282], {seed: 1}],
    ['embedding.arrow', [50772, 416, 6], {seed: 1, column: 'embedding'}],
  ] as const)(
    '%s with bytes %j flipped is refused in one line',
    async (name, at, opts) => {
      await expectRefused(
        `flipped-${name}`,
        flipped(name, [...at]),
        /^\S+(: column| is not a readable (Arrow|Parquet))/,
        opts,
      )
    },
    20_000,
  )
})
