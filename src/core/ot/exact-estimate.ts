import {kernelThreads} from '../../kernels/index.js'
import {opt} from '../errors.js'
import {pairWork} from '../work-budget.js'
import {costStorageFor} from './transport-costs.js'

/**
 * Time model of the network simplex on n × m points in d dimensions, in seconds, fitted to CPU times on the CI machine
 * type (2 vCPU; bench/exact-shapes.mjs and bench/RESULTS.md "Issue 12"), on the fast side of what a loaded machine
 * measured (estimates came out 1.3–2.5× below the CPU times, like Sinkhorn's 1 ns per unit):
 * - filling the cost matrix: one pair-work unit (1 ns) per pair and coordinate;
 * - pricing and pivots: SIMPLEX_COEF·(n·m)^1.25 — measured 5–7e-9·(n·m)^1.25 from 2000² to 10 000² at d = 8
 *   (1.3 s, 6.3 s, 66 s), the same exponent POT's `emd2` shows (4 s → 39 s from 4000² to 10 000²);
 * - very unequal sizes: every pivot shifts the potentials of a subtree of about (n + m)/min(n, m) nodes, and there
 *   are about 2(n + m) pivots: UNEQUAL_COEF·(n + m)²/min(n, m) (10 000 × 10: 0.25 s; 30 000 × 10: 2.0 s);
 * - costs recomputed from coordinates instead of cached: about (1 + 0.4·d) times slower (2000², d = 8: 6.6 s vs
 *   1.5 s CPU).
 * Used to choose `auto` and to refuse hopeless runs.
 */
export const SIMPLEX_COEF = 5e-9
export const SIMPLEX_EXPONENT = 1.25
export const UNEQUAL_COEF = 2e-8

export function exactSeconds(n: number, m: number, d: number, power: 1 | 2 = 1): number {
  return useShortlist(n, m) ? shortlistSeconds(n, m, d, kernelThreads(), power) : denseExactSeconds(n, m, d)
}

/**
 * n·m from which the exact solver is the shortlist network simplex (./shortlist.ts) rather than the dense one: measured
 * faster from about 2000 × 2000 (bench/RESULTS.md "Issue 24": 2000² d = 16, 2.1 s against 3.1 s; 500² d = 8, 0.22 s
 * against 0.11 s, where the dense solver stays).
 */
export const SHORTLIST_MIN_PAIRS = 4e6

/** Whether exact W1 on n × m points runs the shortlist solver. */
export function useShortlist(n: number, m: number): boolean {
  return n * m >= SHORTLIST_MIN_PAIRS
}

/**
 * Time model of the shortlist solver (./shortlist.ts), seconds, on `threads` kernel threads, with U = pairWork(n·m, d)
 * and R = shortlistRounds(d):
 *   (2·SHORTLIST_KNN_NS + checks)·U·1e-9 / threads + SHORTLIST_SOLVE_COEF·(n + m)²·(R / 6)²,
 *   checks = (R − 1)·SHORTLIST_FILTER_NS + SHORTLIST_CHECK_NS for W1 (power 1), R·SHORTLIST_CHECK_NS for power 2:
 * the candidates (kNN both ways, and from 20 000 points the coarse problem's passes, ./multiscale.ts) and the checks
 * run on the worker threads — for W1 the float32 filter in every round and one fused float64 check at the end
 * (./dual-check.ts), for power 2 the float64 check every round; the sparse network simplex runs on this one, its
 * pivots growing with the rounds (10 000² d = 2, 18 rounds: 12.1 s of solves against 2.1 s in 6 rounds at d = 8).
 * With the coarse candidates the solves grow as (n + m)²: 2.0–3.8e-9·(n + m)² from 10 000² to 100 000² at d = 8 and
 * 16 (4.6 s at 20 000², 24.2 s at 40 000², 152 s at 100 000², d = 8). The constants are the medians over the quiet
 * runs in bench/reference/shortlist-calibration.json (`node bench/shortlist-calibrate.mjs fit`, session 32): the
 * CPU seconds per unit of the candidates, of the checks (as (R − 1) filter rounds and one check at the filter's
 * measured 0.38× the check's cost, bench/RESULTS.md "Issue 24, session 28") and of the solves. Model against those
 * runs' wall times on two threads: 0.72–1.16× from 10 000² to 100 000² at d = 2…64 (0.82–1.30× the "ideal wall" the
 * fit prints; bench/RESULTS.md "Issue 24, session 32").
 */
export const SHORTLIST_KNN_NS = 0.34
/** The float32 filter per unit and round. */
export const SHORTLIST_FILTER_NS = 0.095
/** The filter's CPU as a share of the float64 check's in the same run (bench/dual-check.mjs 10000 16 0.05: 0.23 s/0.61 s). */
export const SHORTLIST_FILTER_SHARE = 0.38
/** The float64 check per unit. */
export const SHORTLIST_CHECK_NS = SHORTLIST_FILTER_NS / SHORTLIST_FILTER_SHARE
export const SHORTLIST_SOLVE_COEF = 3.8e-9

/** Check rounds the shortlist needs in d dimensions: 6 + 48/d² (measured 18 at d = 2, 5–7 at 8 and 16, 6 at 64). */
export function shortlistRounds(d: number): number {
  return 6 + 48 / (d * d)
}

export function shortlistSeconds(n: number, m: number, d: number, threads = kernelThreads(), power: 1 | 2 = 1): number {
  const units = pairWork(n * m, d),
    rounds = shortlistRounds(d)
  const checks = power === 1 ? (rounds - 1) * SHORTLIST_FILTER_NS + SHORTLIST_CHECK_NS : rounds * SHORTLIST_CHECK_NS
  const parallel = (2 * SHORTLIST_KNN_NS + checks) * units * 1e-9
  return parallel / Math.max(1, threads) + SHORTLIST_SOLVE_COEF * (n + m) ** 2 * (rounds / 6) ** 2
}

/** The dense network simplex's time model (below). */
export function denseExactSeconds(n: number, m: number, d: number): number {
  const pairs = n * m
  const fill = pairWork(pairs, d) * 1e-9
  const pivots = SIMPLEX_COEF * pairs ** SIMPLEX_EXPONENT + (UNEQUAL_COEF * (n + m) ** 2) / Math.min(n, m)
  return costStorageFor(n, m) === 'cached' ? fill + pivots : pivots * (1 + 0.4 * d)
}

/**
 * Certified Sinkhorn's time: two passes over the n·m pairs per iteration, ~100 iterations for typical runs
 * (bench/RESULTS.md), --max-iter caps it; 1 ns per pair-work unit.
 */
export function sinkhornSeconds(n: number, m: number, d: number, maxIter: number): number {
  return 2 * Math.min(maxIter, 100) * pairWork(n * m, d) * 1e-9
}

/**
 * Why the exact solver cannot take n × m points, or undefined: the shortlist solver names a pair by the key i·m + j, a
 * float64 integer, so n·m must stay below 2^53 (the dense solver's 32-bit arc ids never come into play: it runs only
 * below SHORTLIST_MIN_PAIRS).
 */
export function exactRefusal(n: number, m: number, _d: number): string | undefined {
  if (n * m > Number.MAX_SAFE_INTEGER)
    return `exact W1 on ${n} × ${m} points is beyond the exact solver's limit of 2^53 pairs; use ${opt('w1.method')} sinkhorn (certified bracket) or ${opt('sample')} N`
  return undefined
}
