/**
 * When the pool starts its worker threads (src/kernels/pool.ts WORKER_START_PAIRS): at the default thread count a run
 * stays on the calling thread until it has done that much work, then splits, with the same bits either way. Its own
 * file, so the pool is new (no other test has started its workers).
 */
import {afterAll, expect, it} from 'vitest'
import {
  defaultThreads,
  kernelBackend,
  kernelWorkerBlocks,
  setKernelThreads,
  sqDistTile,
} from '../../src/kernels/index.js'
import {PARALLEL_MIN_PAIRS, WORKER_START_PAIRS} from '../../src/kernels/pool.js'

afterAll(() => setKernelThreads(defaultThreads()))

const n = 403,
  m = 397,
  d = 3
let s = 7
const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 4
const x = Float64Array.from({length: n * d}, next),
  y = Float64Array.from({length: m * d}, next)
const tile = () => {
  const out = new Float64Array(n * m)
  sqDistTile(x, 0, n, y, 0, m, d, out)
  return Buffer.from(out.buffer).toString('hex')
}

it('at the default thread count, workers start after WORKER_START_PAIRS of work, and the bits do not change', () => {
  expect(kernelBackend()).toBe('wasm')
  expect(n * m).toBeGreaterThan(PARALLEL_MIN_PAIRS)
  setKernelThreads(2, false)
  const start = kernelWorkerBlocks()
  const first = tile()
  let calls = 1
  while (kernelWorkerBlocks() === start && calls < 1000) {
    expect(tile()).toBe(first)
    calls++
  }
  // The call that split came after WORKER_START_PAIRS of work on this thread, and no later than one call past it. A
  // call's work is n rows × m columns × d coordinates, with m padded by at most 8 (src/kernels/wasm.ts).
  expect(kernelWorkerBlocks()).toBeGreaterThan(start)
  expect((calls - 1) * n * (m + 8) * d).toBeGreaterThanOrEqual(WORKER_START_PAIRS)
  expect((calls - 2) * n * m * d).toBeLessThan(WORKER_START_PAIRS)
  // From then on every call over PARALLEL_MIN_PAIRS splits.
  const split = kernelWorkerBlocks()
  expect(tile()).toBe(first)
  expect(kernelWorkerBlocks()).toBeGreaterThan(split)
})
