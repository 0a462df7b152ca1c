/**
 * Entropic optimal transport in the log domain with ε-scaling, and a certified bracket on the unregularised cost.
 *
 * Potentials (f, g) are updated by the soft c-transforms (Peyré & Cuturi 2019, Computational OT, Remark 4.23):
 *   f_i = −ε·LSE_j( log b_j + (g_j − C_ij)/ε ),   g_j = −ε·LSE_i( log a_i + (f_i − C_ij)/ε ),
 * which never overflow or underflow whatever ε (the largest term of each sum is factored out). ε is annealed from the
 * data's largest cost down to the target (Schmitzer 2019, ε-scaling), warm-starting each stage.
 * Costs C_ij are recomputed from the coordinates on every pass: memory stays O(n + m), never an n × m matrix.
 *
 * The bracket (DESIGN.md; ot-anchors.md §2.3):
 *   upper = ⟨C, round(P_ε)⟩, the cost of the entropic plan rounded onto Π(a, b) by Altschuler, Weed & Rigollet
 *           (2017, Algorithm 2): a feasible plan, so its cost bounds OT from above;
 *   lower = Σ a_i f̃_i + Σ b_j g̃_j with f̃ = (g)^c, g̃ = (f̃)^c the exact c-transforms, a feasible dual pair
 *           (f̃_i + g̃_j ≤ C_ij), so weak duality bounds OT from below.
 */
export interface SinkhornInput {
  x: Float64Array
  n: number
  y: Float64Array
  m: number
  d: number
  a: Float64Array
  b: Float64Array
  cost: (i: number, j: number) => number
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
  marginalError: number
  f: Float64Array
  g: Float64Array
}

/** Runs annealed log-domain Sinkhorn until the certified bracket closes to `gap` or `maxIter` iterations pass. */
export function sinkhorn(input: SinkhornInput, opts: SinkhornOptions): SinkhornResult & {epsilon: number} {
  const {n, m, a, b, cost} = input
  const la = a.map(Math.log), lb = b.map(Math.log)
  const f = new Float64Array(n), g = new Float64Array(m)
  let eps = Math.max(opts.epsilonStart, opts.epsilon)
  let iterations = 0
  let bracket = {lower: -Infinity, upper: Infinity, planCost: NaN, marginalError: Infinity}
  // Each bracket costs about six passes over the pairs, three iterations' worth: check every 25 iterations.
  const checkEvery = 25
  // The bracket is checked once ε is small enough for it to be able to close (bracket-experiment.md: ≲ 3% of the diameter).
  const checkFrom = Math.max(opts.epsilon, 0.03 * opts.epsilonStart)
  let stageIterations = 0
  let checkedAt = -1
  for (;;) {
    updateF(f, g, lb, cost, n, m, eps)
    const err = updateG(f, g, la, cost, n, m, eps, a, input.b)
    iterations++
    stageIterations++
    if (opts.certify !== false && eps <= checkFrom && iterations % checkEvery === 0) {
      bracket = {...certifiedBracket(f, g, input, eps), marginalError: err}
      checkedAt = iterations
      opts.onProgress?.(iterations, opts.maxIter)
      if (bracket.upper - bracket.lower <= opts.gap * Math.abs(bracket.upper) || bracket.upper - bracket.lower <= 1e-14) return finish(true)
    }
    if (iterations >= opts.maxIter) {
      if (opts.certify !== false && checkedAt !== iterations) bracket = {...certifiedBracket(f, g, input, eps), marginalError: err}
      return finish(false)
    }
    // Next ε stage once this one's plan is close to feasible (or after 50 iterations: later stages fix the rest).
    if (eps > opts.epsilon && (err < 1e-2 || stageIterations >= 50)) {
      eps = Math.max(opts.epsilon, eps / 2)
      stageIterations = 0
    } else if (opts.certify !== false && eps <= opts.epsilon && err < 1e-4 && stageIterations >= 20 && eps > 1e-7 * opts.epsilonStart) {
      // Converged at this ε but the bracket is still wider than --gap: the entropic bias is the cause, so go on annealing.
      eps /= 2
      stageIterations = 0
    }
  }

  function finish(converged: boolean): SinkhornResult & {epsilon: number} {
    let dual = 0
    for (let i = 0; i < n; i++) dual += a[i] * f[i]
    for (let j = 0; j < m; j++) dual += b[j] * g[j]
    return {...bracket, dualValue: dual, iterations, converged, f, g, epsilon: eps}
  }
}

function updateF(f: Float64Array, g: Float64Array, lb: Float64Array, cost: (i: number, j: number) => number, n: number, m: number, eps: number): void {
  const t = new Float64Array(m)
  for (let i = 0; i < n; i++) {
    let max = -Infinity
    for (let j = 0; j < m; j++) {
      const v = lb[j] + (g[j] - cost(i, j)) / eps
      t[j] = v
      if (v > max) max = v
    }
    let s = 0
    for (let j = 0; j < m; j++) s += Math.exp(t[j] - max)
    f[i] = -eps * (max + Math.log(s))
  }
}

/** The g-update; returns the row-marginal L1 error of the plan after it (columns are then exact). */
function updateG(f: Float64Array, g: Float64Array, la: Float64Array, cost: (i: number, j: number) => number, n: number, m: number, eps: number, a: Float64Array, b: Float64Array): number {
  const t = new Float64Array(n)
  const rowMass = new Float64Array(n)
  for (let j = 0; j < m; j++) {
    let max = -Infinity
    for (let i = 0; i < n; i++) {
      const v = la[i] + (f[i] - cost(i, j)) / eps
      t[i] = v
      if (v > max) max = v
    }
    let s = 0
    for (let i = 0; i < n; i++) s += Math.exp(t[i] - max)
    const lse = max + Math.log(s)
    g[j] = -eps * lse
    // Once g is updated, P_ij = b_j·exp(t_i − lse_j): its column sums are exactly b, its row sums are accumulated here.
    for (let i = 0; i < n; i++) rowMass[i] += b[j] * Math.exp(t[i] - lse)
  }
  let err = 0
  for (let i = 0; i < n; i++) err += Math.abs(rowMass[i] - a[i])
  return err
}

/** The certified bracket at the current potentials (four streaming passes over the pairs). */
function certifiedBracket(f: Float64Array, g: Float64Array, input: SinkhornInput, eps: number): {lower: number; upper: number; planCost: number} {
  const {n, m, a, b, cost} = input
  // Lower: exact c-transforms make the pair feasible.
  const ft = new Float64Array(n).fill(Infinity), gt = new Float64Array(m).fill(Infinity)
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) ft[i] = Math.min(ft[i], cost(i, j) - g[j])
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) gt[j] = Math.min(gt[j], cost(i, j) - ft[i])
  let lower = 0
  for (let i = 0; i < n; i++) lower += a[i] * ft[i]
  for (let j = 0; j < m; j++) lower += b[j] * gt[j]
  // Upper: Altschuler–Weed–Rigollet rounding of P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε).
  const plan = (i: number, j: number, c: number) => a[i] * b[j] * Math.exp((f[i] + g[j] - c) / eps)
  const r = new Float64Array(n)
  let planCost = 0
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    const c = cost(i, j)
    const p = plan(i, j, c)
    r[i] += p
    planCost += p * c
  }
  const xs = new Float64Array(n)
  for (let i = 0; i < n; i++) xs[i] = r[i] > 0 ? Math.min(a[i] / r[i], 1) : 1
  const cx = new Float64Array(m)
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) cx[j] += xs[i] * plan(i, j, cost(i, j))
  const ys = new Float64Array(m)
  for (let j = 0; j < m; j++) ys[j] = cx[j] > 0 ? Math.min(b[j] / cx[j], 1) : 1
  const rY = new Float64Array(n)
  let costY = 0
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    const c = cost(i, j)
    const p = xs[i] * ys[j] * plan(i, j, c)
    rY[i] += p
    costY += p * c
  }
  const errR = new Float64Array(n), errC = new Float64Array(m)
  let errCSum = 0
  for (let i = 0; i < n; i++) errR[i] = Math.max(0, a[i] - rY[i])
  for (let j = 0; j < m; j++) {
    errC[j] = Math.max(0, b[j] - ys[j] * cx[j])
    errCSum += errC[j]
  }
  let correction = 0
  if (errCSum > 0) {
    for (let i = 0; i < n; i++) {
      if (errR[i] === 0) continue
      for (let j = 0; j < m; j++) if (errC[j] > 0) correction += errR[i] * errC[j] * cost(i, j)
    }
    correction /= errCSum
  }
  return {lower, upper: costY + correction, planCost}
}
