/**
 * The three edits divergence carries in its vendored hyparquet 1.31.5 (vendor/hyparquet/VENDORED.md), tested on the
 * decoder itself with hand-made bytes. The corrupt files that found them are in fuzz-regressions.test.ts (run in a
 * child process there, since before the fix one aborted Node and one looped forever).
 */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {readRleBitPackedHybrid} from '../../vendor/hyparquet/src/encoding.js'
import {ROOT} from '../helpers/cli.js'

/** LEB128 varint bytes of a non-negative integer (Parquet's RLE run headers). */
function varint(x: number): number[] {
  const out: number[] = []
  do {
    let byte = x & 0x7f
    x = Math.floor(x / 128)
    if (x > 0) byte |= 0x80
    out.push(byte)
  } while (x > 0)
  return out
}

const reader = (bytes: number[]) => ({view: new DataView(new Uint8Array(bytes).buffer), offset: 0})

describe('vendored hyparquet readRleBitPackedHybrid', () => {
  it('edit 2: an RLE run longer than the page fills the page and no more (it grew a plain Array past V8 limits)', () => {
    // One RLE run of 1000 copies of the value 1 (bit width 1: one value byte) for a page of 10 values; unbounded, the
    // run grows the Array to 1000 (the fuzzed file asked for hundreds of millions, and V8 aborted).
    const bytes = [...varint(1000 << 1), 1]
    const output: number[] = new Array(10).fill(0)
    readRleBitPackedHybrid(reader(bytes), 1, output, bytes.length)
    expect(output).toHaveLength(10)
    expect(output.every((v) => v === 1)).toBe(true)
  })

  it('decodes valid runs exactly: an RLE run then a bit-packed group of 8 (values past the page are dropped)', () => {
    // RLE: 3 × value 5 (width 3); bit-packed: 1 group of 8 values 0..7 at width 3 = 3 bytes, little-endian bit order.
    let bits = 0n
    for (let v = 0; v < 8; v++) bits |= BigInt(v) << BigInt(3 * v)
    const packed = [Number(bits & 0xffn), Number((bits >> 8n) & 0xffn), Number((bits >> 16n) & 0xffn)]
    const bytes = [...varint(3 << 1), 5, ...varint((1 << 1) | 1), ...packed]
    const output: number[] = new Array(9).fill(-1)
    readRleBitPackedHybrid(reader(bytes), 3, output, bytes.length)
    expect(output).toEqual([5, 5, 5, 0, 1, 2, 3, 4, 5])
  })

  it('edit 1: a NaN level length is refused (DataView reads at NaN read byte 0 forever)', () => {
    const r = reader([2, 1])
    r.offset = Number.NaN
    expect(() => readRleBitPackedHybrid(r, 1, new Array(4), 2)).toThrow(/corrupt level lengths/)
    expect(() => readRleBitPackedHybrid(reader([2, 1]), 1, new Array(4), Number.NaN)).toThrow(/corrupt level lengths/)
  })

  it('the copy is hyparquet 1.31.5 with exactly the three marked edits', () => {
    const text = readFileSync(`${ROOT}vendor/hyparquet/src/encoding.js`, 'utf8')
    expect(text.match(/\/\/ divergence: /g)).toHaveLength(3)
    expect(readFileSync(`${ROOT}vendor/hyparquet/VENDORED.md`, 'utf8')).toMatch(/hyparquet 1\.31\.5/)
  })
})
