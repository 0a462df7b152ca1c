import {mean} from 'simple-statistics'
import {scaledMean} from '../stats/scaled-mean.js'
import {jsdOfCounts, psiOfCounts} from './divergences.js'
import {ks2sampOfMaxDiff} from './ks.js'
import {mergeStatistics} from './merge.js'
import {binCounts, quantileBins, quantileOfSorted} from './quantile.js'
import {finiteSorted} from './sort.js'
import type {NumericDrift, NumericSummary, Shape} from './types.js'
import {w1Sorted} from './w1.js'

export {finiteSorted} from './sort.js'

/** Bins of the pictures (sparklines, SVG): equal width over the pooled range. */
export const SHAPE_BINS = 16

export interface NumericOptions {
  /** Quantile bins of P for the JSD (outer bins open). */
  bins: number
}

/** Mean (simple-statistics), population std (ddof 0) and the 5/50/95% quantiles (type 7) of a sorted sample. */
export function summarize(xs: Float64Array): NumericSummary {
  const plain = mean(xs as unknown as number[])
  // Near ±1e308 the sum inside simple-statistics' mean overflows; the scaled form does not.
  const m = Number.isFinite(plain) ? plain : (scaledMean(xs) as number)
  return {
    mean: m,
    std: populationStd(xs, m),
    q05: quantileOfSorted(xs, 0.05),
    q50: quantileOfSorted(xs, 0.5),
    q95: quantileOfSorted(xs, 0.95),
  }
}

/**
 * √(Σ (x − mean)² / N) of a sorted sample. Squares of deviations near 1e±200 overflow or underflow float64 (a plain
 * sum of squares gave std = ∞ there), so they are taken relative to the largest deviation M, which a sorted sample
 * has at one of its ends: std = M·√(Σ ((x − mean)/M)² / N), as src/core/standardize.ts does.
 */
export function populationStd(xs: Float64Array, m: number): number {
  const n = xs.length
  if (n === 0) return Number.NaN
  const largest = Math.max(Math.abs(xs[0] - m), Math.abs(xs[n - 1] - m))
  if (!(largest > 0)) return 0
  let sum = 0
  for (let i = 0; i < n; i++) {
    const z = (xs[i] - m) / largest
    sum += z * z
  }
  return largest * Math.sqrt(sum / n)
}

/**
 * Every numeric statistic of one column, each column sorted once: W1 and W1 normed by P's std (Evidently's "normed
 * Wasserstein"), the KS test (./ks.ts), the JSD on P's quantile bins and the PSI on P's deciles, both tie-aware (./quantile.ts, ./divergences.ts).
 * The adjusted p-value, the missing shares and the decision fields are filled by the caller (./index.ts).
 */
export function numericDrift(
  name: string,
  p: Float64Array,
  q: Float64Array,
  opts: NumericOptions,
): Omit<NumericDrift, 'stat' | 'score' | 'threshold' | 'drifted' | 'missingShare'> {
  const P = finiteSorted(p),
    Q = finiteSorted(q)
  return numericDriftSorted(name, P, Q, opts)
}

/** One side of a numeric column as drift uses it: its finite values in ascending order, and its missing cells. */
export interface SortedSide {
  sorted: Float64Array
  missing: number
}

/**
 * numericDrift from each side's finite values already sorted ascending (NaN and ±∞ removed and counted as
 * missing): the entry point of an engine that sorts outside JavaScript (src/io/duckdb/), the same numbers as
 * numericDrift on the raw column, which calls it.
 */
export function numericDriftSorted(
  name: string,
  P: SortedSide,
  Q: SortedSide,
  opts: NumericOptions,
): Omit<NumericDrift, 'stat' | 'score' | 'threshold' | 'drifted' | 'missingShare'> {
  const xs = P.sorted,
    ys = Q.sorted
  const base = {name, kind: 'numeric' as const, n: {p: xs.length, q: ys.length}, missing: {p: P.missing, q: Q.missing}}
  if (xs.length === 0 || ys.length === 0) {
    const reason = `no values in ${xs.length === 0 ? 'P' : 'Q'}`
    return {
      ...base,
      p: xs.length ? summarize(xs) : null,
      q: ys.length ? summarize(ys) : null,
      w1: null,
      w1Normed: null,
      w1NormedReason: reason,
      ks: null,
      ksPValue: null,
      ksPValueAdjusted: null,
      jsd: null,
      psi: null,
    }
  }
  const sp = summarize(xs),
    sq = summarize(ys)
  // One merge of the two sorted columns gives W1's sum and KS's largest gap (./merge.ts); W1 of equal sizes, and
  // a sum that overflowed, are w1Sorted's (the same numbers it gives on its own).
  const merged = mergeStatistics(xs, ys)
  const w1 = xs.length !== ys.length && Number.isFinite(merged.w1) ? merged.w1 : w1Sorted(xs, ys)
  const ks = ks2sampOfMaxDiff(xs.length, ys.length, merged.ksMaxDiff)
  const bins = quantileBins(xs, opts.bins)
  const jsd = jsdOfCounts(binCounts(xs, bins), binCounts(ys, bins))
  const deciles = quantileBins(xs, 10)
  const psi = psiOfCounts(binCounts(xs, deciles), binCounts(ys, deciles))
  return {
    ...base,
    p: sp,
    q: sq,
    w1,
    w1Normed: sp.std > 0 ? w1 / sp.std : null,
    ...(sp.std > 0 ? {} : {w1NormedReason: 'P is constant (standard deviation 0)'}),
    ks: ks.statistic,
    ksPValue: ks.pValue,
    ksPValueAdjusted: null,
    ksMethod: ks.method,
    jsd,
    psi,
    shape: shape(xs, ys),
  }
}

/**
 * Counts of both sorted samples in SHAPE_BINS equal-width bins over [min, max] of P ∪ Q: value v is in bin
 * min(SHAPE_BINS − 1, ⌊(v − lo)/width⌋). That index never decreases along a sorted sample (subtraction, division by a
 * positive width and ⌊·⌋ are each monotone in floating point), so each bin is a contiguous run, found by binary
 * search: the same counts as binning every value, in O(SHAPE_BINS log n). A range wider than float64 (width ∞) is
 * binned value by value as before: there (v − lo)/width is NaN for the top values, which no bin counts.
 */
function shape(xs: Float64Array, ys: Float64Array): Shape {
  const lo = Math.min(xs[0], ys[0]),
    hi = Math.max(xs[xs.length - 1], ys[ys.length - 1])
  const width = (hi - lo) / SHAPE_BINS
  const bin = (v: number) => (width > 0 ? Math.min(SHAPE_BINS - 1, Math.floor((v - lo) / width)) : 0)
  const count = (v: Float64Array) => {
    const c = new Array<number>(SHAPE_BINS).fill(0)
    if (!Number.isFinite(width)) {
      for (let i = 0; i < v.length; i++) c[bin(v[i])]++
      return c
    }
    let start = 0
    for (let b = 0; b < SHAPE_BINS && start < v.length; b++) {
      // The first index at or after `start` whose bin exceeds b.
      let l = start,
        r = v.length
      while (l < r) {
        const mid = (l + r) >>> 1
        if (bin(v[mid]) > b) r = mid
        else l = mid + 1
      }
      c[b] = l - start
      start = l
    }
    return c
  }
  return {p: count(xs), q: count(ys), lo, hi}
}
