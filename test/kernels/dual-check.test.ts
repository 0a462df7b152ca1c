/**
 * The shortlist solver's fused all-pairs dual check (src/kernels `dualCheck`, WebAssembly `dualCheckF64P` and its
 * TypeScript twin) against its definition computed here from `sqDistTile` pair by pair: row minima
 * min_j (C_ij − g_j), column minima min_i (C_ij − f_i) with the lowest row attaining them, and each row's K most
 * violating pairs (most negative first, ties to the lower j). Bit-for-bit, on both backends, for 1–3 threads and for
 * any split of the rows into calls. The potentials are drawn so that a share of the pairs violate (the thread case
 * asserts that some rows fill all K places and some have none, so the violator lists are really compared).
 */
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {
  defaultThreads,
  dualCheck,
  kernelBackend,
  kernelWorkerBlocks,
  setKernelBackend,
  setKernelThreads,
  sqDistTile,
} from '../../src/kernels/index.js'

afterAll(() => {
  setKernelThreads(defaultThreads())
  setKernelBackend('wasm')
})

function data(seed: number, len: number, spread = 4): Float64Array {
  let s = seed >>> 0
  return Float64Array.from(
    {length: len},
    () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * spread,
  )
}

const TOL = 1e-13

interface Result {
  rowMin: Float64Array
  count: Int32Array
  best: Float64Array
  bestJ: Int32Array
  colMin: Float64Array
  colArg: Int32Array
}

/** The definition, pair by pair in row then column order. */
function reference(
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  power: 1 | 2,
  f: Float64Array,
  g: Float64Array,
  K: number,
): Result {
  const s2 = new Float64Array(m)
  const res: Result = {
    rowMin: new Float64Array(n).fill(Infinity),
    count: new Int32Array(n),
    best: new Float64Array(n * K),
    bestJ: new Int32Array(n * K),
    colMin: new Float64Array(m).fill(Infinity),
    colArg: new Int32Array(m).fill(-1),
  }
  for (let i = 0; i < n; i++) {
    sqDistTile(x, i, i + 1, y, 0, m, d, s2)
    const viol: [number, number][] = []
    for (let j = 0; j < m; j++) {
      const c = power === 2 ? s2[j] : Math.sqrt(s2[j])
      const w = c - g[j]
      if (w < res.rowMin[i]) res.rowMin[i] = w
      if (c - f[i] < res.colMin[j]) {
        res.colMin[j] = c - f[i]
        res.colArg[j] = i
      }
      const r = w - f[i]
      if (r < -TOL * Math.max(Math.abs(c), Math.abs(f[i]), Math.abs(g[j]))) viol.push([r, j])
    }
    viol.sort((u, v) => u[0] - v[0] || u[1] - v[1])
    res.count[i] = Math.min(K, viol.length)
    for (let t = 0; t < res.count[i]; t++) {
      res.best[i * K + t] = viol[t][0]
      res.bestJ[i * K + t] = viol[t][1]
    }
  }
  return res
}

function run(
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  power: 1 | 2,
  f: Float64Array,
  g: Float64Array,
  K: number,
  cuts: number[],
): Result {
  const check = dualCheck(y, m, d, power, g)
  const res: Result = {
    rowMin: new Float64Array(n),
    count: new Int32Array(n),
    best: new Float64Array(n * K),
    bestJ: new Int32Array(n * K),
    colMin: new Float64Array(m),
    colArg: new Int32Array(m),
  }
  try {
    const bounds = [0, ...cuts.filter((c) => c > 0 && c < n).sort((a, b) => a - b), n]
    for (let k = 0; k + 1 < bounds.length; k++) {
      const i0 = bounds[k],
        i1 = bounds[k + 1]
      if (i1 === i0) continue
      const out = {
        rowMin: new Float64Array(i1 - i0),
        count: new Int32Array(i1 - i0),
        best: new Float64Array((i1 - i0) * K),
        bestJ: new Int32Array((i1 - i0) * K),
      }
      check.rows(x, i0, i1, f, TOL, K, out)
      res.rowMin.set(out.rowMin, i0)
      res.count.set(out.count, i0)
      // Only the first count entries of a row are defined.
      for (let i = i0; i < i1; i++)
        for (let t = 0; t < out.count[i - i0]; t++) {
          res.best[i * K + t] = out.best[(i - i0) * K + t]
          res.bestJ[i * K + t] = out.bestJ[(i - i0) * K + t]
        }
    }
    check.columns(res.colMin, res.colArg)
  } finally {
    check.dispose()
  }
  return res
}

const hex = (r: Result) =>
  Object.values(r).map((a: Float64Array | Int32Array) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex'),
  )

describe('dualCheck: the fused all-pairs dual check', () => {
  it('equals its definition bit for bit on both backends, any split of the rows, power 1 and 2', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 23}),
        fc.integer({min: 1, max: 21}),
        fc.integer({min: 1, max: 9}),
        fc.constantFrom(1 as const, 2 as const),
        fc.integer({min: 1, max: 4}),
        fc.array(fc.integer({min: 0, max: 23}), {maxLength: 3}),
        fc.integer({min: 0, max: 1000}),
        (n, m, d, power, K, cuts, seed) => {
          const x = data(seed, n * d),
            y = data(seed + 1, m * d)
          // Potentials around half a typical cost: a share of the pairs violate, most do not.
          const f = data(seed + 2, n, 2).map((v) => v + (power === 2 ? 2 : 1)),
            g = data(seed + 3, m, 2).map((v) => v + (power === 2 ? 2 : 1))
          // Duplicated columns make exact ties for the column argmin and the violator order.
          if (m > 2) {
            y.copyWithin(d, 0, d)
            g[1] = g[0]
          }
          const want = hex(reference(x, n, y, m, d, power, f, g, K))
          for (const backend of ['wasm', 'ts'] as const) {
            setKernelBackend(backend)
            expect(hex(run(x, n, y, m, d, power, f, g, K, cuts))).toEqual(want)
          }
          setKernelBackend('wasm')
        },
      ),
      {numRuns: 60},
    )
  })

  it('is byte-identical for 1–3 threads, with blocks on worker threads and violators present', () => {
    expect(kernelBackend()).toBe('wasm')
    const n = 301,
      m = 517,
      d = 7,
      K = 8
    const x = data(5, n * d),
      y = data(6, m * d)
    const f = data(7, n, 2).map((v) => v + 1),
      g = data(8, m, 2).map((v) => v + 1)
    const want = reference(x, n, y, m, d, 1, f, g, K)
    expect(want.count.some((c) => c === K)).toBe(true)
    expect(want.count.some((c) => c === 0)).toBe(true)
    const runs = [1, 2, 3].map((t) => {
      setKernelThreads(t)
      const before = kernelWorkerBlocks()
      const r = hex(run(x, n, y, m, d, 1, f, g, K, [100, 200]))
      if (t > 1) expect(kernelWorkerBlocks()).toBeGreaterThan(before)
      return r
    })
    expect(runs[0]).toEqual(hex(want))
    expect(runs[1]).toEqual(runs[0])
    expect(runs[2]).toEqual(runs[0])
  })
})
