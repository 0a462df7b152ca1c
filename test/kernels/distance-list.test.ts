/**
 * `DistanceTiles.below` (WebAssembly `listTileF32` over the tile, the twin's loop), for the difference-form and the
 * Gram-form tiles: per row, in increasing j, exactly the entries of `tile` with s̃_ij ≤ T_i, with the tile's own
 * values bit for bit, on both backends, 1–3 threads, ragged tile edges (padding references past j1 may be listed
 * after the real ones; nothing before j1 is missing or extra).
 */
import {afterAll, describe, expect, it} from 'vitest'
import {
  defaultThreads,
  distanceTiles,
  gramDistanceTiles,
  setKernelBackend,
  setKernelThreads,
} from '../../src/kernels/index.js'

afterAll(() => {
  setKernelThreads(defaultThreads())
  setKernelBackend('wasm')
})

function data(seed: number, len: number): Float64Array {
  let s = seed >>> 0
  return Float64Array.from({length: len}, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 4)
}

describe('distance tiles: entries below a threshold', () => {
  it('lists exactly the tile entries ≤ T per row, in order, on both backends and for 1–3 threads', () => {
    const n = 37,
      m = 301
    for (const backend of ['wasm', 'ts'] as const)
      for (const threads of [1, 2, 3])
        for (const [d, form] of [
          [1, distanceTiles],
          [7, distanceTiles],
          [16, distanceTiles],
          [16, gramDistanceTiles],
          [65, gramDistanceTiles],
        ] as const) {
          setKernelBackend(backend)
          setKernelThreads(threads)
          const tiles = form(data(d, n * d), n, data(d + 9, m * d), m, d)
          const j0 = 8,
            j1 = 8 + 203,
            w = (j1 - j0 + 7) & ~7
          const tile = tiles.tile(0, n, j0, j1).slice()
          // Thresholds from each row's own values: a quarter of its entries, ties included; −∞ and ∞ rows too.
          const T = Float32Array.from({length: n}, (_, i) => {
            if (i === 3) return -Infinity
            if (i === 4) return Infinity
            const row = Array.from(tile.subarray(i * w, i * w + j1 - j0)).sort((a, b) => a - b)
            return row[Math.floor(row.length / 4)]
          })
          const got = tiles.below(0, n, j0, j1, T)
          let listedInAll = 0
          for (let i = 0; i < n; i++) {
            const want: [number, number][] = []
            for (let j = j0; j < j1; j++) if (tile[i * w + j - j0] <= T[i]) want.push([j, tile[i * w + j - j0]])
            const have: [number, number][] = []
            for (let c = 0; c < got.count[i]; c++) {
              const j = got.j[i * w + c]
              if (j >= j1) break
              have.push([j, got.s[i * w + c]])
            }
            expect(have).toEqual(want)
            listedInAll += have.length
          }
          expect(listedInAll).toBeGreaterThan(n * 40)
          tiles.dispose()
        }
  })

  it('a tile larger than all memory so far is read from the grown memory (both forms)', () => {
    // 64 × 2¹⁸ float32 = 64 MiB: the linear memory grows while the tile is made, which a view taken before would miss.
    setKernelBackend('wasm')
    const n = 64,
      m = 2 ** 18,
      d = 2
    for (const form of [distanceTiles, gramDistanceTiles]) {
      const x = data(1, n * d),
        y = data(2, m * d)
      const tiles = form(x, n, y, m, d)
      const tile = tiles.tile(0, n, 0, m)
      expect(tile.length).toBe(n * m)
      // Spot checks against the float64 distance (float32 error well below 1e-4 at this spread).
      for (const [i, j] of [
        [0, 0],
        [63, m - 1],
        [17, 123457],
      ]) {
        const s = (x[i * d] - y[j * d]) ** 2 + (x[i * d + 1] - y[j * d + 1]) ** 2
        expect(Math.abs(tile[i * m + j] - s)).toBeLessThan(1e-4 * (1 + s))
      }
      tiles.dispose()
    }
  })
})
