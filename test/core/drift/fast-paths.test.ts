/**
 * Drift's fast paths give exactly the numbers of the plain forms they replace (issue 23, drift at scale):
 * - sortFloat64InPlace (radix on the high word, ../../../src/core/drift/sort.ts) = Float64Array.prototype.sort,
 *   element for element (Object.is: −0 before +0), on columns past the radix threshold with ties, narrow ranges,
 *   subnormals and values near ±1e308;
 * - mergeStatistics (one merge for W1 and KS) = w1Sorted and ks2samp, each on its own;
 * - binCounts and the shape counts (binary search on the sorted sample) = a value-by-value count.
 * The plain forms are written out here as they stood before (the reference), so the comparison is with code that
 * visits every value.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {ks2samp} from '../../../src/core/drift/ks.js'
import {mergeStatistics} from '../../../src/core/drift/merge.js'
import {numericDriftSorted, SHAPE_BINS} from '../../../src/core/drift/numeric.js'
import {binCounts, quantileBins} from '../../../src/core/drift/quantile.js'
import {finiteSorted, sortFloat64InPlace} from '../../../src/core/drift/sort.js'
import {w1Sorted} from '../../../src/core/drift/w1.js'
import {createRng} from '../../../src/core/stats/rng.js'

/** A column of `n` values of one of several shapes, from a seed. */
function column(seed: number, n: number, shape: number): Float64Array {
  const rng = createRng(seed)
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const u = rng.uniform()
    out[i] =
      shape === 0
        ? (u - 0.5) * 10 // spread
        : shape === 1
          ? Math.floor(u * 7) - 3 // few levels, -0 by the -0 below
          : shape === 2
            ? 1 + u * 1e-9 // one high word for all: the long-run path
            : shape === 3
              ? (u - 0.5) * 1e-310 // subnormals of both signs
              : shape === 4
                ? (u < 0.5 ? -1 : 1) * 1e308 * u // near the top of float64
                : u < 0.3
                  ? 0
                  : u < 0.35
                    ? -0
                    : u - 0.6 // a point mass at ±0
  }
  return out
}

const sizes = fc.constantFrom(1, 2, 17, 1023, 1024, 1500, 5000)
const shapes = fc.integer({min: 0, max: 5})

/** The value-by-value counts binCounts replaced. */
function binCountsPlain(xs: Float64Array, bins: ReturnType<typeof quantileBins>): Float64Array {
  const {edges, tied} = bins
  const counts = new Float64Array(2 * edges.length + 1)
  let j = 0
  for (let i = 0; i < xs.length; i++) {
    while (j < edges.length && xs[i] >= edges[j]) j++
    if (j > 0 && tied[j - 1] === 1 && xs[i] === edges[j - 1]) counts[2 * j - 1]++
    else counts[2 * j]++
  }
  return counts
}

/** The value-by-value shape counts the binary search replaced. */
function shapePlain(xs: Float64Array, ys: Float64Array) {
  const lo = Math.min(xs[0], ys[0]),
    hi = Math.max(xs[xs.length - 1], ys[ys.length - 1])
  const count = (v: Float64Array) => {
    const c = new Array<number>(SHAPE_BINS).fill(0)
    const width = (hi - lo) / SHAPE_BINS
    for (let i = 0; i < v.length; i++) c[width > 0 ? Math.min(SHAPE_BINS - 1, Math.floor((v[i] - lo) / width)) : 0]++
    return c
  }
  return {p: count(xs), q: count(ys), lo, hi}
}

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]))

describe('drift fast paths equal the plain forms', () => {
  it('the radix sort is Float64Array.prototype.sort, element for element', () => {
    fc.assert(
      fc.property(fc.integer(), sizes, shapes, (seed, n, s) => {
        const xs = column(seed, n, s)
        expect(same(sortFloat64InPlace(xs.slice()), xs.slice().sort())).toBe(true)
      }),
      {numRuns: 120},
    )
  })

  it('finiteSorted drops NaN and ±∞ and counts them', () => {
    const xs = column(7, 3000, 0)
    xs[5] = Number.NaN
    xs[900] = Number.POSITIVE_INFINITY
    xs[2999] = Number.NEGATIVE_INFINITY
    const {sorted, missing} = finiteSorted(xs)
    expect(missing).toBe(3)
    expect(same(sorted, xs.filter((x) => Number.isFinite(x)).sort())).toBe(true)
  })

  it('one merge gives w1Sorted and ks2samp', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), sizes, sizes, shapes, shapes, (a, b, n, m, s, t) => {
        const xs = column(a, n, s).sort(),
          ys = column(b, m, t).sort()
        const merged = mergeStatistics(xs, ys)
        const w1 = w1Sorted(xs, ys)
        if (n !== m && Number.isFinite(merged.w1)) expect(Object.is(merged.w1, w1)).toBe(true)
        const ks = ks2samp(xs, ys)
        const drift = numericDriftSorted('x', {sorted: xs, missing: 0}, {sorted: ys, missing: 0}, {bins: 20})
        expect([drift.w1, drift.ks, drift.ksPValue]).toEqual([w1, ks.statistic, ks.pValue])
      }),
      {numRuns: 120},
    )
  })

  it('binCounts and the shape counts by binary search equal counting every value', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer(),
        sizes,
        sizes,
        shapes,
        shapes,
        fc.constantFrom(2, 10, 20, 97),
        (a, b, n, m, s, t, k) => {
          const xs = column(a, n, s).sort(),
            ys = column(b, m, t).sort()
          const bins = quantileBins(xs, k)
          expect(binCounts(xs, bins)).toEqual(binCountsPlain(xs, bins))
          expect(binCounts(ys, bins)).toEqual(binCountsPlain(ys, bins))
          const drift = numericDriftSorted('x', {sorted: xs, missing: 0}, {sorted: ys, missing: 0}, {bins: k})
          expect(drift.shape).toEqual(shapePlain(xs, ys))
        },
      ),
      {numRuns: 120},
    )
  })
})
