import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {unbiasedMmd2} from '../../../src/core/fidelity/kid.js'
import {setKernelBackend, setKernelThreads} from '../../../src/kernels/index.js'

// unbiasedMmd2 stacks x and y into one operand, y from row a rounded up to 4 with zero rows between
// (src/core/fidelity/kid.ts): the padding rows must never enter a sum, and x's rows must take exactly the columns of
// x after them and all of y. The expected value is the formula of Bińkowski et al. 2018 eq. 3 written out here as
// plain double loops over every ordered pair (i ≠ j), independent of the tiles.
function naive(x: Float64Array, a: number, y: Float64Array, b: number, d: number): number {
  const k = (u: Float64Array, i: number, v: Float64Array, j: number) => {
    let s = 0
    for (let c = 0; c < d; c++) s += u[i * d + c] * v[j * d + c]
    return (s / d + 1) ** 3
  }
  let xx = 0,
    yy = 0,
    xy = 0
  for (let i = 0; i < a; i++) for (let j = 0; j < a; j++) if (i !== j) xx += k(x, i, x, j)
  for (let i = 0; i < b; i++) for (let j = 0; j < b; j++) if (i !== j) yy += k(y, i, y, j)
  for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) xy += k(x, i, y, j)
  return xx / (a * (a - 1)) + yy / (b * (b - 1)) - (2 * xy) / (a * b)
}

function rows(seed: number, len: number): Float64Array {
  let s = seed >>> 0
  return Float64Array.from({length: len}, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 0.5)
}

describe('unbiasedMmd2 on stacked subsets', () => {
  it('equals the pairwise formula for any sizes (padding rows between the sets) on both backends and 1 or 2 threads', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 2, max: 90}),
        fc.integer({min: 2, max: 90}),
        fc.integer({min: 1, max: 40}),
        fc.integer({min: 1, max: 1e6}),
        (a, b, d, seed) => {
          const x = rows(seed, a * d),
            y = rows(seed + 7, b * d)
          const want = naive(x, a, y, b, d)
          for (const [backend, threads] of [
            ['wasm', 1],
            ['wasm', 2],
            ['ts', 1],
          ] as const) {
            setKernelBackend(backend)
            setKernelThreads(threads)
            const got = unbiasedMmd2(x, a, y, b, d)
            // Sums in another order than the naive loops: agreement to rounding of sums of ~a² terms of size ~1.
            expect(Math.abs(got - want)).toBeLessThan(1e-12 * (1 + Math.abs(want)) * (a + b))
          }
          setKernelBackend('wasm')
          setKernelThreads(2)
        },
      ),
      {numRuns: 60},
    )
  })
})
