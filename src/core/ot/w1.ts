import {defaultMemoryBudget} from '../../kernels/memory.js'
import {InputError, OptionError, opt} from '../errors.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'
import {sameMeasure} from '../same-measure.js'
import {type SampleSet, weightsOf} from '../sampleset.js'
import {createRng} from '../stats/rng.js'
import {durationText, ensureAffordable, workBudgetSeconds} from '../work-budget.js'
import {assignment} from './assignment.js'
import {certifyPotentials} from './certificate.js'
import {selfTransport} from './debias.js'
import {diameter} from './diameter.js'
import {exactRefusal, exactSeconds, sinkhornSeconds, useShortlist} from './exact-estimate.js'
import {exactW1D} from './exact1d.js'
import {networkSimplex} from './network-simplex.js'
import {type ShortlistStats, shortlistSimplex} from './shortlist.js'
import {sinkhorn} from './sinkhorn.js'
import {slicedW} from './sliced.js'
import type {CostStorage} from './transport-costs.js'

/** The W1 methods (`w1 --method`, `compare --w1-method`). */
export const W1_METHODS = ['auto', 'exact-1d', 'exact', 'sinkhorn', 'sliced'] as const
export type W1Method = (typeof W1_METHODS)[number]

export interface W1Options {
  method: W1Method
  /** Ground-cost power: 1 gives W1, 2 gives W2 = √(min Σ γ‖x−y‖²). */
  p?: 1 | 2
  /** Relative width at which Sinkhorn stops: (upper − lower) ≤ gap·upper. */
  gap: number
  maxIter: number
  /** Target ε relative to the data's diameter (the ground cost's scale). */
  epsilon?: number
  projections: number
  seed: number
  /** Bytes the f32 cost matrix of the Sinkhorn iterations may take (default: defaultMemoryBudget()); above it costs are recomputed. */
  memory?: number
  /** When given, Sinkhorn runs record here the budget and the bytes of cost matrix they cached (`memoryBudget`, `costCache`). */
  timing?: Record<string, number>
  /** Progress: iterations (or another unit) done of total; Sinkhorn adds the current certified bracket as `detail`. */
  onProgress?: (done: number, total: number, detail?: string) => void
}

/** The docs/design.md "JSON keys" `w1` object. Distances are in the input's units. */
export interface W1Result {
  value: number
  method: Exclude<W1Method, 'auto'>
  lower: number
  /** null for sliced: projections give no upper bound. */
  upper: number | null
  /** What `value` is: the exact optimum, the midpoint of the certified bracket, or a sliced lower bound. */
  valueIs: 'exact' | 'bracket-midpoint' | 'sliced-lower-bound'
  epsilon: number | null
  iterations: number | null
  converged: boolean
  marginalError: number | null
  planCost: number | null
  sinkhornDivergence: number | null
  /** Why `sinkhornDivergence` is null for a Sinkhorn run (sizes too unequal, or its self terms hit their cap). */
  sinkhornDivergenceSkipped?: string
  projections?: number
  stderr?: number
  p?: 2
  /** Exact method: the dual certificate that makes lower = upper = value a checked fact (see `exactCertificate`). */
  certificate?: ExactCertificate
}

/**
 * What certifies an exact W: the network simplex's dual potentials, made feasible over all n·m pairs by exact
 * c-transforms, give the lower bound `dual` (weak duality); the plan gives the upper bound `value`.
 */
/** Defaults of the W1 options: Sinkhorn's relative gap, iteration cap and ε (relative to the diameter); sliced's
 * projections. The CLI's flags show and use these. */
export const W1_DEFAULTS = {gap: 0.01, maxIter: 2000, epsilon: 1e-3, projections: 100} as const

export interface ExactCertificate {
  /** (Σ a_i f_i + Σ b_j g_j)^{1/p}, input units: equal to `value` up to rounding when the plan is optimal. */
  dual: number
  /** max_ij (f_i + g_j − C_ij) of the solver's own potentials, in cost units (input units^p): ≤ rounding when optimal. */
  maxViolation: number
  /** Whether value − dual (less the dual's rounding) ≤ CERTIFICATE_TOL·value (`certified`), so lower = upper = value. */
  checked: boolean
  /**
   * Which exact solver ran: the dense network simplex, the Hungarian method where it measured faster
   * (ASSIGNMENT_FASTER_N), or the shortlist network simplex from SHORTLIST_MIN_PAIRS pairs (./shortlist.ts).
   */
  solver: 'network-simplex' | 'hungarian' | 'shortlist'
  /** How the n·m costs were held: cached float64, or recomputed from coordinates (memory budget). */
  costs: CostStorage
  /** Network simplex pivots (null for the Hungarian method). */
  pivots: number | null
  /** Shortlist solver only: its check-and-add rounds and arc counts. */
  shortlist?: ShortlistStats
}

/**
 * Largest n at which equal-size unweighted problems go to the Hungarian method (./assignment.ts) instead of the
 * network simplex, where it measured faster: best of 5–20 in one process, CI machine type under load
 * (bench/exact-small.mjs, bench/RESULTS.md "Issue 12"), network simplex vs Hungarian at d = 8: n = 100: 0.82 vs
 * 0.51 ms; 500: 88 vs 61 ms; 600: 145 vs 167 ms; 1000: 0.43 vs 0.52 s; 1500: 1.13 vs 1.54 s (d = 64: 500: 163 vs
 * 125 ms; 800: 370 vs 383 ms).
 */
export const ASSIGNMENT_FASTER_N = 500

/**
 * Tolerance of the certificate relative to the value: lower = upper = value is claimed only when the dual lower
 * bound, less its own rounding, is within CERTIFICATE_TOL·value of the plan's cost. It was relative to max(value,
 * max C) before, which a single far point made vacuous (one point at 1e12 of weight 1e-12: max C = 1e12 against a
 * value of 0.7, so a tolerance of 1e3 passed a dual 0.1 % below the value, fixtures/w1/far-*.csv).
 */
export const CERTIFICATE_TOL = 1e-9

/**
 * Whether the exact solver's plan cost `primal` is certified by its dual bound: primal − (dual − rounding) ≤
 * CERTIFICATE_TOL·primal, all in cost units. The solver's own maxViolation is not part of it: the dual comes from the
 * c-transforms, feasible whatever the solver's potentials were, so only its rounding (`dualRounding`) is owed.
 */
export function certified(primal: number, dual: number, dualRounding: number): boolean {
  return primal - (dual - dualRounding) <= CERTIFICATE_TOL * primal
}

/**
 * Whether S_ε's self-transport terms (n² + m² pairs) cost at most SELF_TERMS_MAX_RATIO × the n·m of the transport
 * itself: sizes within about 16× of each other. For 10 vs 10 000 they took 16 of the 17 s and are skipped.
 */
export const SELF_TERMS_MAX_RATIO = 16
export function selfTermsAffordable(n: number, m: number): boolean {
  return n * n + m * m <= SELF_TERMS_MAX_RATIO * n * m
}

/**
 * `auto` prefers exact up to this factor: it solves exactly whenever the exact estimate is at most
 * AUTO_EXACT_PREFERENCE × certified Sinkhorn's. Both estimates err the same way (fast side), and the exact answer needs
 * no ε and no bracket; measured near the boundary, 10 × 10 000 in 2-D: exact 0.46 s, Sinkhorn 0.38 s (CPU, one process).
 */
export const AUTO_EXACT_PREFERENCE = 2

/**
 * Whether `auto` solves n × m points in d dimensions exactly: the network simplex takes the size and its estimated time
 * is below certified Sinkhorn's, up to AUTO_EXACT_PREFERENCE (both estimates in ./exact-estimate.ts).
 */
export function autoExact(n: number, m: number, d: number, maxIter: number): boolean {
  if (exactRefusal(n, m, d) !== undefined) return false
  const t = exactSeconds(n, m, d)
  // The shortlist solver is exact in memory O((n + m)·k): wherever its estimate fits the budget, exact it is.
  if (useShortlist(n, m) && t <= workBudgetSeconds()) return true
  return t <= AUTO_EXACT_PREFERENCE * sinkhornSeconds(n, m, d, maxIter)
}

/** The Hungarian method with the same certificate as the network simplex (its duals u, v are f, g). */
function hungarian(
  x: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
  power: 1 | 2,
  onProgress?: (done: number, total: number) => void,
) {
  const {cost, u, v, C} = assignment(x, y, n, d, power, onProgress)
  const ones = new Float64Array(n).fill(1)
  let maxCost = 0
  for (let k = 0; k < C.length; k++) if (C[k] > maxCost) maxCost = C[k]
  const cert = certifyPotentials(u, v, ones, ones, C)
  return {
    cost,
    ...cert,
    maxCost,
    marginalError: 0,
    solver: 'hungarian' as const,
    storage: 'cached' as const,
    pivots: null,
  }
}

/** The way out a Sinkhorn refusal suggests when the exact solver would be faster (with its estimate). */
function fasterExact(n: number, m: number, d: number, maxIter: number): string | undefined {
  if (exactRefusal(n, m, d) !== undefined) return undefined
  const t = exactSeconds(n, m, d)
  return t < sinkhornSeconds(n, m, d, maxIter) ? `${opt('w1.method')} exact (about ${durationText(t)})` : undefined
}

/**
 * W_p(P̂, Q̂) = (min_{γ ∈ Π(a,b)} Σ γ_ij ‖x_i − y_j‖^p)^{1/p} (docs/design.md "W1"; Villani 2009 Def. 6.1).
 * `auto`: d = 1 → exact from quantiles; else exact transport (network simplex) whenever its estimated time is below
 * certified Sinkhorn's (`autoExact`), else Sinkhorn with the certified bracket.
 */
export async function computeW1(p: SampleSet, q: SampleSet, opts: W1Options): Promise<W1Result> {
  const power = opts.p ?? 1
  if (power !== 1 && power !== 2) throw new OptionError('p', power, `must be 1 or 2`)
  // (upper − lower)/upper ≤ 1 always (lower ≥ 0), so a gap of 1 or more would stop Sinkhorn at once with a bracket
  // that says nothing.
  if (!(opts.gap > 0 && opts.gap < 1))
    throw new OptionError('gap', opts.gap, `must be between 0 and 1 (a relative width such as 0.01), got ${opts.gap}`)
  if (!(opts.maxIter >= 1)) throw new OptionError('maxIter', opts.maxIter, `must be ≥ 1`)
  if (!(opts.projections >= 1)) throw new OptionError('projections', opts.projections, `must be ≥ 1`)
  if (opts.memory !== undefined && !(opts.memory >= 0))
    throw new OptionError('memory', opts.memory, `must be a number of bytes ≥ 0 (e.g. 512M, 2G), got ${opts.memory}`)
  if (opts.epsilon !== undefined && !(opts.epsilon > 0))
    throw new OptionError('epsilon', opts.epsilon, `must be > 0 (relative to the data's diameter), got ${opts.epsilon}`)
  if (p.d !== q.d) throw new InputError(`P has ${p.d} columns and Q has ${q.d}`)
  if (p.n < 1 || q.n < 1) throw new InputError('W1 needs at least one point in each set')
  let method = opts.method
  if (method === 'auto') method = p.d === 1 ? 'exact-1d' : autoExact(p.n, q.n, p.d, opts.maxIter) ? 'exact' : 'sinkhorn'
  if (method === 'exact-1d' && p.d !== 1)
    throw new OptionError(
      'w1.method',
      method,
      `exact-1d needs one column; these sets have ${p.d} (use exact or sinkhorn)`,
    )

  const s = powerOfTwoScale(p.data, q.data)
  const x = divided(p.data, s),
    y = divided(q.data, s)
  const a = normalised(weightsOf(p)),
    b = normalised(weightsOf(q))
  const root = (c: number) => (power === 2 ? Math.sqrt(Math.max(0, c)) : Math.max(0, c)) * s
  const tag = power === 2 ? {p: 2 as const} : {}
  const exactResult = (value: number): W1Result => ({
    value,
    method: method as W1Result['method'],
    lower: value,
    upper: value,
    valueIs: 'exact',
    epsilon: null,
    iterations: null,
    converged: true,
    marginalError: 0,
    planCost: value,
    sinkhornDivergence: null,
    ...tag,
  })

  // Identical multisets: W = 0 exactly, whatever the method (no solver rounding, no entropic bias).
  if (sameMeasure(p, q))
    return {...exactResult(0), ...(method === 'sliced' ? {upper: 0, projections: opts.projections, stderr: 0} : {})}
  if (method === 'exact-1d') {
    return exactResult(exactW1D(x, a, y, b, power) * s)
  }
  if (method === 'sliced') {
    const r = slicedW(p, q, opts.projections, createRng(opts.seed), power, {x, y})
    return {
      value: r.value * s,
      method: 'sliced',
      lower: r.value * s,
      upper: null,
      valueIs: 'sliced-lower-bound',
      epsilon: null,
      iterations: null,
      converged: true,
      marginalError: null,
      planCost: null,
      sinkhornDivergence: null,
      projections: opts.projections,
      stderr: r.stderr * s,
      ...tag,
    }
  }
  const d = p.d
  if (method === 'exact') {
    const refusal = exactRefusal(p.n, q.n, d)
    if (refusal) throw new InputError(refusal)
    const te = exactSeconds(p.n, q.n, d, power),
      ts = sinkhornSeconds(p.n, q.n, d, opts.maxIter)
    ensureAffordable(
      `exact W1 on ${p.n} × ${q.n} points in ${d} dimensions`,
      te * 1e9,
      ts < te ? `${opt('w1.method')} sinkhorn (certified bracket, about ${durationText(ts)})` : undefined,
    )
    // Unweighted: integer supplies m and demands n keep every flow an exact integer.
    const integral = !p.weights && !q.weights
    const supplies = integral ? new Float64Array(p.n).fill(q.n) : a,
      demands = integral ? new Float64Array(q.n).fill(p.n) : b
    const started = Date.now()
    const r = useShortlist(p.n, q.n)
      ? {
          ...shortlistSimplex(
            supplies,
            demands,
            {x, n: p.n, y, m: q.n, d, power},
            opts.onProgress &&
              ((_phase, _round, detail) =>
                opts.onProgress!(
                  0,
                  1,
                  `${detail}; ${durationText((Date.now() - started) / 1000)} elapsed of about ${durationText(te)} estimated`,
                )),
          ),
          solver: 'shortlist' as const,
        }
      : integral && p.n === q.n && p.n <= ASSIGNMENT_FASTER_N
        ? hungarian(x, y, p.n, d, power, opts.onProgress)
        : {
            ...networkSimplex({a: supplies, b: demands, costs: {x, n: p.n, y, m: q.n, d, power}}, opts.onProgress),
            solver: 'network-simplex' as const,
          }
    // Cost units are (scaled units)^p; the scale factor s^p brings violations back to input units^p.
    const costUnit = power === 2 ? s * s : s
    const checked = certified(r.cost, Math.min(r.dualValue, r.cost), r.dualRounding)
    const value = root(r.cost),
      dual = root(Math.min(r.dualValue, r.cost))
    const certificate: ExactCertificate = {
      dual,
      maxViolation: r.maxViolation * costUnit,
      checked,
      solver: r.solver,
      costs: r.storage,
      pivots: r.pivots,
      ...('shortlist' in r ? {shortlist: r.shortlist} : {}),
    }
    if ('shortlist' in r) opts.onProgress?.(1, 1) // clears the progress line
    // An unchecked certificate is reported as what it proves: the bracket [dual, value], not an exact value.
    if (!checked)
      return {...exactResult(value), lower: dual, converged: false, marginalError: r.marginalError, certificate}
    return {...exactResult(value), marginalError: r.marginalError, certificate}
  }
  // Sinkhorn: ε is relative to the diameter of the scaled data (in cost units: diam^p).
  const diam = diameter({...p, data: x}, {...q, data: y}).value
  const scaleCost = power === 2 ? diam * diam : diam
  if (scaleCost === 0) return {...exactResult(0), method: 'sinkhorn'}
  const epsRel = opts.epsilon ?? W1_DEFAULTS.epsilon
  ensureAffordable(
    `Sinkhorn W1 on ${p.n} × ${q.n} points in ${d} dimensions`,
    sinkhornSeconds(p.n, q.n, d, opts.maxIter) * 1e9,
    fasterExact(p.n, q.n, d, opts.maxIter),
  )
  const input = {x, n: p.n, y, m: q.n, d, a, b, power}
  const memory = opts.memory ?? defaultMemoryBudget()
  // Progress that moves: the iteration and the tightest bracket so far (in the input's units) with its relative gap.
  let detail: string | undefined
  const onBracket = (lo: number, up: number) => {
    const l = root(lo),
      u = root(up)
    detail = `[${l.toPrecision(6)}, ${u.toPrecision(6)}], gap ${((u - l) / u).toExponential(1)} (target ${opts.gap})`
  }
  const onProgress =
    opts.onProgress &&
    ((k: number, total: number) => opts.onProgress!(k, total, `iteration ${k}${detail ? `, bracket ${detail}` : ''}`))
  const r = sinkhorn(input, {
    epsilon: epsRel * scaleCost,
    epsilonStart: scaleCost,
    gap: opts.gap,
    maxIter: opts.maxIter,
    cacheBytes: memory,
    onProgress,
    onBracket,
  })
  opts.onProgress?.(opts.maxIter, opts.maxIter) // 100%: clears the progress line
  if (opts.timing) {
    opts.timing.memoryBudget = memory
    opts.timing.costCache = r.cachedBytes
    opts.timing.iterationsF32 = r.precisionIterations.f32
    opts.timing.iterationsMixed = r.precisionIterations.mixed
    opts.timing.iterationsF64 = r.precisionIterations.f64
  }
  // Debiased Sinkhorn divergence S_ε = OT_ε(P,Q) − ½OT_ε(P,P) − ½OT_ε(Q,Q) (Genevay et al. 2018; Feydy et al. 2019), at the ε reached.
  // Its self terms cost n² + m² kernel rows against the n·m of the bracket: skipped (null) when that would dominate.
  let divergence: number | null = null,
    skipped: string | undefined
  if (!selfTermsAffordable(p.n, q.n)) {
    skipped = 'not computed: the sizes differ by more than 16×, so its self-transport terms would cost far more than W1'
  } else {
    const selfP = selfTransport(x, p.n, d, a, power, scaleCost, r.epsilon, 100, memory),
      selfQ = selfTransport(y, q.n, d, b, power, scaleCost, r.epsilon, 100, memory)
    if (selfP.converged && selfQ.converged) divergence = r.dualValue - 0.5 * selfP.value - 0.5 * selfQ.value
    else skipped = 'not reported: its self-transport terms did not converge within 100 iterations'
  }
  const lower = root(r.lower),
    upper = root(r.upper)
  return {
    value: (lower + upper) / 2,
    method: 'sinkhorn',
    lower,
    upper,
    valueIs: 'bracket-midpoint',
    epsilon: r.epsilon * (power === 2 ? s * s : s),
    iterations: r.iterations,
    converged: r.converged,
    marginalError: r.marginalError,
    planCost: root(r.planCost),
    sinkhornDivergence: divergence === null ? null : Math.max(0, divergence) * (power === 2 ? s * s : s),
    ...(skipped ? {sinkhornDivergenceSkipped: skipped} : {}),
    ...tag,
  }
}

/** Weights rescaled to sum 1 (the readers already normalise; this keeps core callers with raw weights correct). */
function normalised(w: Float64Array): Float64Array {
  let total = 0
  for (const v of w) total += v
  if (!(total > 0) || !Number.isFinite(total))
    throw new InputError('the weights must be non-negative with a positive, finite sum')
  return Math.abs(total - 1) <= 1e-15 ? w : w.map((v) => v / total)
}
