import {OptionError, opt} from '../errors.js'
import {computeW1, type W1Options, type W1Result} from '../ot/w1.js'
import {type SampleSet, subset} from '../sampleset.js'
import {quantile, resampleIndices} from '../stats/bootstrap.js'
import {createRng} from '../stats/rng.js'
import {durationText, workBudgetSeconds} from '../work-budget.js'
import {solveSeconds} from './w1-null.js'

/**
 * Default bootstrap resamples of W1's interval. Efron & Tibshirani (1993, An Introduction to the Bootstrap, §19.3)
 * ask for about 1 000 for percentile intervals; each resample here is a whole transport solve, so the default is the
 * smallest B whose 2.5 % and 97.5 % points are order statistics (α/2 · (B + 1) = 5 and 195), and the run refuses when
 * even that exceeds the time budget.
 */
export const W1_BOOTSTRAP = 199
/** The interval's coverage: a central 95 % interval, so its upper end is a one-sided 97.5 % upper bound. */
export const INTERVAL_LEVEL = 0.95

/** A bootstrap interval of an effect (the docs/design.md "JSON keys" `interval` object). */
export interface EffectInterval {
  level: number
  lower: number
  upper: number
  method: 'percentile bootstrap'
  resamples: number
  seed: number
}

/** The interval, or why it was not computed (a gate on it is then not evaluated). */
export type IntervalOutcome = {interval: EffectInterval} | {skipped: string}

/**
 * A percentile bootstrap interval for W1(P, Q) (Efron & Tibshirani 1993, §13.3): B resamples P* of n rows of P and Q*
 * of m rows of Q, each drawn with replacement (the same sizes as the data, P and Q resampled independently: the
 * two-sample bootstrap, ibid. §8.3), W1(P*, Q*) by the observed value's method, and the α/2 and 1 − α/2 quantiles of
 * the B values (type 7). For a Sinkhorn bracket the lower quantile is taken over the replicates' certified lower ends
 * and the upper over their upper ends, so the interval contains the bracket's spread, not only its midpoint.
 *
 * What it covers: the sampling variability of the plug-in estimator W1(P̂, Q̂) — not its bias. In 1-D the bias is
 * of smaller order than the spread and the interval covers W1(P, Q) at about its level (test/core/twosample); in d
 * dimensions E W1(P̂, Q̂) − W1(P, Q) shrinks only like n^(−1/d) (Fournier & Guillin 2015, Thm 1), the resamples
 * carry the same bias (larger, as repeats thin them), and the interval sits above the truth. For an upper-bound gate
 * that errs on the side of failing. Refused (`skipped`, with the reason) when the estimated time of B solves exceeds
 * the work budget (src/core/work-budget.ts), or for weighted sets (a weight is not a draw).
 */
export async function w1BootstrapInterval(
  p: SampleSet,
  q: SampleSet,
  observed: W1Result,
  opts: {resamples: number; seed: number; w1: W1Options; onProgress?: (done: number, total: number) => void},
): Promise<IntervalOutcome> {
  const B = opts.resamples
  if (!Number.isInteger(B) || B < 2)
    throw new OptionError('w1Bootstrap', B, `must be a whole number ≥ 2 (e.g. ${W1_BOOTSTRAP}), got ${B}`)
  if (p.weights || q.weights)
    return {
      skipped: `W1's bootstrap resamples rows, which weighted sets do not allow (a weight is not a draw); leave out ${opt('weights')}`,
    }
  const method = observed.method
  const seconds = B * solveSeconds(p.n, q.n, p.d, {...opts.w1, method})
  if (seconds > workBudgetSeconds())
    return {
      skipped: `${B} bootstrap solves of W1 (${method}, ${p.n} × ${q.n} points in ${p.d} dimensions) would take about ${durationText(seconds)} (estimated; the limit is ${durationText(workBudgetSeconds())}); use fewer resamples (${opt('w1Bootstrap')} ${Math.max(2, Math.floor((B * workBudgetSeconds()) / seconds))}), ${opt('sample')} N, or raise DIVERGENCE_MAX_SECONDS`,
    }
  const rng = createRng(opts.seed)
  const lowers = new Float64Array(B),
    uppers = new Float64Array(B)
  for (let b = 0; b < B; b++) {
    const pb = subset(p, resampleIndices(rng, p.n)),
      qb = subset(q, resampleIndices(rng, q.n))
    const w = await computeW1(pb, qb, {...opts.w1, method})
    lowers[b] = method === 'sinkhorn' ? w.lower : w.value
    uppers[b] = method === 'sinkhorn' ? (w.upper ?? w.value) : w.value
    opts.onProgress?.(b + 1, B)
  }
  const a = (1 - INTERVAL_LEVEL) / 2
  return {
    interval: {
      level: INTERVAL_LEVEL,
      lower: quantile(lowers, a),
      upper: quantile(uppers, 1 - a),
      method: 'percentile bootstrap',
      resamples: B,
      seed: opts.seed,
    },
  }
}
