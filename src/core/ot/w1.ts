import {ensureAffordable, pairWork} from '../work-budget.js'
import {InputError} from '../errors.js'
import {weightsOf, type SampleSet} from '../sampleset.js'
import {createRng} from '../stats/rng.js'
import {costScale, groundCost, scaled} from './cost.js'
import {assignmentCost} from './assignment.js'
import {selfTransport} from './debias.js'
import {diameter} from './diameter.js'
import {exactTransport, exactTransportWork} from './exact.js'
import {exactW1D} from './exact1d.js'
import {sinkhorn} from './sinkhorn.js'
import {slicedW} from './sliced.js'
import {defaultMemoryBudget} from '../../kernels/memory.js'

export type W1Method = 'auto' | 'exact-1d' | 'exact' | 'sinkhorn' | 'sliced'

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
  /**
   * Worker threads for the kernels. Accepted for the API's sake; kernels run on one thread for now, because two
   * threads measured only 1.0–1.8× on this 2-vCPU machine type (ecosystem.md §4.3) and results must not depend on it.
   */
  threads?: number
  /** Bytes the f32 cost matrix of the Sinkhorn iterations may take (default: defaultMemoryBudget()); above it costs are recomputed. */
  memory?: number
  /** When given, Sinkhorn runs record here the budget and the bytes of cost matrix they cached (`memoryBudget`, `costCache`). */
  timing?: Record<string, number>
  /** Progress: iterations (or another unit) done of total; Sinkhorn adds the current certified bracket as `detail`. */
  onProgress?: (done: number, total: number, detail?: string) => void
}

/** The DESIGN.md `w1` object. Distances are in the input's units. */
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
}

/**
 * `exactTransportWork` up to which `auto` solves unequal or weighted problems exactly: about 2 s (50 × 2000 takes 1 s,
 * 20 × 5000 takes 4.5 s); larger problems go to Sinkhorn, whose certified bracket says how close it got.
 */
export const AUTO_EXACT_WORK = 3e8
/** Size up to which `auto` solves equal-size unweighted problems exactly (Hungarian: well under 2 s at 1000², more at 2000²). */
export const AUTO_ASSIGNMENT_N = 2000

/**
 * Whether S_ε's self-transport terms (n² + m² pairs) cost at most SELF_TERMS_MAX_RATIO × the n·m of the transport
 * itself: sizes within about 16× of each other. For 10 vs 10 000 they took 16 of the 17 s and are skipped.
 */
export const SELF_TERMS_MAX_RATIO = 16
export function selfTermsAffordable(n: number, m: number): boolean {
  return n * n + m * m <= SELF_TERMS_MAX_RATIO * n * m
}

function autoExact(p: SampleSet, q: SampleSet): boolean {
  return !p.weights && !q.weights && p.n === q.n ? p.n <= AUTO_ASSIGNMENT_N : exactTransportWork(p.n, q.n) <= AUTO_EXACT_WORK
}

/**
 * W_p(P̂, Q̂) = (min_{γ ∈ Π(a,b)} Σ γ_ij ‖x_i − y_j‖^p)^{1/p} (DESIGN.md "W1"; Villani 2009 Def. 6.1).
 * `auto`: d = 1 → exact from quantiles; equal unweighted sizes n ≤ AUTO_ASSIGNMENT_N or exact-transport work ≤ AUTO_EXACT_WORK → exact
 * transport; else Sinkhorn with the certified bracket.
 */
export async function computeW1(p: SampleSet, q: SampleSet, opts: W1Options): Promise<W1Result> {
  const power = opts.p ?? 1
  if (power !== 1 && power !== 2) throw new InputError('--p must be 1 or 2')
  if (!(opts.gap > 0)) throw new InputError(`--gap must be > 0 (a relative width such as 0.01), got ${opts.gap}`)
  if (!(opts.maxIter >= 1)) throw new InputError('--max-iter must be ≥ 1')
  if (!(opts.projections >= 1)) throw new InputError('--projections must be ≥ 1')
  if (opts.memory !== undefined && !(opts.memory >= 0)) throw new InputError(`--memory must be a number of bytes ≥ 0 (e.g. 512M, 2G), got ${opts.memory}`)
  if (opts.epsilon !== undefined && !(opts.epsilon > 0)) throw new InputError(`--epsilon must be > 0 (relative to the data's diameter), got ${opts.epsilon}`)
  if (p.d !== q.d) throw new InputError(`P has ${p.d} columns and Q has ${q.d}`)
  if (p.n < 1 || q.n < 1) throw new InputError('W1 needs at least one point in each set')
  let method = opts.method
  if (method === 'auto') method = p.d === 1 ? 'exact-1d' : autoExact(p, q) ? 'exact' : 'sinkhorn'
  if (method === 'exact-1d' && p.d !== 1) throw new InputError(`--method exact-1d needs one column; these sets have ${p.d} (use exact or sinkhorn)`)

  const s = costScale(p, q)
  const x = scaled(p, s), y = scaled(q, s)
  const a = normalised(weightsOf(p)), b = normalised(weightsOf(q))
  const root = (c: number) => (power === 2 ? Math.sqrt(Math.max(0, c)) : Math.max(0, c)) * s
  const tag = power === 2 ? {p: 2 as const} : {}
  const exactResult = (value: number): W1Result => ({
    value, method: method as W1Result['method'], lower: value, upper: value, valueIs: 'exact', epsilon: null, iterations: null,
    converged: true, marginalError: 0, planCost: value, sinkhornDivergence: null, ...tag,
  })

  // Identical multisets: W = 0 exactly, whatever the method (no solver rounding, no entropic bias).
  if (sameMeasure(p, q)) return {...exactResult(0), ...(method === 'sliced' ? {upper: 0, projections: opts.projections, stderr: 0} : {})}
  if (method === 'exact-1d') {
    return exactResult(exactW1D(x, a, y, b, power) * s)
  }
  if (method === 'sliced') {
    const r = slicedW(p, q, opts.projections, createRng(opts.seed), power, {x, y})
    return {
      value: r.value * s, method: 'sliced', lower: r.value * s, upper: null, valueIs: 'sliced-lower-bound', epsilon: null, iterations: null,
      converged: true, marginalError: null, planCost: null, sinkhornDivergence: null, projections: opts.projections, stderr: r.stderr * s, ...tag,
    }
  }
  const d = p.d
  const cost = (i: number, j: number) => groundCost(x, i, y, j, d, power)
  if (method === 'exact') {
    if (!p.weights && !q.weights && p.n === q.n) return exactResult(root(assignmentCost(x, y, p.n, d, power, opts.onProgress)))
    const integral = !p.weights && !q.weights
    const problem = integral
      ? {a: new Float64Array(p.n).fill(q.n), b: new Float64Array(q.n).fill(p.n), cost, integral}
      : {a, b, cost, integral}
    const {cost: c} = exactTransport(problem, opts.onProgress)
    return exactResult(root(c))
  }
  // Sinkhorn: ε is relative to the diameter of the scaled data (in cost units: diam^p).
  const diam = diameter({...p, data: x}, {...q, data: y}).value
  const scaleCost = power === 2 ? diam * diam : diam
  if (scaleCost === 0) return {...exactResult(0), method: 'sinkhorn'}
  const epsRel = opts.epsilon ?? 1e-3
  // Two passes over the n·m pairs per iteration; typical runs need ~100 iterations (bench/RESULTS.md), --max-iter caps it.
  ensureAffordable(`Sinkhorn W1 on ${p.n} × ${q.n} points in ${d} dimensions`, 2 * Math.min(opts.maxIter, 100) * pairWork(p.n * q.n, d))
  const input = {x, n: p.n, y, m: q.n, d, a, b, power}
  const memory = opts.memory ?? defaultMemoryBudget()
  // Progress that moves: the iteration and the tightest bracket so far (in the input's units) with its relative gap.
  let detail: string | undefined
  const onBracket = (lo: number, up: number) => {
    const l = root(lo), u = root(up)
    detail = `[${l.toPrecision(6)}, ${u.toPrecision(6)}], gap ${((u - l) / u).toExponential(1)} (target ${opts.gap})`
  }
  const onProgress = opts.onProgress && ((k: number, total: number) => opts.onProgress!(k, total, `iteration ${k}${detail ? `, bracket ${detail}` : ''}`))
  const r = sinkhorn(input, {epsilon: epsRel * scaleCost, epsilonStart: scaleCost, gap: opts.gap, maxIter: opts.maxIter, cacheBytes: memory, onProgress, onBracket})
  opts.onProgress?.(opts.maxIter, opts.maxIter) // 100%: clears the progress line
  if (opts.timing) {
    opts.timing.memoryBudget = memory
    opts.timing.costCache = r.cachedBytes
    opts.timing.iterationsF32 = r.precisionIterations.f32
    opts.timing.iterationsF64 = r.precisionIterations.f64
  }
  // Debiased Sinkhorn divergence S_ε = OT_ε(P,Q) − ½OT_ε(P,P) − ½OT_ε(Q,Q) (Genevay et al. 2018; Feydy et al. 2019), at the ε reached.
  // Its self terms cost n² + m² kernel rows against the n·m of the bracket: skipped (null) when that would dominate.
  let divergence: number | null = null, skipped: string | undefined
  if (!selfTermsAffordable(p.n, q.n)) {
    skipped = 'not computed: the sizes differ by more than 16×, so its self-transport terms would cost far more than W1'
  } else {
    const selfP = selfTransport(x, p.n, d, a, power, scaleCost, r.epsilon, 100, memory), selfQ = selfTransport(y, q.n, d, b, power, scaleCost, r.epsilon, 100, memory)
    if (selfP.converged && selfQ.converged) divergence = r.dualValue - 0.5 * selfP.value - 0.5 * selfQ.value
    else skipped = 'not reported: its self-transport terms did not converge within 100 iterations'
  }
  const lower = root(r.lower), upper = root(r.upper)
  return {
    value: (lower + upper) / 2, method: 'sinkhorn', lower, upper, valueIs: 'bracket-midpoint',
    epsilon: r.epsilon * (power === 2 ? s * s : s), iterations: r.iterations, converged: r.converged, marginalError: r.marginalError,
    planCost: root(r.planCost), sinkhornDivergence: divergence === null ? null : Math.max(0, divergence) * (power === 2 ? s * s : s),
    ...(skipped ? {sinkhornDivergenceSkipped: skipped} : {}), ...tag,
  }
}

/** Weights rescaled to sum 1 (the readers already normalise; this keeps core callers with raw weights correct). */
function normalised(w: Float64Array): Float64Array {
  let total = 0
  for (const v of w) total += v
  if (!(total > 0) || !Number.isFinite(total)) throw new InputError('the weights must be non-negative with a positive, finite sum')
  return Math.abs(total - 1) <= 1e-15 ? w : w.map((v) => v / total)
}

/** True when P̂ = Q̂ as measures: the same points with the same weights, in any row order. */
function sameMeasure(p: SampleSet, q: SampleSet): boolean {
  if (p.n !== q.n || p.d !== q.d) return false
  const d = p.d
  // Cheap rejection first (different sets almost always differ in their coordinate sums), so the sort below only
  // runs on sets that are probably identical.
  const total = (s: SampleSet) => s.data.reduce((acc, v) => acc + v, 0)
  const tp = total(p), tq = total(q)
  if (!(Math.abs(tp - tq) <= 1e-9 * (Math.abs(tp) + Math.abs(tq)))) return false
  const wp = normalised(weightsOf(p)), wq = normalised(weightsOf(q))
  const key = (s: SampleSet, w: Float64Array) => {
    const rows = Array.from({length: s.n}, (_, i) => i)
    const cmp = (i: number, j: number) => {
      for (let c = 0; c < d; c++) if (s.data[i * d + c] !== s.data[j * d + c]) return s.data[i * d + c] - s.data[j * d + c]
      return w[i] - w[j]
    }
    return rows.sort(cmp)
  }
  const op = key(p, wp), oq = key(q, wq)
  for (let r = 0; r < p.n; r++) {
    if (wp[op[r]] !== wq[oq[r]]) return false
    for (let c = 0; c < d; c++) if (p.data[op[r] * d + c] !== q.data[oq[r] * d + c]) return false
  }
  return true
}
