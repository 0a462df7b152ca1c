import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {type Kernels, setKernelThreads, tsKernels, wasmKernels} from '../../src/kernels/index.js'

// The float64 dot tiles of a set against itself (KID's stacked subsets, FD's covariance): the WebAssembly side lays
// the operand out once (`packPanels4F64` on the pool: duplicated panels for the rows, panels for the columns) and
// `dotTileF64P` reads rows from any panel lane (a tile may start mid-panel). Every entry must still be the plain
// k-order loop's value, bit for bit, for 1 or 2 threads. The WebAssembly build must exist (`npm test` builds first).
const wasm = wasmKernels as Kernels

function data(seed: number, len: number): Float64Array {
  let s = seed >>> 0
  return Float64Array.from({length: len}, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 3 - 1)
}

function check(x: Float64Array, n: number, d: number, i0: number, i1: number, j0: number): void {
  const w = (n - j0 + 3) & ~3
  const want: number[] = []
  for (let i = i0; i < i1; i++)
    for (let j = j0; j < n; j++) {
      let s = 0
      for (let c = 0; c < d; c++) s += x[i * d + c] * x[j * d + c]
      want.push(s)
    }
  for (const [k, threads] of [
    [wasm, 1],
    [wasm, 2],
    [tsKernels, 1],
  ] as const) {
    setKernelThreads(threads)
    const t = k.dotTiles(x, n, x, n, d)
    const tile = t.tile(i0, i1, j0, n)
    const got: number[] = []
    for (let i = i0; i < i1; i++) for (let j = j0; j < n; j++) got.push(tile[(i - i0) * w + j - j0])
    t.dispose()
    expect(got).toEqual(want)
  }
  setKernelThreads(2)
}

describe('float64 dot tiles of a set against itself', () => {
  it('= the plain k-order loop, bit for bit: any size (padding rows), any first row (mid-panel), 1 or 2 threads', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 23}),
        fc.integer({min: 1, max: 70}),
        fc.integer({min: 1, max: 1e6}),
        fc.nat(),
        fc.nat(),
        (n, d, seed, a, b) => {
          const i0 = a % n,
            i1 = i0 + 1 + (b % (n - i0)),
            j0 = 4 * Math.floor((a % n) / 4)
          check(data(seed, n * d), n, d, i0, i1, j0)
        },
      ),
      {numRuns: 100},
    )
  })

  it('the pool splits both the layout and the tile across threads (200 × 400, rows from 5)', () => {
    // 200 rows × 400 coordinates is over the pool's parallel threshold (src/kernels/pool.ts PARALLEL_MIN_PAIRS) for
    // the layout and the tile, so both threads write and read panels; rows 5 … 199 start mid-panel.
    check(data(7, 200 * 400), 200, 400, 5, 200, 0)
  })
})
