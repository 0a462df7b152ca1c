import {gibbsRowSums, lseRowsOfNegScaledDist, minRowsOfCostMinus, weightedCostRows, type Power} from '../../kernels/index.js'

/**
 * Entropic optimal transport in the log domain with ε-scaling, and a certified bracket on the unregularised cost.
 *
 * Potentials (f, g) are updated by the soft c-transforms (Peyré & Cuturi 2019, Computational OT, Remark 4.23):
 *   f_i = −ε·LSE_j( log b_j + (g_j − C_ij)/ε ),   g_j = −ε·LSE_i( log a_i + (f_i − C_ij)/ε ),
 * which never overflow or underflow whatever ε (the largest term of each sum is factored out). ε is annealed from the
 * data's largest cost down to the target (Schmitzer 2019, ε-scaling), warm-starting each stage.
 * Costs C_ij = ‖x_i − y_j‖^p are recomputed from the coordinates inside the kernels (src/kernels) on every pass:
 * memory stays O(n + m), never an n × m matrix.
 *
 * The bracket (DESIGN.md; ot-anchors.md §2.3):
 *   upper = ⟨C, round(P_ε)⟩, the cost of the entropic plan rounded onto Π(a, b) by Altschuler, Weed & Rigollet
 *           (2017, Algorithm 2): a feasible plan, so its cost bounds OT from above;
 *   lower = Σ a_i f̃_i + Σ b_j g̃_j with f̃ = (g)^c, g̃ = (f̃)^c the exact c-transforms, a feasible dual pair
 *           (f̃_i + g̃_j ≤ C_ij), so weak duality bounds OT from below.
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
  onProgress?: (done: number, total: number) => void
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
}

/** Runs annealed log-domain Sinkhorn until the certified bracket closes to `gap` or `maxIter` iterations pass. */
export function sinkhorn(input: SinkhornInput, opts: SinkhornOptions): SinkhornResult {
  const {n, m, a, b} = input
  const la = a.map(Math.log), lb = b.map(Math.log)
  const f = new Float64Array(n), g = new Float64Array(m)
  const certify = opts.certify !== false
  let eps = Math.max(opts.epsilonStart, opts.epsilon)
  let iterations = 0
  let err = Infinity
  let bracket = {lower: -Infinity, upper: Infinity, planCost: NaN}
  // Each bracket costs six passes over the pairs, three iterations' worth: check every 25 iterations, and only once
  // ε is small enough for the bracket to be able to close (bracket-experiment.md: ≲ 3% of the diameter).
  const checkEvery = 25
  const checkFrom = Math.max(opts.epsilon, 0.03 * opts.epsilonStart)
  let stageIterations = 0
  let checkedAt = -1
  updateF(input, f, g, lb, eps)
  for (;;) {
    updateG(input, f, g, la, eps)
    // The f-update's LSE gives the row sums of the current plan for free: r_i = a_i·exp((f_i − f_i^new)/ε).
    err = updateF(input, f, g, lb, eps)
    iterations++
    stageIterations++
    opts.onProgress?.(iterations, opts.maxIter)
    if (certify && eps <= checkFrom && iterations % checkEvery === 0) {
      bracket = certifiedBracket(f, g, input, eps)
      checkedAt = iterations
      if (bracket.upper - bracket.lower <= opts.gap * Math.abs(bracket.upper)) return finish(true)
    }
    if (iterations >= opts.maxIter) {
      if (certify && checkedAt !== iterations) bracket = certifiedBracket(f, g, input, eps)
      return finish(false)
    }
    if (eps > opts.epsilon && (err < 1e-2 || stageIterations >= 50)) {
      // Next ε stage once this one's plan is close to feasible (or after 50 iterations: later stages fix the rest).
      eps = Math.max(opts.epsilon, eps / 2)
      stageIterations = 0
      updateF(input, f, g, lb, eps)
    } else if (certify && eps <= opts.epsilon && err < 1e-4 && stageIterations >= 20 && eps > 1e-7 * opts.epsilonStart) {
      // Converged at this ε but the bracket is still wider than --gap: the entropic bias is the cause, so anneal on.
      eps /= 2
      stageIterations = 0
      updateF(input, f, g, lb, eps)
    }
  }

  function finish(converged: boolean): SinkhornResult {
    let dual = 0
    for (let i = 0; i < n; i++) dual += a[i] * f[i]
    for (let j = 0; j < m; j++) dual += b[j] * g[j]
    return {...bracket, marginalError: err, dualValue: dual, iterations, converged, f, g, epsilon: eps}
  }
}

/** f_i ← −ε·LSE_j(log b_j + (g_j − C_ij)/ε); returns ‖P1 − a‖₁ of the plan before the update. */
function updateF(input: SinkhornInput, f: Float64Array, g: Float64Array, lb: Float64Array, eps: number): number {
  const {x, n, y, m, d, a, power} = input
  const h = new Float64Array(m)
  for (let j = 0; j < m; j++) h[j] = lb[j] + g[j] / eps
  const out = new Float64Array(n)
  lseRowsOfNegScaledDist(x, 0, n, y, m, d, h, 1 / eps, power, out)
  let err = 0
  for (let i = 0; i < n; i++) {
    const next = -eps * out[i]
    if (a[i] > 0) err += Math.abs(a[i] * Math.exp((f[i] - next) / eps) - a[i])
    f[i] = next
  }
  return err
}

/** g_j ← −ε·LSE_i(log a_i + (f_i − C_ij)/ε): the same kernel with the roles of P and Q exchanged. */
function updateG(input: SinkhornInput, f: Float64Array, g: Float64Array, la: Float64Array, eps: number): void {
  const {x, n, y, m, d, power} = input
  const h = new Float64Array(n)
  for (let i = 0; i < n; i++) h[i] = la[i] + f[i] / eps
  const out = new Float64Array(m)
  lseRowsOfNegScaledDist(y, 0, m, x, n, d, h, 1 / eps, power, out)
  for (let j = 0; j < m; j++) g[j] = -eps * out[j]
}

/**
 * The certified bracket at the current potentials: two c-transform passes (lower) and four streaming passes of the
 * AWR rounding (upper), all row reductions in the kernels.
 */
export function certifiedBracket(f: Float64Array, g: Float64Array, input: SinkhornInput, eps: number): {lower: number; upper: number; planCost: number} {
  const {x, n, y, m, d, a, b, power} = input
  // Lower: exact c-transforms make the pair feasible (f̃_i + g̃_j ≤ C_ij), so Σ a f̃ + Σ b g̃ ≤ OT by weak duality.
  const ft = new Float64Array(n), gt = new Float64Array(m)
  minRowsOfCostMinus(x, 0, n, y, m, d, g, power, ft)
  minRowsOfCostMinus(y, 0, m, x, n, d, ft, power, gt)
  let lower = 0
  for (let i = 0; i < n; i++) lower += a[i] * ft[i]
  for (let j = 0; j < m; j++) lower += b[j] * gt[j]
  // Upper: Altschuler–Weed–Rigollet rounding of P_ij = exp(u_i + v_j − C_ij/ε), u = log a + f/ε, v = log b + g/ε.
  const s = 1 / eps
  const u = new Float64Array(n), v = new Float64Array(m)
  for (let i = 0; i < n; i++) u[i] = Math.log(a[i]) + f[i] * s
  for (let j = 0; j < m; j++) v[j] = Math.log(b[j]) + g[j] * s
  const r = new Float64Array(n), rc = new Float64Array(n)
  gibbsRowSums(x, 0, n, y, m, d, u, v, s, power, r, rc)
  let planCost = 0
  for (let i = 0; i < n; i++) planCost += rc[i]
  // Step 1: X = diag(x)P, x_i = min(a_i / r_i, 1).
  const ux = new Float64Array(n)
  for (let i = 0; i < n; i++) ux[i] = u[i] + Math.log(r[i] > 0 ? Math.min(a[i] / r[i], 1) : 1)
  // Step 2: Y = X diag(y), y_j = min(b_j / c_j(X), 1) — the column sums of X are row sums with P and Q exchanged.
  const cx = new Float64Array(m), unused = new Float64Array(m)
  gibbsRowSums(y, 0, m, x, n, d, v, ux, s, power, cx, unused)
  const vy = new Float64Array(m), colY = new Float64Array(m)
  for (let j = 0; j < m; j++) {
    const yj = cx[j] > 0 ? Math.min(b[j] / cx[j], 1) : 1
    vy[j] = v[j] + Math.log(yj)
    colY[j] = yj * cx[j]
  }
  const rY = new Float64Array(n), costRows = new Float64Array(n)
  gibbsRowSums(x, 0, n, y, m, d, ux, vy, s, power, rY, costRows)
  // Step 3–4: add the rank-one repair err_a err_bᵀ / ‖err_b‖₁, whose cost is Σ_i err_a,i Σ_j err_b,j C_ij / ‖err_b‖₁.
  let upper = 0
  for (let i = 0; i < n; i++) upper += costRows[i]
  const errC = new Float64Array(m)
  let errCSum = 0
  for (let j = 0; j < m; j++) errCSum += (errC[j] = Math.max(0, b[j] - colY[j]))
  if (errCSum > 0) {
    const rowsDot = new Float64Array(n)
    weightedCostRows(x, 0, n, y, m, d, errC, power, rowsDot)
    let correction = 0
    for (let i = 0; i < n; i++) correction += Math.max(0, a[i] - rY[i]) * rowsDot[i]
    upper += correction / errCSum
  }
  // Rounding allowance: each bound is a sum of n + m (lower) or n·m (upper) float64 terms of size ≤ max C, so each is
  // off by at most a few ulps of that scale; widening both by 1e-12 relative keeps lower ≤ OT ≤ upper in floating point.
  const slack = 1e-12 * (Math.abs(lower) + Math.abs(upper))
  return {lower: lower - slack, upper: upper + slack, planCost}
}
