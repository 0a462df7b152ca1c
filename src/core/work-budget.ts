import {InputError, opt} from './errors.js'

/**
 * Seconds of estimated computation above which a method refuses to start instead of running for hours: 30 minutes
 * unless the command line sets another (`DIVERGENCE_MAX_SECONDS`, read by the CLI, never by core).
 */
let budgetSeconds = 1800

/** Sets the budget (the CLI calls this from DIVERGENCE_MAX_SECONDS); returns the previous value, for tests. */
export function setWorkBudget(seconds: number): number {
  const previous = budgetSeconds
  if (Number.isFinite(seconds) && seconds > 0) budgetSeconds = seconds
  return previous
}

/** The budget in seconds (what `ensureAffordable` compares estimates with). */
export function workBudgetSeconds(): number {
  return budgetSeconds
}

/**
 * Nanoseconds per unit of work: one pair of points times (one coordinate + a fixed per-pair cost). Deliberately the
 * fast end of the measured rates (KDE 2 × 3000 × 8 in 0.6 s ≈ 1 ns per unit, idle; Sinkhorn 3000² × 8 in 22 s for 100
 * iterations ≈ 1.2 ns; bench/RESULTS.md), so an estimate never overstates and only hopeless runs are refused.
 */
const NS_PER_UNIT = 1
/** Per-pair work beyond the coordinates (exp/log in a kernel, the heap in kNN), in coordinate units. */
const PAIR_OVERHEAD = 8

/** Work units of `pairs` point pairs in d dimensions. */
export function pairWork(pairs: number, d: number): number {
  return pairs * (d + PAIR_OVERHEAD)
}

/** A duration for people: seconds, minutes, hours or days. */
export function durationText(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`
  return `${Math.round(seconds / 86400)} days`
}

/**
 * Refuses `what` when its estimated time (`units` of work, `pairWork`) exceeds the budget, with the ways out: a
 * faster method when the caller knows one (`faster`, e.g. "--method exact (about 40 s)"), --sample for a random
 * subset of each set, or a larger DIVERGENCE_MAX_SECONDS for those who mean it.
 */
export function ensureAffordable(what: string, units: number, faster?: string): void {
  const seconds = units * NS_PER_UNIT * 1e-9
  if (!(seconds > budgetSeconds)) return
  const first = faster ? `use ${faster}, or ${opt('sample')} N` : `use ${opt('sample')} N`
  throw new InputError(
    `${what} would take about ${durationText(seconds)} (estimated; the limit is ${durationText(budgetSeconds)}); ${first} to compare random subsets of N points, or raise DIVERGENCE_MAX_SECONDS (seconds)`,
  )
}
