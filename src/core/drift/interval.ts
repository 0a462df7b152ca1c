import {opt} from '../errors.js'
import {quantile} from '../stats/bootstrap.js'
import type {Rng} from '../stats/rng.js'
import {type EffectInterval, INTERVAL_LEVEL} from '../twosample/w1-interval.js'
import {durationText, workBudgetSeconds} from '../work-budget.js'
import {psiOfCounts} from './divergences.js'
import {summarize} from './numeric.js'
import {binCounts, quantileBins} from './quantile.js'
import type {ColumnInterval} from './types.js'
import {w1Sorted} from './w1.js'

/**
 * Default bootstrap resamples of the drift gates' intervals (normed W1 and PSI per numeric column): the smallest B
 * whose 2.5 % and 97.5 % points are order statistics (α/2 · (B + 1) = 5 and 195), as W1_BOOTSTRAP. Efron & Tibshirani
 * (1993, An Introduction to the Bootstrap, §19.3) ask for about 1 000 for percentile intervals; at 199 the Monte
 * Carlo error of the upper end is about 0.2 of the statistic's standard error (√(0.975·0.025/B)/φ(1.96)), and a
 * resample costs 47–90 ns per value (bench/drift-interval.mjs, load 2–17), so 1 000 would make a 100k-row × 20-column
 * gate take minutes. `--bootstrap 999` asks for more.
 */
export const DRIFT_BOOTSTRAP = 199

/** The drift gates' intervals of one numeric column. */
export interface ColumnIntervals {
  w1NormedInterval: ColumnInterval
  psiInterval: ColumnInterval
}

export interface DriftIntervalOptions {
  resamples: number
  seed: number
}

/**
 * Nanoseconds per value of a column per resample (two draws, the count, W1's merge, P*'s moments, the PSI's binary
 * searches): just below the fastest rate bench/drift-interval.mjs has shown (47–90 ns at load 2–17 on 2 shared cores,
 * bench/RESULTS.md "Session 28: two-sample tests"), so the estimate does not overstate the time (10 ns before: 5–9×
 * short, so it skipped only hopeless runs).
 */
const NS_PER_VALUE = 40

/** Seconds B resamples of columns with these many values (P + Q, each column) are estimated to take. */
export function intervalSeconds(valuesPerColumn: number[], resamples: number): number {
  return valuesPerColumn.reduce((a, v) => a + v, 0) * resamples * NS_PER_VALUE * 1e-9
}

/** Why every column's intervals are skipped when B resamples would exceed the work budget, or undefined. */
export function intervalsOverBudget(valuesPerColumn: number[], resamples: number): string | undefined {
  const seconds = intervalSeconds(valuesPerColumn, resamples)
  if (seconds <= workBudgetSeconds()) return undefined
  const fewer = Math.max(2, Math.floor((resamples * workBudgetSeconds()) / seconds))
  return `${resamples} bootstrap resamples of ${valuesPerColumn.length} numeric columns would take about ${durationText(seconds)} (estimated; the limit is ${durationText(workBudgetSeconds())}); use fewer resamples (${opt('bootstrap')} ${fewer}), ${opt('sample')} N, or raise DIVERGENCE_MAX_SECONDS`
}

/**
 * A bootstrap resample of a sorted sample, itself sorted: n indices drawn uniformly with replacement, counted, and
 * each value written as often as it was drawn (O(n), no sort; the same draws as resampleIndices, in value order).
 */
function resampleSorted(rng: Rng, xs: Float64Array, counts: Uint32Array, out: Float64Array): Float64Array {
  const n = xs.length
  counts.fill(0)
  for (let i = 0; i < n; i++) counts[rng.int(n)]++
  let t = 0
  for (let i = 0; i < n; i++) for (let c = counts[i]; c > 0; c--) out[t++] = xs[i]
  return out
}

/**
 * Percentile bootstrap intervals (Efron & Tibshirani 1993, §13.3) of one numeric column's normed W1, W1(P, Q)/σ(P),
 * and PSI, as numericDriftSorted computes them: B resamples P* of n values of P and Q* of m of Q, each with
 * replacement (the two-sample bootstrap, ibid. §8.3), the statistic recomputed on each — σ(P*) and P*'s deciles
 * from the resample itself, as the statistic takes them from P — and the α/2 and 1 − α/2 quantiles (type 7) of the
 * B values. What it covers: the plug-in statistic's sampling spread, not its bias (PSI and W1 of two samples of one
 * distribution are > 0, and so is the interval's lower end); an upper-bound gate errs on the side of failing.
 * The normed W1's interval is skipped when P is constant, or a resample of P is (σ(P*) = 0: no ratio).
 */
export function columnIntervals(
  xs: Float64Array,
  ys: Float64Array,
  opts: DriftIntervalOptions,
  rng: Rng,
): ColumnIntervals {
  const B = opts.resamples
  const w1n = new Float64Array(B),
    psi = new Float64Array(B)
  const cp = new Uint32Array(xs.length),
    cq = new Uint32Array(ys.length)
  const xb = new Float64Array(xs.length),
    yb = new Float64Array(ys.length)
  let constant = summarize(xs).std === 0
  for (let b = 0; b < B; b++) {
    resampleSorted(rng, xs, cp, xb)
    resampleSorted(rng, ys, cq, yb)
    const sd = summarize(xb).std
    if (sd === 0) constant = true
    w1n[b] = w1Sorted(xb, yb) / sd
    const deciles = quantileBins(xb, 10)
    psi[b] = psiOfCounts(binCounts(xb, deciles), binCounts(yb, deciles))
  }
  const a = (1 - INTERVAL_LEVEL) / 2
  const interval = (values: Float64Array): EffectInterval => ({
    level: INTERVAL_LEVEL,
    lower: quantile(values, a),
    upper: quantile(values, 1 - a),
    method: 'percentile bootstrap',
    resamples: B,
    seed: opts.seed,
  })
  return {
    w1NormedInterval: constant
      ? {skipped: 'P or one of its resamples is constant (standard deviation 0): W1 / std(P) is undefined there'}
      : interval(w1n),
    psiInterval: interval(psi),
  }
}
