/**
 * src/io/lz4.ts, the bounded LZ4 frame decoder for Arrow bodies: it decodes what lz4js (the encoder pyarrow's
 * frames were checked against) compresses, byte for byte, and refuses corrupt frames with an Error in bounded time.
 */
import fc from 'fast-check'
// @ts-expect-error lz4js ships no type declarations
import lz4 from 'lz4js'
import {describe, expect, it} from 'vitest'
import {lz4FrameDecode} from '../../src/io/lz4.js'

const LIMIT = 1 << 26
/** Compressible data: runs and repeats of a few byte values, with random bytes between. */
const data = fc
  .array(
    fc.oneof(
      fc.uint8Array({maxLength: 40}),
      fc
        .tuple(fc.integer({min: 0, max: 255}), fc.integer({min: 1, max: 3000}))
        .map(([b, n]) => new Uint8Array(n).fill(b)),
    ),
    {maxLength: 30},
  )
  .map((parts) => Uint8Array.from(parts.flatMap((p) => Array.from(p))))

describe('lz4FrameDecode', () => {
  it('decodes lz4js frames exactly (seeded; a failure prints its seed)', () => {
    fc.assert(
      fc.property(data, (bytes) => {
        expect(lz4FrameDecode(Uint8Array.from(lz4.compress(bytes)), LIMIT)).toEqual(bytes)
      }),
      {seed: 20261122, numRuns: 60},
    )
  })

  it('refuses corrupt frames with an Error, quickly', () => {
    fc.assert(
      fc.property(
        data,
        fc.array(fc.tuple(fc.nat(), fc.integer({min: 1, max: 255})), {minLength: 1, maxLength: 8}),
        (bytes, flips) => {
          const frame = Uint8Array.from(lz4.compress(bytes))
          for (const [at, x] of flips) frame[at % frame.length] ^= x
          const started = performance.now()
          try {
            const out = lz4FrameDecode(frame, LIMIT)
            expect(out.length).toBeLessThanOrEqual(256 * frame.length + 64)
          } catch (error) {
            expect(error).toBeInstanceOf(Error)
            expect((error as Error).message).toMatch(/^LZ4 (frame|block): /)
          }
          expect(performance.now() - started).toBeLessThan(1000)
        },
      ),
      {seed: 20261123, numRuns: 300},
    )
  })

  it('refuses a block size beyond the data (lz4js looped for minutes on it)', () => {
    // Magic, FLG (version 1, independent blocks), BD (64 KiB blocks), header checksum, then a block claiming 1 GiB.
    const frame = new Uint8Array([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82, 0x00, 0x00, 0x00, 0x40, 0x11, 0x22])
    expect(() => lz4FrameDecode(frame, LIMIT)).toThrow(
      'LZ4 frame: a block of 1073741824 bytes runs past the end of the data',
    )
  })

  it('refuses a declared content size no frame of this length can hold (lz4js allocated it)', () => {
    // FLG 0x68 sets the content-size flag; the 8 bytes after BD declare 2^31 bytes.
    const frame = new Uint8Array([
      0x04, 0x22, 0x4d, 0x18, 0x68, 0x40, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ])
    expect(() => lz4FrameDecode(frame, LIMIT)).toThrow(/declares 2147483648 bytes of content/)
  })
})
