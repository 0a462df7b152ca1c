import {
  bracketColsB,
  bracketRowsA,
  bracketRowsC,
  type PairOperator,
  type Power,
  pairOperator,
} from '../../kernels/index.js'

/**
 * Entropic optimal transport in the log domain with ε-scaling, and a certified bracket on the unregularised cost.
 *
 * Potentials (f, g) are updated by the soft c-transforms (Peyré & Cuturi 2019, Computational OT, Remark 4.23):
 *   f_i = −ε·LSE_j( log b_j + (g_j − C_ij)/ε ),   g_j = −ε·LSE_i( log a_i + (f_i − C_ij)/ε ),
 * which never overflow or underflow whatever ε (the largest term of each sum is factored out). ε is annealed from the
 * data's largest cost down to the target (Schmitzer 2019, ε-scaling), warm-starting each stage. The stages below the
 * target ε (reached only when the entropic bias keeps the bracket open) over-relax their updates, f ← f + ω(f̂ − f)
 * with ω = OVERRELAXATION (Thibault, Chizat, Dossal & Papadakis 2017, "Overrelaxed Sinkhorn–Knopp", in the log
 * domain); ω falls back to 1 for the rest of a stage if the marginal error climbs to 4× its best in the stage.
 * The iterations run on a prepared pair operator (src/kernels: one-pass f32x4 log-sum-exp with float64 row sums),
 * which caches the f32 cost matrix when it fits `cacheBytes`, else recomputes costs from the coordinates on each pass.
 * float32 puts a floor of ~1e-7·(max C)/ε on each exponent, so the plan's marginals cannot get below ~1e-4 at
 * ε = 1e-3·diameter: when the bracket stops tightening on f32, the run forms the exponents in float64 over the same
 * f32 costs ('mixed', ~1.5× the f32 time), and only if that stalls too moves to the float64 kernels.
 *
 * The bracket (docs/design.md "W1"):
 *   upper = ⟨C, round(P_ε)⟩, the cost of the entropic plan rounded onto Π(a, b) by Altschuler, Weed & Rigollet
 *           (2017, Algorithm 2): a feasible plan, so its cost bounds OT from above;
 *   lower = Σ a_i f̃_i + Σ b_j g̃_j with f̃ = (g)^c, g̃ = (f̃)^c the exact c-transforms, a feasible dual pair
 *           (f̃_i + g̃_j ≤ C_ij), so weak duality bounds OT from below.
 * Both are computed in float64 from float64 distances, whatever precision the iterations used; the tightest
 * bracket seen over the run is returned (each one is valid, so their intersection is too).
 */
export interface SinkhornInput {
  /** P's points, n×d row-major, already scaled near 1. */
  x: Float64Array
  n: number
  /** Q's points, m×d row-major, same scale. */
  y: Float64Array
  m: number
  d: number
  /** Weights summing to 1. */
  a: Float64Array
  b: Float64Array
  power: Power
}

export interface SinkhornOptions {
  /** Target ε in cost units. */
  epsilon: number
  /** Starting ε for the annealing (the largest cost). */
  epsilonStart: number
  /** Stop when (upper − lower) ≤ gap · upper. */
  gap: number
  maxIter: number
  /** false: run maxIter iterations without computing the bracket (the self-transport terms of S_ε). */
  certify?: boolean
  /** Bytes the f32 cost matrix (and its transpose) may take; 0: recompute costs on every pass (the default). */
  cacheBytes?: number
  /** Iteration precision: 'auto' (f32, then mixed, then float64 as rounding holds the bracket open), 'f32' or 'f64'. */
  precision?: 'auto' | 'f32' | 'f64'
  onProgress?: (done: number, total: number) => void
  /** Called after each bracket check with the tightest bracket so far (cost units) and the ε of the iterations. */
  onBracket?: (lower: number, upper: number, epsilon: number) => void
}

export interface SinkhornResult {
  lower: number
  upper: number
  planCost: number
  /** Entropic dual value OT_ε = Σ a f + Σ b g at the final potentials. */
  dualValue: number
  iterations: number
  converged: boolean
  /** ‖P1 − a‖₁ of the plan after the last g-update (its column sums are then exact). */
  marginalError: number
  /** The ε at which the run stopped (cost units); below the target when annealing went on to close the bracket. */
  epsilon: number
  f: Float64Array
  g: Float64Array
  /** Bytes of the cached cost matrices (0: costs recomputed on every pass). */
  cachedBytes: number
  /** Iterations run on each precision. */
  precisionIterations: {f32: number; mixed: number; f64: number}
}

/**
 * The over-relaxation factor ω ∈ [1, 2) of the stages below the target ε. Measured against ω = 1 on the
 * bench/kernels.mjs sets (1% certified bracket): the first 3000 points in 2-D, where W1 is 5% of the diameter and
 * ε must go below the target, 466 → 341 iterations. Over-relaxing every stage did better there (266) and on 2000
 * points in 8-D (90 → 62), but worse at 10k × 10k in 8-D (47 s instead of 42 s, checks falling later) and in 64-D
 * (25 → 30 iterations), so the stages that normally close the bracket run plainly.
 */
export const OVERRELAXATION = 1.8
/** ω goes back to 1 for the stage when the marginal error exceeds this multiple of the stage's best (2 stopped it
 * too early in 2-D: 407 iterations instead of 266). */
const DIVERGING = 4
/** Iterations of each ε stage run plainly (ω = 1) before over-relaxing: the first steps after lowering ε are large. */
const PLAIN_STEPS = 3

/** Runs annealed log-domain Sinkhorn until the certified bracket closes to `gap` or `maxIter` iterations pass. */
export function sinkhorn(input: SinkhornInput, opts: SinkhornOptions): SinkhornResult {
  const {x, n, y, m, d, a, b, power} = input
  const la = a.map(Math.log),
    lb = b.map(Math.log)
  const f = new Float64Array(n),
    g = new Float64Array(m)
  const certify = opts.certify !== false
  const want = opts.precision ?? 'auto'
  let precision: 'f32' | 'f64' = want === 'f64' ? 'f64' : 'f32'
  let op: PairOperator = pairOperator(x, n, y, m, d, power, {precision, cacheBytes: opts.cacheBytes ?? 0})
  const cachedBytes = op.cachedBytes
  const counts = {f32: 0, mixed: 0, f64: 0}
  let eps = Math.max(opts.epsilonStart, opts.epsilon)
  let iterations = 0
  let err = Infinity
  let best = {lower: -Infinity, upper: Infinity, planCost: NaN}
  let lastWidth = Infinity,
    lastUpper = Infinity
  // Each bracket costs three float64 passes over the pairs (≈ 10 f32 iterations): check only once ε is small enough
  // for the bracket to be able to close (bracket-experiment.md: ≲ 3% of the diameter), and then when the plan's
  // marginal error (free from the f-update) has fallen to the gap — the rounding's repair, which dominates the
  // upper bound's excess, is about that error times a typical cost — at least 5 iterations after the last check,
  // or every 25 iterations whatever the error.
  const checkEvery = 25,
    checkAfter = 5
  const checkFrom = Math.max(opts.epsilon, Math.min(0.03 * opts.epsilonStart, 8 * opts.epsilon))
  let stageIterations = 0
  let omega = 1,
    stageBestErr = Infinity
  let checkedAt = -1
  const h = new Float64Array(Math.max(n, m)),
    shift = new Float64Array(Math.max(n, m)),
    out = new Float64Array(Math.max(n, m))
  // f32's floor: each exponent (size ≲ max C/ε) carries ~2⁻²¹ of it in rounding, so the plan's marginal error cannot
  // fall much below 2⁻²¹·max C/ε (max C ≤ epsilonStart); float64 has no such floor here.
  // Mixed exponents keep only the f32 rounding of the costs, 2⁻²⁴·C_ij/ε, which matters where the plan has mass:
  // about 2⁻²⁴·(plan cost)/ε on the marginals, plus the rounding of the exponent itself (≤ 5e-6).
  const precisionFloor = () =>
    op.precision === 'f32'
      ? (2 ** -21 * opts.epsilonStart) / eps
      : op.precision === 'mixed'
        ? (2 ** -23 * Math.min(best.upper, opts.epsilonStart)) / eps + 1e-5
        : 0
  let failedAtEps = NaN
  const closed = () => best.upper - best.lower <= opts.gap * Math.abs(best.upper)
  const check = () => {
    const next = certifiedBracket(f, g, input, eps)
    checkedAt = iterations
    // Every bracket is valid, so the tightest bound of each side over the run is too.
    const lower = Math.max(best.lower, next.lower),
      upper = Math.min(best.upper, next.upper)
    best = {lower, upper, planCost: next.upper <= best.upper ? next.planCost : best.planCost}
    const width = upper - lower
    opts.onBracket?.(lower, upper, eps)
    // Below the target ε (annealing has already been tried against the entropic bias), a check whose upper bound did
    // not come down by 10% of the width while the marginal error sits at the precision's floor means rounding is what
    // holds the bracket open: go on with float64 exponents, then in float64 throughout.
    // (The upper bound is the one f32 holds up: its rounding repair grows with the marginal error.)
    if (
      op.precision !== 'f64' &&
      want === 'auto' &&
      eps < opts.epsilon &&
      lastUpper - upper < 0.1 * lastWidth &&
      err < 10 * precisionFloor()
    )
      refinePrecision()
    lastUpper = upper
    if (width > 0.9 * lastWidth || !(upper - lower <= opts.gap * Math.abs(upper))) failedAtEps = eps
    lastWidth = width
  }
  const refinePrecision = () => {
    if (op.refine()) return
    op.dispose()
    precision = 'f64'
    op = pairOperator(x, n, y, m, d, power, {precision})
  }
  try {
    updateF()
    for (;;) {
      updateG()
      // The f-update's LSE gives the row sums of the current plan for free: r_i = a_i·exp((f_i − f_i^new)/ε).
      err = updateF()
      iterations++
      counts[op.precision]++
      stageIterations++
      // Over-relax from the PLAIN_STEPS-th step of a stage below the target ε; stop for the stage if the error climbs to
      // DIVERGING × the stage's best (over-relaxed errors oscillate, so a rise alone is no sign of divergence).
      stageBestErr = Math.min(stageBestErr, err)
      if (omega > 1 && err > DIVERGING * stageBestErr) omega = 1
      else if (stageIterations === PLAIN_STEPS && eps < opts.epsilon) omega = OVERRELAXATION
      opts.onProgress?.(iterations, opts.maxIter)
      const sinceCheck = iterations - Math.max(checkedAt, 0)
      // The early check (marginal error at the gap) once per ε stage: after a failed one, wait the full 25 iterations.
      const early = err <= opts.gap && sinceCheck >= checkAfter && failedAtEps !== eps
      if (certify && eps <= checkFrom && (sinceCheck >= checkEvery || early)) {
        check()
        if (closed()) return finish(true)
      }
      if (iterations >= opts.maxIter) {
        if (certify && checkedAt !== iterations) check()
        return finish(certify && closed())
      }
      if (eps > opts.epsilon && (err < 1e-2 || stageIterations >= 50)) {
        // Next ε stage once this one's plan is close to feasible (or after 50 iterations: later stages fix the rest).
        eps = Math.max(opts.epsilon, eps / 2)
        stageIterations = 0
        omega = 1
        stageBestErr = Infinity
        updateF()
      } else if (
        certify &&
        eps <= opts.epsilon &&
        err < Math.max(1e-4, 10 * precisionFloor()) &&
        stageIterations >= 20 &&
        eps > 1e-7 * opts.epsilonStart
      ) {
        // Converged at this ε (as far as the precision allows) but the bracket is still wider than --gap: the entropic
        // bias is the cause, so anneal on.
        eps /= 2
        stageIterations = 0
        omega = 1
        stageBestErr = Infinity
        updateF()
      }
    }
  } finally {
    op.dispose()
  }

  /** f_i ← −ε·LSE_j(log b_j + (g_j − C_ij)/ε); returns ‖P1 − a‖₁ of the plan before the update. */
  function updateF(): number {
    for (let j = 0; j < m; j++) h[j] = lb[j] + g[j] / eps
    for (let i = 0; i < n; i++) shift[i] = -f[i] / eps
    op.lseRows(0, n, h.subarray(0, m), 1 / eps, shift, out)
    let e = 0
    for (let i = 0; i < n; i++) {
      const next = -eps * out[i]
      if (a[i] > 0) e += Math.abs(a[i] * Math.exp((f[i] - next) / eps) - a[i])
      f[i] = omega === 1 ? next : f[i] + omega * (next - f[i])
    }
    return e
  }

  /** g_j ← −ε·LSE_i(log a_i + (f_i − C_ij)/ε): the column reduction of the same operator. */
  function updateG(): void {
    for (let i = 0; i < n; i++) h[i] = la[i] + f[i] / eps
    for (let j = 0; j < m; j++) shift[j] = -g[j] / eps
    op.lseCols(0, m, h.subarray(0, n), 1 / eps, shift, out)
    for (let j = 0; j < m; j++) g[j] = omega === 1 ? -eps * out[j] : g[j] + omega * (-eps * out[j] - g[j])
  }

  function finish(converged: boolean): SinkhornResult {
    let dual = 0
    for (let i = 0; i < n; i++) dual += a[i] * f[i]
    for (let j = 0; j < m; j++) dual += b[j] * g[j]
    return {
      ...best,
      marginalError: err,
      dualValue: dual,
      iterations,
      converged,
      f,
      g,
      epsilon: eps,
      cachedBytes,
      precisionIterations: counts,
    }
  }
}

/**
 * The certified bracket at the current potentials, in three fused float64 passes over the pairs (src/kernels):
 * A gives f̃ = (g)^c and the row sums of the Gibbs plan K_ij = exp(u_i + v_j − C_ij/ε); B gives g̃ = (f̃)^c and the
 * column sums of X = diag(x)K; C gives the row sums and cost of Y = X diag(y) and the repair term.
 */
export function certifiedBracket(
  f: Float64Array,
  g: Float64Array,
  input: SinkhornInput,
  eps: number,
): {lower: number; upper: number; planCost: number} {
  const {x, n, y, m, d, a, b, power} = input
  const s = 1 / eps
  const u = new Float64Array(n),
    v = new Float64Array(m)
  for (let i = 0; i < n; i++) u[i] = Math.log(a[i]) + f[i] * s
  for (let j = 0; j < m; j++) v[j] = Math.log(b[j]) + g[j] * s
  // Pass A. Lower: exact c-transforms make the pair feasible (f̃_i + g̃_j ≤ C_ij), so Σ a f̃ + Σ b g̃ ≤ OT (weak duality).
  const ft = new Float64Array(n),
    r = new Float64Array(n),
    rc = new Float64Array(n)
  bracketRowsA(x, n, y, m, d, power, g, u, v, s, ft, r, rc)
  let planCost = 0
  for (let i = 0; i < n; i++) planCost += rc[i]
  // Upper: Altschuler–Weed–Rigollet (2017, Algorithm 2) rounding of K onto Π(a, b).
  // Step 1: X = diag(xs)K, xs_i = min(a_i / r_i, 1).
  const xs = new Float64Array(n)
  for (let i = 0; i < n; i++) xs[i] = r[i] > 0 ? Math.min(a[i] / r[i], 1) : 1
  // Pass B: g̃ and the column sums of X. Step 2: Y = X diag(ys), ys_j = min(b_j / c_j(X), 1).
  const gt = new Float64Array(m),
    cx = new Float64Array(m)
  bracketColsB(x, n, y, m, d, power, ft, u, v, xs, s, gt, cx)
  let lower = 0
  for (let i = 0; i < n; i++) lower += a[i] * ft[i]
  for (let j = 0; j < m; j++) lower += b[j] * gt[j]
  const ys = new Float64Array(m),
    errC = new Float64Array(m)
  let errCSum = 0
  for (let j = 0; j < m; j++) {
    ys[j] = cx[j] > 0 ? Math.min(b[j] / cx[j], 1) : 1
    errCSum += errC[j] = Math.max(0, b[j] - ys[j] * cx[j])
  }
  // Pass C: Y's row sums and cost, and Σ_j errC_j C_ij. Steps 3–4: add the rank-one repair err_a err_bᵀ / ‖err_b‖₁.
  const sk = new Float64Array(n),
    skc = new Float64Array(n),
    dot = new Float64Array(n)
  bracketRowsC(x, n, y, m, d, power, u, v, ys, errC, s, sk, skc, dot)
  let upper = 0,
    correction = 0
  for (let i = 0; i < n; i++) {
    upper += xs[i] * skc[i]
    correction += Math.max(0, a[i] - xs[i] * sk[i]) * dot[i]
  }
  if (errCSum > 0) upper += correction / errCSum
  const slack = roundingAllowance(n, m, d, ft, gt, maxCostBound(x, n, y, m, d, power))
  return {lower: lower - slack, upper: upper + slack, planCost}
}

/**
 * The rounding allowance that keeps `lower ≤ OT ≤ upper` true in floating point. The lower bound adds potentials of
 * the size of the costs, so its rounding is absolute, not relative to the (possibly tiny) result: each f̃_i, g̃_j is a
 * d-term distance minus a potential, which makes the pair feasible only up to (d + 4)·u·(max C + max|f̃|), and the
 * weighted sums of n + m terms add (n + m)·u·(max|f̃| + max|g̃|). The upper bound sums n·m plan entries times costs
 * of size ≤ max C (row sums then a total, (n + m)·u relative) and its marginals are exact only up to the same
 * (n + m)·u. Both are below Number.EPSILON·(n + m + d + 8)·(max|f̃| + max|g̃| + max C), with u = EPSILON/2 and a
 * factor of 2 to spare (with a relative allowance, Q = P + 1e-12·e₁ had `lower` above the exact W1).
 */
export function roundingAllowance(
  n: number,
  m: number,
  d: number,
  ft: Float64Array,
  gt: Float64Array,
  maxCost: number,
): number {
  let mf = 0,
    mg = 0
  for (const v of ft) mf = Math.max(mf, Math.abs(v))
  for (const v of gt) mg = Math.max(mg, Math.abs(v))
  return Number.EPSILON * (n + m + d + 8) * (mf + mg + maxCost)
}

/** An upper bound on max_ij ‖x_i − y_j‖^power: (max‖x_i − c‖ + max‖y_j − c‖)^power about the centroid c of both sets. */
export function maxCostBound(x: Float64Array, n: number, y: Float64Array, m: number, d: number, power: Power): number {
  const c = new Float64Array(d)
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) c[k] += x[i * d + k] / (n + m)
  for (let j = 0; j < m; j++) for (let k = 0; k < d; k++) c[k] += y[j * d + k] / (n + m)
  const radius = (z: Float64Array, count: number) => {
    let r = 0
    for (let i = 0; i < count; i++) {
      let s = 0
      for (let k = 0; k < d; k++) s += (z[i * d + k] - c[k]) ** 2
      r = Math.max(r, s)
    }
    return Math.sqrt(r)
  }
  // 1e-10 relative covers the rounding of the centroid and of the radii.
  const diam = (radius(x, n) + radius(y, m)) * (1 + 1e-10)
  return power === 2 ? diam * diam : diam
}

/**
 * Rough single-thread seconds for a certified Sinkhorn W1 on n × m points in d dimensions, for `auto` to weigh
 * against the exact solver. Per-pair costs measured on the 2-vCPU build machine (bench/RESULTS.md "Fast kernels"):
 * an f32 log-sum-exp term ≈ 2.5 ns from the cached cost matrix, ≈ (1.7 + 0.4·d) ns when costs are recomputed;
 * one float64 bracket pass ≈ (6 + 1.25·d) ns per pair; the cache costs one f32 distance pass each way. A typical
 * 1% run takes ~100 iterations (two half-steps each) and ~4 brackets (three passes each); S_ε adds ~20 half-steps
 * per self term when its sizes allow it.
 */
export function sinkhornSecondsEstimate(n: number, m: number, d: number, cached: boolean): number {
  const pairs = n * m
  const term = cached ? 2.5e-9 : (1.7 + 0.4 * d) * 1e-9
  const iterations = 100 * 2 * pairs * term
  const brackets = 4 * 3 * pairs * (6 + 1.25 * d) * 1e-9
  const cache = cached ? 2 * pairs * (0.5 + 0.4 * d) * 1e-9 : 0
  const selfTerms = 20 * (n * n + m * m) * term
  return iterations + brackets + cache + selfTerms
}
