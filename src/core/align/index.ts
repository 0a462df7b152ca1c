import {randomHalves} from '../baseline.js'
import {ensure, ensureOption, InputError, opt} from '../errors.js'
import {type KnnGraph, knnScaled, useTree} from '../knn/index.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'
import type {SampleSet} from '../sampleset.js'
import {createRng, DEFAULT_SEED, sampleIndices} from '../stats/rng.js'
import {ensureAffordable, pairWork} from '../work-budget.js'
import {kthDistances, supportCoverage} from './coverage.js'
import {ALIGN_DEFAULTS} from './defaults.js'
import {type DimensionEstimate, mleDimension, twoNN} from './intrinsic-dimension.js'
import {empiricalQuantile, normalResiduals} from './on-manifold.js'
import {
  type AlignReason,
  type AlignThresholds,
  consistentWithAmbient,
  DEFAULT_THRESHOLDS,
  decideVerdict,
  type Verdict,
} from './verdict.js'

export {ALIGN_DEFAULTS} from './defaults.js'
export {type AlignReason, type AlignThresholds, DEFAULT_THRESHOLDS, type Verdict} from './verdict.js'

export interface AlignOptions {
  /** k of precision/recall (Kynkäänniemi et al. 2019); default in ALIGN_DEFAULTS. */
  kPrecisionRecall?: number
  /** k of density/coverage (Naeem et al. 2020); default in ALIGN_DEFAULTS. */
  kDensityCoverage?: number
  /** Neighbours of the MLE intrinsic dimension (Levina & Bickel); default in ALIGN_DEFAULTS. */
  kMle?: number
  /** Local-PCA neighbourhood size K; default max(2k̂ + 2, 20) (docs/estimators.md "Local-PCA on-manifold test"). */
  neighbourhood?: number
  /** Quantile of P's leave-one-out residuals that defines τ; default in ALIGN_DEFAULTS. */
  quantile?: number
  /** At most this many points of each set enter the local-PCA step (seeded subsample); default in ALIGN_DEFAULTS. */
  manifoldSample?: number
  /** Verdict thresholds (any subset; the rest default). */
  thresholds?: Partial<AlignThresholds>
  /** Calibrate alignedMin and coverageMin on two random halves of P (their values minus `baselineMargin`). */
  baseline?: boolean
  /** Absolute margin below the baseline's values; default in ALIGN_DEFAULTS. */
  baselineMargin?: number
  seed?: number
  /** Precomputed self-excluded kNN graphs of P and Q (e.g. from `compare`), reused when their k is large enough. */
  graphs?: {p?: KnnGraph; q?: KnnGraph}
  onProgress?: (done: number, total: number) => void
}

export interface AlignResult {
  verdict: Verdict
  /** Intrinsic dimensions (TwoNN, Facco et al. 2017) and the ambient d; `mle` and `twoNN` carry both estimators. */
  intrinsicDim: {
    p: number
    q: number
    ambient: number
    method: 'twoNN'
    twoNN: {p: number; q: number}
    mle: {p: number; q: number}
    /** Standard errors of the TwoNN estimates (d̂/√N); the verdict compares dimensions with them, never by rounding. */
    stderr: {p: number; q: number}
    /** Whether each set's dimension is consistent with the ambient d within its uncertainty. */
    full: {p: boolean; q: boolean}
  }
  /** Fractions on the other set's manifold; `tau` = P's threshold (for qOnP), `tauQ` = Q's (for pOnQ), input units. */
  onManifold: {
    qOnP: number
    pOnQ: number
    tau: number
    tauQ: number
    quantile: number
    kHat: {p: number; q: number}
    neighbourhood: {p: number; q: number}
    /** Points tested: `p` = of Q against P's manifold (qOnP), `q` = of P against Q's (pOnQ). */
    sampled: {p: number; q: number}
    byDefinition: {p: boolean; q: boolean}
  }
  precision: number
  recall: number
  density: number
  coverage: number
  k: {precisionRecall: number; densityCoverage: number; mle: number}
  /** Points whose nearest neighbour in their own set is at distance 0 (left out of the dimension estimates). */
  duplicates: {p: number; q: number}
  thresholds: AlignThresholds & {source: 'default' | 'flags' | 'baseline'}
  baseline?: {
    qOnP: number
    pOnQ: number
    coverage: number
    precision: number
    recall: number
    dim: [number, number]
    n: [number, number]
  }
  /**
   * The separate finding on diversity (not the verdict): part of P that Q does not reach — P off Q's manifold
   * (pOnQ < alignedMin) or low coverage (Naeem et al. 2020) — the signature of dropped modes.
   */
  modeDropping: {detected: boolean; pOnQ: number; coverage: number; recall: number}
  reasons: AlignReason[]
}

interface Prepared {
  data: Float64Array
  n: number
  graph: KnnGraph
  label: string
}

/**
 * Manifold-alignment check after Lui et al. 2017 (§3, Def 3.1, Thm 3.1–3.2) and Arjovsky & Bottou 2017 (Thm 2.3):
 * intrinsic dimensions (TwoNN, MLE), on-manifold fractions by local PCA with a τ calibrated on P's own
 * leave-one-out residuals, support coverage (precision/recall/density/coverage), and a verdict with its reasons.
 * Weights are ignored: alignment is a property of the supports. Coordinates are divided once by a common power of
 * two (exact) so 1e±200 inputs neither overflow nor underflow; reported lengths are in input units.
 */
export async function computeAlignment(p: SampleSet, q: SampleSet, opts: AlignOptions = {}): Promise<AlignResult> {
  const o = resolveOptions(opts)
  if (!opts.baseline)
    return alignCore(
      p,
      q,
      o,
      {...DEFAULT_THRESHOLDS, ...opts.thresholds},
      opts.thresholds && Object.keys(opts.thresholds).length > 0 ? 'flags' : 'default',
      opts,
    )
  ensureOption(
    p.n >= 2 * (o.kMle + 1),
    'baseline',
    opts.baseline,
    `splits P into two halves; P has ${p.n} points, need at least ${2 * (o.kMle + 1)}`,
  )
  const [a, b] = randomHalves(p, createRng(o.seed).fork())
  const base = alignCore(a, b, o, {...DEFAULT_THRESHOLDS, ...opts.thresholds}, 'default', {})
  const margin = opts.baselineMargin ?? ALIGN_DEFAULTS.baselineMargin
  const t: AlignThresholds = {
    ...DEFAULT_THRESHOLDS,
    ...opts.thresholds,
    alignedMin: clamp(Math.min(base.onManifold.qOnP, base.onManifold.pOnQ) - margin),
    coverageMin: clamp(base.coverage - margin),
    // Two halves of one set differ in estimated dimension by estimator noise alone: allow twice that gap.
    dimSlack: Math.max(
      opts.thresholds?.dimSlack ?? DEFAULT_THRESHOLDS.dimSlack,
      2 * Math.abs(base.intrinsicDim.p - base.intrinsicDim.q),
    ),
  }
  const result = alignCore(p, q, o, t, 'baseline', opts)
  result.baseline = {
    qOnP: base.onManifold.qOnP,
    pOnQ: base.onManifold.pOnQ,
    coverage: base.coverage,
    precision: base.precision,
    recall: base.recall,
    dim: [base.intrinsicDim.p, base.intrinsicDim.q],
    n: [a.n, b.n],
  }
  return result
}

/**
 * Neighbours of the self-excluded graph the alignment check builds for a set of n points: a graph shared with it
 * (`graphs`) needs at least this many. Throws the options' InputError when they are invalid.
 */
export function selfGraphK(n: number, opts: AlignOptions = {}): number {
  const o = resolveOptions(opts)
  return Math.min(n - 1, Math.max(o.kMle, o.kPrecisionRecall, o.kDensityCoverage, 2))
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x))
}

type Resolved = Required<
  Pick<AlignOptions, 'kPrecisionRecall' | 'kDensityCoverage' | 'kMle' | 'quantile' | 'manifoldSample' | 'seed'>
> & {neighbourhood?: number}

function resolveOptions(opts: AlignOptions): Resolved {
  const o = {
    kPrecisionRecall: opts.kPrecisionRecall ?? ALIGN_DEFAULTS.kPrecisionRecall,
    kDensityCoverage: opts.kDensityCoverage ?? ALIGN_DEFAULTS.kDensityCoverage,
    kMle: opts.kMle ?? ALIGN_DEFAULTS.kMle,
    quantile: opts.quantile ?? ALIGN_DEFAULTS.quantile,
    manifoldSample: opts.manifoldSample ?? ALIGN_DEFAULTS.manifoldSample,
    seed: opts.seed ?? DEFAULT_SEED,
    neighbourhood: opts.neighbourhood,
  }
  for (const [key, v] of [
    ['kPrecisionRecall', o.kPrecisionRecall],
    ['kDensityCoverage', o.kDensityCoverage],
    ['kMle', o.kMle],
    ['manifoldSample', o.manifoldSample],
  ] as const) {
    ensureOption(Number.isInteger(v) && v >= 1, key, v, `must be a positive integer, got ${v}`)
  }
  ensureOption(o.kMle >= 3, 'kMle', o.kMle, `must be at least 3 (the MLE needs two log-ratios), got ${o.kMle}`)
  ensureOption(
    o.quantile > 0 && o.quantile < 1,
    'quantile',
    o.quantile,
    `must be strictly between 0 and 1, got ${o.quantile}`,
  )
  if (o.neighbourhood !== undefined)
    ensureOption(
      Number.isInteger(o.neighbourhood) && o.neighbourhood >= 2,
      'neighbourhood',
      o.neighbourhood,
      `must be an integer ≥ 2, got ${o.neighbourhood}`,
    )
  for (const [name, v] of Object.entries(opts.thresholds ?? {})) {
    const most = name === 'dimTolerance' ? 10 : name === 'dimSlack' ? 1e6 : 1
    ensure(Number.isFinite(v) && v >= 0 && v <= most, `threshold ${name} must be a number in [0, ${most}], got ${v}`)
  }
  return o
}

function checkSet(s: SampleSet, label: string, needed: number, o: Resolved): void {
  ensure(
    s.n >= 2,
    `${label} (${s.source || label}) has ${s.n} point(s); the alignment check needs at least ${needed + 1} points`,
  )
  ensure(
    s.n > needed,
    `${label} (${s.source || label}) has ${s.n} points but k = ${needed} neighbours are needed (${opt('kPrecisionRecall')} ${o.kPrecisionRecall}, ${opt('kDensityCoverage')} ${o.kDensityCoverage}, TwoNN 2); give more points or smaller k`,
  )
  let identical = true
  for (let i = 0; i < s.data.length; i++) {
    if (!Number.isFinite(s.data[i]))
      throw new InputError(
        `${label} (${s.source || label}) has a non-finite value at row ${Math.floor(i / s.d) + 1}; drop or fix it (${opt('dropMissing')})`,
      )
    if (s.data[i] !== s.data[i % s.d]) identical = false
  }
  ensure(
    !identical,
    `all ${s.n} points of ${label} (${s.source || label}) are identical: a single point has no manifold to align with; give a spread-out set`,
  )
}

function alignCore(
  p: SampleSet,
  q: SampleSet,
  o: Resolved,
  thresholds: AlignThresholds,
  source: 'default' | 'flags' | 'baseline',
  opts: AlignOptions,
): AlignResult {
  ensure(
    p.d === q.d,
    `P has ${p.d} columns and Q has ${q.d}; the alignment check needs the same columns in both (${opt('columns')})`,
  )
  const d = p.d
  const needed = Math.max(o.kPrecisionRecall, o.kDensityCoverage, 2)
  checkSet(p, 'P', needed, o)
  checkSet(q, 'Q', needed, o)
  // Brute-force kNN (above 12 dimensions, where k-d trees stop pruning) costs (n+m)² pairs over the self and cross graphs.
  if (!useTree(Math.max(p.n, q.n), d))
    ensureAffordable(`the alignment check on ${p.n} + ${q.n} points in ${d} dimensions`, pairWork((p.n + q.n) ** 2, d))
  const scale = powerOfTwoScale(p.data, q.data)
  const progress = makeProgress(opts.onProgress, p.n, q.n, d)
  const kSelf = (n: number): number => Math.min(n - 1, Math.max(o.kMle, needed))
  const prepare = (s: SampleSet, label: string, given: KnnGraph | undefined, phase: number): Prepared => {
    const data = divided(s.data, scale)
    const k = kSelf(s.n)
    const graph =
      given?.selfExcluded && given.m === s.n && given.k >= k
        ? rescaleGraph(given, scale)
        : knnScaled(data, s.n, data, s.n, d, k, {exclude: selfRows(s.n), onProgress: progress(phase)})
    return {data, n: s.n, graph, label}
  }
  const P = prepare(p, 'P', opts.graphs?.p, 0)
  const Q = prepare(q, 'Q', opts.graphs?.q, 1)

  const dim = (s: Prepared): {two: DimensionEstimate; mle: DimensionEstimate} => ({
    two: twoNN(s.graph, 0.1, s.label),
    mle: mleDimension(s.graph, o.kMle, s.label),
  })
  const dimP = dim(P),
    dimQ = dim(Q)

  const gk = (s: Prepared, k: number): Float64Array => kthDistances(s.graph.distances, s.n, s.graph.k, k)
  const cov = supportCoverage(
    P.data,
    P.n,
    Q.data,
    Q.n,
    d,
    gk(P, o.kPrecisionRecall),
    gk(Q, o.kPrecisionRecall),
    gk(P, o.kDensityCoverage),
    o.kDensityCoverage,
    progress(2),
  )

  const rng = createRng(o.seed)
  // Full-dimensional within the estimate's uncertainty (8-D Gaussians give TwoNN ≈ 7.45, not to be rounded to 7).
  const fullP = consistentWithAmbient(dimP.two.value, dimP.two.stderr, d, thresholds)
  const fullQ = consistentWithAmbient(dimQ.two.value, dimQ.two.stderr, d, thresholds)
  const qOnP = onManifold(P, Q, fullP ? d : dimP.two.value, d, o, rng.fork())
  const pOnQ = onManifold(Q, P, fullQ ? d : dimQ.two.value, d, o, rng.fork())
  progress(3)(1, 1)

  const {verdict, reasons, modeDropping} = decideVerdict(
    {
      qOnP: qOnP.fraction,
      pOnQ: pOnQ.fraction,
      precision: cov.precision,
      coverage: cov.coverage,
      dimP: dimP.two.value,
      dimQ: dimQ.two.value,
      seP: dimP.two.stderr,
      seQ: dimQ.two.stderr,
      ambient: d,
      fullDimensional: qOnP.byDefinition,
    },
    thresholds,
  )
  return {
    verdict,
    intrinsicDim: {
      p: dimP.two.value,
      q: dimQ.two.value,
      ambient: d,
      method: 'twoNN',
      twoNN: {p: dimP.two.value, q: dimQ.two.value},
      mle: {p: dimP.mle.value, q: dimQ.mle.value},
      stderr: {p: dimP.two.stderr, q: dimQ.two.stderr},
      full: {p: fullP, q: fullQ},
    },
    onManifold: {
      qOnP: qOnP.fraction,
      pOnQ: pOnQ.fraction,
      tau: qOnP.tau * scale,
      tauQ: pOnQ.tau * scale,
      quantile: o.quantile,
      kHat: {p: qOnP.kHat, q: pOnQ.kHat},
      neighbourhood: {p: qOnP.K, q: pOnQ.K},
      sampled: {p: qOnP.sampled, q: pOnQ.sampled},
      byDefinition: {p: qOnP.byDefinition, q: pOnQ.byDefinition},
    },
    precision: cov.precision,
    recall: cov.recall,
    density: cov.density,
    coverage: cov.coverage,
    k: {
      precisionRecall: o.kPrecisionRecall,
      densityCoverage: o.kDensityCoverage,
      mle: Math.min(o.kMle, P.graph.k, Q.graph.k),
    },
    duplicates: {p: P.graph.zeroDistanceQueries, q: Q.graph.zeroDistanceQueries},
    thresholds: {...thresholds, source},
    modeDropping: {detected: modeDropping, pOnQ: pOnQ.fraction, coverage: cov.coverage, recall: cov.recall},
    reasons,
  }
}

/**
 * Fraction of `query` set within τ of `ref`'s manifold (docs/estimators.md "Local-PCA on-manifold test"): k̂ = round(ID of ref),
 * K = max(2k̂ + 2, 20) neighbours (capped at n − 1), τ = the `quantile` of ref's own leave-one-out residuals
 * (floored at 1e-9 of the median patch radius: below that a residual is rounding, not distance), on seeded
 * subsamples of at most `manifoldSample` points of each set. k̂ = d means the data are full-dimensional: every
 * point is on the manifold by definition.
 */
function onManifold(
  ref: Prepared,
  query: Prepared,
  dimension: number,
  d: number,
  o: Resolved,
  rng: ReturnType<typeof createRng>,
) {
  const kHat = Math.min(d, Math.max(1, Math.round(dimension)))
  const K = Math.min(ref.n - 1, o.neighbourhood ?? Math.max(2 * kHat + 2, 20))
  if (kHat >= d) return {fraction: 1, tau: 0, kHat, K, sampled: 0, byDefinition: true}
  ensure(
    K > kHat,
    `local PCA on ${ref.label} needs more than k̂ = ${kHat} neighbours but ${ref.label} has only ${ref.n} points; give more points`,
  )
  const refRows = ref.n > o.manifoldSample ? sampleIndices(rng, ref.n, o.manifoldSample) : undefined
  const qRows = query.n > o.manifoldSample ? sampleIndices(rng, query.n, o.manifoldSample) : undefined
  const pick = (s: Prepared, rows: Uint32Array | undefined): Float64Array => (rows ? rowsOf(s.data, rows, d) : s.data)
  const refQ = pick(ref, refRows)
  const mRef = refRows ? refRows.length : ref.n
  const exclude = new Int32Array(mRef)
  for (let i = 0; i < mRef; i++) exclude[i] = refRows ? refRows[i] : i
  const looGraph = knnScaled(ref.data, ref.n, refQ, mRef, d, K, {exclude})
  const loo = normalResiduals(ref.data, refQ, d, looGraph, kHat)
  let radius = new Float64Array(mRef)
  for (let i = 0; i < mRef; i++) radius[i] = looGraph.distances[i * K + K - 1]
  const floor = 1e-9 * empiricalQuantile(radius, 0.5)
  radius = new Float64Array(0)
  const tau = Math.max(empiricalQuantile(loo, o.quantile), floor)
  const qData = pick(query, qRows)
  const mQ = qRows ? qRows.length : query.n
  const qGraph = knnScaled(ref.data, ref.n, qData, mQ, d, K)
  const res = normalResiduals(ref.data, qData, d, qGraph, kHat)
  let inside = 0
  for (let i = 0; i < mQ; i++) if (res[i] <= tau) inside++
  return {fraction: inside / mQ, tau, kHat, K, sampled: mQ, byDefinition: false}
}

function rowsOf(data: Float64Array, rows: Uint32Array, d: number): Float64Array {
  const out = new Float64Array(rows.length * d)
  for (let r = 0; r < rows.length; r++) out.set(data.subarray(rows[r] * d, rows[r] * d + d), r * d)
  return out
}

function selfRows(n: number): Int32Array {
  const e = new Int32Array(n)
  for (let i = 0; i < n; i++) e[i] = i
  return e
}

/** A graph computed in input units (e.g. by `knn`) brought to the alignment's scaled units (exact: power of two). */
function rescaleGraph(g: KnnGraph, scale: number): KnnGraph {
  if (scale === 1) return g
  const distances = new Float64Array(g.distances.length)
  for (let i = 0; i < distances.length; i++) distances[i] = g.distances[i] / scale
  return {...g, distances}
}

/** Progress over four phases weighted by their pair counts: P×P, Q×Q, Q×P, local PCA. */
function makeProgress(cb: AlignOptions['onProgress'], n: number, m: number, d: number) {
  const weights = [n * n, m * m, n * m, 0.1 * (n * n + m * m)]
  const total = weights.reduce((a, b) => a + b, 0)
  const offsets = weights.map((_, i) => weights.slice(0, i).reduce((a, b) => a + b, 0))
  void d
  return (phase: number) =>
    (done: number, all: number): void => {
      if (cb) cb(Math.round(offsets[phase] + (weights[phase] * done) / Math.max(1, all)), Math.round(total))
    }
}
