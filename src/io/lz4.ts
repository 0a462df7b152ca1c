/**
 * An LZ4 frame decoder (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md and lz4_Block_format.md) for
 * Arrow IPC bodies written with LZ4_FRAME compression. It replaces lz4js's decompress, which trusts the data: a
 * corrupt block size sends its loop far past the input (minutes of work on a 20 KB file), and a corrupt content
 * size makes it allocate, then zero element by element, up to 2 GiB (found by test/io/fuzz-binary.test.ts).
 * Here every length is checked against the bytes that remain, and the output against `limit` bytes, so a corrupt
 * frame throws an Error (the Arrow reader turns it into an InputError) after work proportional to its size.
 */
const MAGIC = 0x184d2204

export function lz4FrameDecode(src: Uint8Array, limit: number): Uint8Array {
  const u32 = (at: number) => (src[at] | (src[at + 1] << 8) | (src[at + 2] << 16) | (src[at + 3] << 24)) >>> 0
  if (src.length < 7 || u32(0) !== MAGIC) throw new Error('LZ4 frame: no LZ4 frame magic number')
  const flags = src[4]
  if (flags >> 6 !== 1) throw new Error(`LZ4 frame: unknown version ${flags >> 6}`)
  const blockChecksums = (flags & 0x10) !== 0
  let s = 6
  let expected = -1
  if (flags & 0x08) {
    if (s + 8 > src.length) throw new Error('LZ4 frame: header cut short')
    expected = u32(s) + u32(s + 4) * 2 ** 32
    // No LZ4 sequence expands more than 255 times (a length byte of 255 adds 255 bytes): a larger claim is corrupt.
    if (expected > Math.min(limit, 256 * src.length + 64))
      throw new Error(
        `LZ4 frame: declares ${expected} bytes of content, more than ${src.length} compressed bytes can hold`,
      )
    s += 8
  }
  if (flags & 0x01) s += 4 // dictionary id
  s += 1 // header checksum
  let out = new Uint8Array(expected >= 0 ? expected : Math.min(limit, 4 * src.length + 64))
  let o = 0
  const room = (n: number) => {
    if (o + n <= out.length) return
    if (o + n > limit) throw new Error(`LZ4 frame: decodes to more than the ${limit} bytes expected`)
    const bigger = new Uint8Array(Math.min(limit, Math.max(o + n, 2 * out.length)))
    bigger.set(out.subarray(0, o))
    out = bigger
  }
  for (;;) {
    if (s + 4 > src.length) throw new Error('LZ4 frame: cut short before its end mark')
    const word = u32(s)
    s += 4
    if (word === 0) break
    const size = word & 0x7fffffff
    const end = s + size
    if (end > src.length) throw new Error(`LZ4 frame: a block of ${size} bytes runs past the end of the data`)
    if (word & 0x80000000) {
      room(size)
      out.set(src.subarray(s, end), o)
      o += size
    } else {
      o = decodeBlock(src, s, end)
    }
    s = end + (blockChecksums ? 4 : 0)
  }
  if (expected >= 0 && o !== expected) throw new Error(`LZ4 frame: decoded ${o} bytes, the header declares ${expected}`)
  return o === out.length ? out : out.slice(0, o)

  /** One LZ4 block, src[from, end), appended at `o`; returns the new output length. */
  function decodeBlock(bytes: Uint8Array, from: number, end: number): number {
    let i = from
    const length = (n: number) => {
      if (n !== 15) return n
      for (;;) {
        if (i >= end) throw new Error('LZ4 block: a length runs past the end of the block')
        const b = bytes[i++]
        n += b
        if (b !== 255) return n
      }
    }
    while (i < end) {
      const token = bytes[i++]
      const literals = length(token >> 4)
      if (i + literals > end) throw new Error('LZ4 block: literals run past the end of the block')
      room(literals)
      out.set(bytes.subarray(i, i + literals), o)
      o += literals
      i += literals
      if (i === end) break // the last sequence has literals only
      if (i + 2 > end) throw new Error('LZ4 block: a match offset runs past the end of the block')
      const offset = bytes[i] | (bytes[i + 1] << 8)
      i += 2
      if (offset === 0 || offset > o)
        throw new Error(`LZ4 block: a match refers ${offset} bytes back, before the start of the data`)
      const match = length(token & 15) + 4
      room(match)
      for (let k = 0; k < match; k++, o++) out[o] = out[o - offset]
    }
    return o
  }
}
