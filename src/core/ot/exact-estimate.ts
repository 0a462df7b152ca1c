import {pairWork} from '../work-budget.js'
import {SIMPLEX_MAX_ARCS} from './network-simplex.js'
import {costStorageFor} from './transport-costs.js'

/**
 * Time model of the network simplex on n × m points in d dimensions, in seconds, fitted to medians on the CI machine
 * type (2 vCPU, bench/RESULTS.md, issue 12): filling the cost matrix is one pair-work unit per pair (1 ns), the
 * pivots grow like (n·m)^1.25 — the exponent POT's `emd2` shows between 4000² and 10 000² (4 s → 39 s), which ours
 * follows — with SIMPLEX_COEF seconds per unit; recomputing costs from coordinates multiplies the pricing by about
 * (1 + d/4). Used to choose `auto` and to refuse hopeless runs, so it errs towards the fast side.
 */
export const SIMPLEX_COEF = 2.5e-10
export const SIMPLEX_EXPONENT = 1.25

export function exactSeconds(n: number, m: number, d: number): number {
  const pairs = n * m
  const fill = pairWork(pairs, d) * 1e-9
  const pivots = SIMPLEX_COEF * Math.pow(pairs, SIMPLEX_EXPONENT) + 2e-7 * (n + m)
  return costStorageFor(n, m) === 'cached' ? fill + pivots : pivots * (1 + d / 4)
}

/**
 * Certified Sinkhorn's time: two passes over the n·m pairs per iteration, ~100 iterations for typical runs
 * (bench/RESULTS.md), --max-iter caps it; 1 ns per pair-work unit.
 */
export function sinkhornSeconds(n: number, m: number, d: number, maxIter: number): number {
  return 2 * Math.min(maxIter, 100) * pairWork(n * m, d) * 1e-9
}

/** Why the exact solver cannot take n × m points (beyond its 32-bit arc ids), or undefined. */
export function exactRefusal(n: number, m: number, _d: number): string | undefined {
  if (n * m > SIMPLEX_MAX_ARCS) return `exact W1 on ${n} × ${m} points is beyond the exact solver's limit of ${SIMPLEX_MAX_ARCS} pairs; use --method sinkhorn (certified bracket) or --sample N`
  return undefined
}
