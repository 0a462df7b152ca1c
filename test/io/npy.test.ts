import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {detectFormat} from '../../src/io/detect.js'
import {float16, readNpyMatrix} from '../../src/io/npy.js'
import {openNpz, readStatistics} from '../../src/io/npz.js'
import {readSampleSet} from '../../src/io/read.js'

// Fixtures and expected values: test/core/fidelity/reference/make_fixtures.py (numpy writes every file).
const F = 'fixtures/fidelity/'
const expected = JSON.parse(readFileSync(`${F}expected.json`, 'utf8'))
const read = (file: string, extra: Record<string, unknown> = {}) => readSampleSet(F + file, {seed: 1, ...extra})

describe('.npy reader', () => {
  it('reads float32 in every layout numpy writes to the same float64 values', async () => {
    const base = (await read('p-f4.npy')).set
    expect(base.n).toBe(240)
    expect(base.d).toBe(12)
    expect(base.columns[0]).toBe('arr_0[0]')
    for (const file of ['p-f4-big-endian.npy', 'p-f4-fortran.npy', 'p-f4-v2.npy', 'p-f4-v3.npy', 'p.npz']) {
      const s = (await read(file)).set
      expect([file, s.n, s.d]).toEqual([file, 240, 12])
      expect(Array.from(s.data)).toEqual(Array.from(base.data))
    }
  })

  it('reads float64 big-endian Fortran order like little-endian C order', async () => {
    const a = (await read('p.npy')).set
    const b = (await read('p-f8-big-endian-fortran.npy')).set
    expect(Array.from(b.data)).toEqual(Array.from(a.data))
    // float32 rounding of the same values: close but not equal, so the two paths are really different files.
    const c = (await read('p-f4.npy')).set
    expect(Math.abs(c.data[5] - a.data[5])).toBeLessThan(1e-6)
  })

  it('decodes float16, big-endian int16, uint8 and int64 exactly', async () => {
    expect(Array.from((await read('small-f2.npy')).set.data)).toEqual(expected.small_f2.flat())
    expect(Array.from((await read('small-i2-big-endian.npy')).set.data)).toEqual([1, -2, 300, -32768, 32767, 0])
    expect(Array.from((await read('small-u1.npy')).set.data)).toEqual([0, 255, 7, 128])
    expect(Array.from((await read('small-i8.npy')).set.data)).toEqual([2 ** 40, -5, 3, 2 ** 53])
  })

  it('float16 special values', () => {
    expect(float16(0x7c00)).toBe(Infinity)
    expect(float16(0xfc00)).toBe(-Infinity)
    expect(float16(0x7e00)).toBeNaN()
    expect(float16(0x0001)).toBe(2 ** -24)
    expect(float16(0x3c00)).toBe(1)
  })

  it('.npz: the only array, arr_0, or --column KEY; deflated members', async () => {
    const base = (await read('p-f4.npy')).set
    const feats = (await read('p-compressed.npz', {column: 'feats'})).set
    expect(Array.from(feats.data)).toEqual(Array.from(base.data))
    expect(feats.columns[0]).toBe('feats[0]')
    const labels = (await read('p-compressed.npz', {column: 'labels'})).set
    expect(labels.d).toBe(1)
    expect(labels.data[239]).toBe(239)
    const two = (await read('pq-two.npz')).set
    expect(Array.from(two.data)).toEqual(Array.from(base.data))
    expect((await read('pq-two.npz', {column: 'arr_1'})).set.n).toBe(200)
    await expect(read('p-compressed.npz')).rejects.toThrow(/several arrays .*'feats' \(240, 12\).*--column|⟨column⟩/)
  })

  it('a .npy takes the name --column gives, so it pairs with an embedding column elsewhere', async () => {
    expect((await read('p-f4.npy', {column: 'emb'})).set.columns[11]).toBe('emb[11]')
  })

  it('--sample and NaN rules apply as for other formats', async () => {
    expect((await read('p.npy', {sample: 10})).set.n).toBe(10)
    await expect(read('bad/nan.npy')).rejects.toThrow(/data row 2: column 'arr_0' element 0 is not a finite number/)
    expect((await read('bad/nan.npy', {dropMissing: true})).set.n).toBe(2)
  })

  it('detects .npy and .npz by extension and magic bytes', () => {
    const npy = new Uint8Array(readFileSync(`${F}p.npy`))
    const npz = new Uint8Array(readFileSync(`${F}p.npz`))
    expect(detectFormat('x.npy', npy)).toBe('npy')
    expect(detectFormat('x.bin', npz)).toBe('npz')
    expect(detectFormat('-', npy, undefined, true)).toBe('npy')
    expect(() => detectFormat('x.npy', npz)).toThrow(InputError)
    expect(() => detectFormat('x.csv', npy)).toThrow(/looks like npy/)
  })

  it('reads a {mu, sigma} statistics file as a Gaussian summary and refuses it as points', async () => {
    const bytes = new Uint8Array(readFileSync(`${F}p-stats.npz`))
    const stats = readStatistics(openNpz(bytes, 'p-stats.npz'), 'p-stats.npz')
    expect(stats.d).toBe(12)
    expect(stats.cov.length).toBe(144)
    await expect(read('p-stats.npz')).rejects.toThrow(/Gaussian statistics \(mu, sigma\), not points/)
  })

  const bad: [string, RegExp][] = [
    ['truncated-header.npy', /truncated/],
    ['truncated-magic.npy', /NumPy magic|truncated/],
    ['truncated-data.npy', /truncated: shape \(240, 12\) of '<f4' needs 11520 bytes/],
    ['one-d.npy', /shape \(10,\).*reshape\(-1, 1\)/],
    ['three-d.npy', /shape \(2, 3, 4\)/],
    ['scalar.npy', /shape \(\)/],
    ['empty.npy', /empty array of shape \(0, 4\)/],
    ['object.npy', /object array/],
    ['structured.npy', /structured array/],
    ['complex.npy', /complex array/],
    ['bool.npy', /boolean array/],
    ['strings.npy', /string array/],
    ['version-9.npy', /format version 9/],
    ['shape-garbage.npy', /shape/],
    ['truncated.npz', /not a readable .npz|truncated/],
    ['crc.npz', /CRC-32/],
    ['not-arrays.npz', /notes.txt' is not a .npy array/],
    ['bzip2.npz', /compression method 12/],
    ['two-named.npz', /several arrays/],
    ['stats-wrong-shape.npz', /Gaussian statistics/],
    ['npy-named.npz', /\.npz extension but does not start like one/],
    ['zip-named.npy', /\.npy extension but does not start like one/],
  ]
  it.each(bad)('refuses bad/%s with one line', async (file, pattern) => {
    const error = await read(`bad/${file}`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(pattern)
    expect((error as Error).message).not.toContain('\n')
  })

  it('refuses statistics of the wrong shape or not symmetric', () => {
    for (const [file, pattern] of [
      ['stats-wrong-shape.npz', /'sigma' has shape \(5, 5\) but 'mu' has 12 features/],
      ['stats-asymmetric.npz', /'sigma' is not symmetric/],
    ] as const) {
      const bytes = new Uint8Array(readFileSync(`${F}bad/${file}`))
      expect(() => readStatistics(openNpz(bytes, file), file)).toThrow(pattern)
    }
  })

  it('readNpyMatrix refuses data shorter than the shape by one byte', () => {
    const bytes = new Uint8Array(readFileSync(`${F}p-f4.npy`))
    expect(() => readNpyMatrix(bytes.subarray(0, bytes.length - 1), 'x.npy')).toThrow(/truncated/)
    expect(readNpyMatrix(bytes, 'x.npy').rows).toBe(240)
  })
})
