import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {createRng, permutation, sampleIndices} from '../../../src/core/stats/rng.js'

describe('createRng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(7),
      b = createRng(7),
      c = createRng(8)
    const xa = Array.from({length: 5}, () => a.uniform())
    const xb = Array.from({length: 5}, () => b.uniform())
    const xc = Array.from({length: 5}, () => c.uniform())
    expect(xa).toEqual(xb)
    expect(xa).not.toEqual(xc)
  })

  it('stays in [0, 1) for any seed', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const r = createRng(seed)
        for (let i = 0; i < 50; i++) {
          const u = r.uniform()
          if (!(u >= 0 && u < 1)) return false
        }
        return true
      }),
      {seed: 1, numRuns: 200},
    )
  })

  // Moments of U[0,1) (mean 1/2, variance 1/12) and N(0,1) (mean 0, variance 1); with 2e5 draws the
  // standard errors are about 6.5e-4 (uniform mean) and 2.2e-3 (normal mean), so 5 SE tolerances are used.
  it('has the moments of U[0,1) and N(0,1)', () => {
    const r = createRng(42)
    const N = 200_000
    let su = 0,
      su2 = 0,
      sn = 0,
      sn2 = 0
    for (let i = 0; i < N; i++) {
      const u = r.uniform(),
        z = r.normal()
      su += u
      su2 += u * u
      sn += z
      sn2 += z * z
    }
    expect(Math.abs(su / N - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N))
    expect(Math.abs(su2 / N - (su / N) ** 2 - 1 / 12)).toBeLessThan(2e-3)
    expect(Math.abs(sn / N)).toBeLessThan(5 / Math.sqrt(N))
    expect(Math.abs(sn2 / N - 1)).toBeLessThan(5 * Math.sqrt(2 / N))
  })

  it('int(n) covers 0..n-1 uniformly', () => {
    const r = createRng(3)
    const counts = new Array(6).fill(0)
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]++
    // Each count ~ Binomial(60000, 1/6): mean 10000, sd ≈ 91; 5 sd = 456.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(456)
  })
})

describe('permutation and sampleIndices', () => {
  it('permutation is a permutation of 0..n-1', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 200}), fc.nat(), (n, seed) => {
        const p = Array.from(permutation(createRng(seed), n)).sort((a, b) => a - b)
        return p.every((v, i) => v === i)
      }),
      {seed: 2, numRuns: 100},
    )
  })

  it('sampleIndices gives k distinct sorted indices below n', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 300}), fc.nat(), fc.nat(), (n, kRaw, seed) => {
        const k = 1 + (kRaw % n)
        const s = sampleIndices(createRng(seed), n, k)
        if (s.length !== k) return false
        for (let i = 0; i < k; i++) if (s[i] >= n || (i > 0 && s[i] <= s[i - 1])) return false
        return true
      }),
      {seed: 3, numRuns: 200},
    )
  })
})
