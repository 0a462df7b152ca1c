/**
 * The worker-thread pool (src/kernels/pool.ts): results are byte-identical for any thread count, because every
 * kernel writes one result per row and blocks start at multiples of the kernels' row grouping. Each case checks
 * that blocks really went to worker threads (kernelWorkerBlocks grows), so the comparison could fail.
 */
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {computeW1} from '../../src/core/ot/w1.js'
import {makeSampleSet} from '../../src/core/sampleset.js'
import {
  bracketColsB,
  bracketRowsA,
  bracketRowsC,
  defaultThreads,
  distanceTiles,
  kernelBackend,
  kernelWorkerBlocks,
  lseRowsOfNegScaledDist,
  minRowsOfCostMinus,
  pairOperator,
  referenceTiles,
  setKernelThreads,
  sqDistTile,
} from '../../src/kernels/index.js'
import {blockBounds, PARALLEL_MIN_PAIRS} from '../../src/kernels/pool.js'

afterAll(() => setKernelThreads(defaultThreads()))

function data(seed: number, len: number, spread = 4): Float64Array {
  let s = seed >>> 0
  return Float64Array.from(
    {length: len},
    () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * spread,
  )
}

/** The bytes of every array, for exact comparison. */
const bytes = (...arrays: Float64Array[]) =>
  arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex'))

/** Runs `work` at 1, 2, 3 and 4 threads; every result equals the single-thread one, and workers were used. */
function sameForAnyThreadCount(work: () => string[]): void {
  expect(kernelBackend()).toBe('wasm')
  setKernelThreads(1)
  const before = kernelWorkerBlocks()
  const reference = work()
  expect(kernelWorkerBlocks()).toBe(before)
  for (const threads of [2, 3, 4]) {
    setKernelThreads(threads)
    const used = kernelWorkerBlocks()
    expect(work()).toEqual(reference)
    expect(kernelWorkerBlocks()).toBeGreaterThan(used)
  }
}

// 403 × 397 in 3-D: above PARALLEL_MIN_PAIRS, with row counts that are not multiples of the block alignment.
const n = 403,
  m = 397,
  d = 3
const x = data(1, n * d),
  y = data(2, m * d)
const hm = data(3, m, 2),
  hn = data(4, n, 2)

describe('worker threads give byte-identical kernel results', () => {
  it('the sizes used here are large enough to be split', () => {
    expect(n * m).toBeGreaterThan(PARALLEL_MIN_PAIRS)
  })

  for (const cacheBytes of [0, 1e8]) {
    it(`f32 and mixed pair operator rows and columns (${cacheBytes ? 'cached costs' : 'costs from coordinates'}, power 1 and 2)`, () => {
      sameForAnyThreadCount(() =>
        ([1, 2] as const).flatMap((power) => {
          const op = pairOperator(x, n, y, m, d, power, {cacheBytes})
          const rows = new Float64Array(n),
            cols = new Float64Array(m),
            part = new Float64Array(200)
          op.lseRows(0, n, hm, 3, null, rows)
          op.lseCols(0, m, hn, 3, hm.subarray(0, m), cols)
          op.lseRows(101, 301, hm, 0.5, hn, part, false)
          // The same operator with float64 exponents (the end of ε-scaling).
          op.refine()
          const mixedRows = new Float64Array(n),
            mixedCols = new Float64Array(m)
          op.lseRows(0, n, hm, 3, null, mixedRows)
          op.lseCols(0, m, hn, 3, null, mixedCols)
          op.dispose()
          return bytes(rows, cols, part, mixedRows, mixedCols)
        }),
      )
    })
  }

  it('f32 pair operator of a set against itself with leave-one-out', () => {
    sameForAnyThreadCount(() => {
      const op = pairOperator(x, n, x, n, d, 2, {cacheBytes: 1e8})
      const out = new Float64Array(n)
      op.lseRows(0, n, hn, 2, null, out, true)
      op.dispose()
      return bytes(out)
    })
  })

  it('float64 squared-distance tiles (exact W1 costs, kNN, the noisy JSD mixtures)', () => {
    sameForAnyThreadCount(() => {
      const whole = new Float64Array(n * m),
        tile = new Float64Array(200 * 150)
      sqDistTile(x, 0, n, y, 0, m, d, whole)
      sqDistTile(x, 150, 350, y, 100, 250, d, tile)
      return bytes(whole, tile)
    })
  })

  it('float32 distance tiles (neighbour searches) and prepared float64 reference tiles (noisy JSD mixtures)', () => {
    sameForAnyThreadCount(() => {
      const f32 = distanceTiles(x, n, y, m, d)
      const a = Float64Array.from(f32.tile(0, n, 0, m)),
        b = Float64Array.from(f32.tile(37, 301, 16, 250))
      f32.dispose()
      const refs = referenceTiles(y, m, d)
      const c = new Float64Array(n * m),
        e = new Float64Array(200 * m)
      refs.tile(x, 0, n, c)
      refs.tile(x, 101, 301, e)
      refs.dispose()
      return bytes(a, b, c, e)
    })
  })

  it('float64 log-sum-exp rows (with and without leave-one-out) and c-transform minima', () => {
    sameForAnyThreadCount(() => {
      const a = new Float64Array(n - 17),
        b = new Float64Array(n),
        c = new Float64Array(n)
      lseRowsOfNegScaledDist(x, 17, n, y, m, d, hm, 1.5, 1, a)
      lseRowsOfNegScaledDist(x, 0, n, x, n, d, hn, 0.7, 2, b, true)
      minRowsOfCostMinus(x, 0, n, y, m, d, hm, 1, c)
      return bytes(a, b, c)
    })
  })

  it("the certified bracket's three float64 passes", () => {
    const xw = new Float64Array(n).fill(1 / n),
      yw = new Float64Array(m).fill(1 / m),
      errC = data(5, m, 1e-3)
    sameForAnyThreadCount(() => {
      const ft = new Float64Array(n),
        r = new Float64Array(n),
        rc = new Float64Array(n),
        gt = new Float64Array(m),
        cx = new Float64Array(m),
        sk = new Float64Array(n),
        skc = new Float64Array(n),
        dot = new Float64Array(n)
      bracketRowsA(x, n, y, m, d, 1, hm, hn, hm, 2, ft, r, rc)
      bracketColsB(x, n, y, m, d, 1, ft, hn, hm, xw, 2, gt, cx)
      bracketRowsC(x, n, y, m, d, 1, hn, hm, yw, errC, 2, sk, skc, dot)
      return bytes(ft, r, rc, gt, cx, sk, skc, dot)
    })
  })

  it('a whole certified Sinkhorn W1 (iterations, S_ε self terms, bracket) is the same JSON', async () => {
    const p = makeSampleSet(data(6, 600 * 2), 600, 2, ['a', 'b'])
    const q = makeSampleSet(data(7, 500 * 2, 5), 500, 2, ['a', 'b'])
    const results: string[] = []
    for (const threads of [1, 2, 3, 4]) {
      setKernelThreads(threads)
      const used = kernelWorkerBlocks()
      const w = await computeW1(p, q, {method: 'sinkhorn', gap: 0.01, maxIter: 500, projections: 1, seed: 1})
      if (threads > 1) expect(kernelWorkerBlocks()).toBeGreaterThan(used)
      results.push(JSON.stringify(w))
    }
    for (const r of results) expect(r).toBe(results[0])
  })
})

describe('block bounds', () => {
  it('cover 0..rows in increasing blocks that start at multiples of 8, at most one per thread', () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 5000}), fc.integer({min: 1, max: 64}), (rows, threads) => {
        const b = blockBounds(rows, threads)
        expect(b[0]).toBe(0)
        expect(b[b.length - 1]).toBe(rows)
        expect(b.length - 1).toBeLessThanOrEqual(threads)
        for (let i = 1; i < b.length - 1; i++) {
          expect(b[i] % 8).toBe(0)
          expect(b[i]).toBeGreaterThan(b[i - 1])
        }
        if (rows > 0) expect(b[b.length - 1]).toBeGreaterThan(b[b.length - 2])
      }),
    )
  })
})
