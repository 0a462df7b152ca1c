/**
 * The exact diameter runs on the pairwise kernels in tiles (src/core/ot/diameter.ts); it must equal a plain scalar
 * scan of every pair bit for bit (the same k-order sums), across tile boundaries and for any thread count.
 */
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {diameter} from '../../../src/core/ot/diameter.js'
import {makeSampleSet} from '../../../src/core/sampleset.js'
import {defaultThreads, setKernelThreads} from '../../../src/kernels/index.js'

afterAll(() => setKernelThreads(defaultThreads()))

function points(seed: number, n: number, d: number, spread: number): Float64Array {
  let s = seed >>> 0
  return Float64Array.from(
    {length: n * d},
    () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * spread,
  )
}

/** max ‖u − v‖ over pairs of P ∪ Q by the scalar loop the tiled scan replaced (same scaling, same sum order). */
function scalarDiameter(a: Float64Array, b: Float64Array, d: number): number {
  const all = Float64Array.from([...a, ...b])
  let scale = 0
  for (const v of all) scale = Math.max(scale, Math.abs(v))
  if (scale === 0) return 0
  scale = 2 ** Math.round(Math.log2(scale))
  const total = all.length / d
  let best = 0
  for (let u = 0; u < total; u++)
    for (let v = u + 1; v < total; v++) {
      let s = 0
      for (let c = 0; c < d; c++) {
        const t = all[u * d + c] / scale - all[v * d + c] / scale
        s += t * t
      }
      if (s > best) best = s
    }
  return Math.sqrt(best) * scale
}

describe('exact diameter on the kernels', () => {
  it('equals the scalar scan bit for bit on random sets', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 60}),
        fc.integer({min: 1, max: 60}),
        fc.integer({min: 1, max: 9}),
        fc.integer({min: 1, max: 1e6}),
        fc.constantFrom(1e-6, 1, 1e6),
        (n, m, d, seed, spread) => {
          const a = points(seed, n, d, spread),
            b = points(seed + 1, m, d, spread)
          const cols = Array.from({length: d}, (_, k) => `x${k}`)
          const r = diameter(makeSampleSet(a, n, d, cols), makeSampleSet(b, m, d, cols))
          expect(r.exact).toBe(true)
          expect(r.value).toBe(scalarDiameter(a, b, d))
        },
      ),
      {numRuns: 100},
    )
  })

  it('across several tiles (3000 points) and for 1, 2 and 3 threads', () => {
    const d = 3,
      cols = ['a', 'b', 'c']
    const a = points(7, 1700, d, 10),
      b = points(8, 1300, d, 10)
    const want = scalarDiameter(a, b, d)
    for (const threads of [1, 2, 3]) {
      setKernelThreads(threads)
      expect(diameter(makeSampleSet(a, 1700, d, cols), makeSampleSet(b, 1300, d, cols)).value).toBe(want)
    }
  })
})
