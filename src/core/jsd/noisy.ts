import {InputError} from '../errors.js'
import type {SampleSet} from '../sampleset.js'
import type {Rng} from '../stats/rng.js'
import {logMixtureRows, logRatioToMixture, logWeightsOf, type Mixture} from './mixture.js'
import {drawNoise, noiseVariance, truncatedGaussian} from './noise.js'
import type {Estimate} from './types.js'

/** Standard error the adaptive default aims at, in nats (issue 4). */
export const TARGET_STDERR = 0.005
/** Draws per side of the pilot run, and the most the adaptive default will use. */
export const PILOT_DRAWS = 2000
export const MAX_DRAWS = 50_000

export interface NoisyOptions {
  sigma: number
  radius?: number
  /** Draws per side; absent: adaptive (pilot, then enough for TARGET_STDERR, at most MAX_DRAWS). */
  draws?: number
  rng: Rng
  onProgress?: (done: number, total: number) => void
}

/**
 * Noisy-smoothing JSD (Arjovsky & Bottou 2017 §3, Thm 3.1): P̂+ε and Q̂+ε, ε ~ N(0,σ²I) truncated to ‖ε‖ ≤ R,
 * are the mixtures p̃(z) = Σ_i a_i k(z − x_i), q̃(z) = Σ_j b_j k(z − y_j) with the truncated-Gaussian density k —
 * exact densities. Their JSD is estimated by Monte Carlo (research §2.2):
 *   JSD(P̃,Q̃) ≈ ½·mean_{z~P̃} log(2p̃(z)/(p̃(z)+q̃(z))) + ½·mean_{w~Q̃} log(2q̃(w)/(p̃(w)+q̃(w))),
 * with standard error ½√(Var_P/S + Var_Q/S). Support is handled exactly: a component contributes only where z lies
 * in its ball, so q̃(z) = 0 (log term = ln 2) when z is farther than R from every y_j; the normaliser of k is the
 * same for all components and cancels. Components are chosen by systematic sampling (unbiased, lower variance than
 * i.i.d., so the reported i.i.d. standard error is conservative).
 */
export function noisySmoothedJsd(p: SampleSet, q: SampleSet, opts: NoisyOptions): Estimate {
  const d = p.d
  const noise = truncatedGaussian(opts.sigma, d, opts.radius)
  if (opts.draws !== undefined && !(Number.isInteger(opts.draws) && opts.draws >= 2)) throw new InputError(`--draws must be an integer ≥ 2, got ${opts.draws}`)
  // z = x_i + ε is rounded; widen the balls by far more than that rounding so a draw always lies in its own component.
  let maxAbs = 0
  for (const s of [p, q]) for (let i = 0; i < s.data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(s.data[i]))
  const reach = noise.radius * (1 + 1e-9) + 1e-13 * maxAbs * Math.sqrt(d)
  const scale = 1 / (2 * opts.sigma * opts.sigma)
  const mp: Mixture = {centres: p.data, count: p.n, d, logWeights: logWeightsOf(p.n, p.weights), scale, radius2: reach * reach}
  const mq: Mixture = {centres: q.data, count: q.n, d, logWeights: logWeightsOf(q.n, q.weights), scale, radius2: reach * reach}
  // Draws per distance tile: 32, fewer for very large sets so the tile stays ≤ 4M doubles (32 MB).
  const BLOCK = Math.max(1, Math.min(32, Math.floor(4_000_000 / Math.max(p.n, q.n))))
  const tile = new Float64Array(BLOCK * Math.max(p.n, q.n))
  const zb = new Float64Array(BLOCK * d), lOwn = new Float64Array(BLOCK), lOther = new Float64Array(BLOCK)
  const rngP = opts.rng.fork(), rngQ = opts.rng.fork()
  let planned = 2 * (opts.draws ?? PILOT_DRAWS), done = 0

  const batch = (own: Mixture, other: Mixture, weights: Float64Array | undefined, count: number, rng: Rng): Float64Array => {
    const out = new Float64Array(count)
    const u0 = rng.uniform()
    let comp = 0, cum = weights ? weights[0] : 1 / own.count
    for (let k0 = 0; k0 < count; k0 += BLOCK) {
      const rows = Math.min(BLOCK, count - k0)
      for (let t = 0; t < rows; t++) {
        const pos = (k0 + t + u0) / count
        while (pos > cum && comp < own.count - 1) cum += weights ? weights[++comp] : (++comp, 1 / own.count)
        drawNoise(noise, rng, zb, t * d)
        for (let c = 0; c < d; c++) zb[t * d + c] += own.centres[comp * d + c]
      }
      logMixtureRows(zb, rows, own, tile, lOwn)
      logMixtureRows(zb, rows, other, tile, lOther)
      for (let t = 0; t < rows; t++) {
        if (lOwn[t] === -Infinity) throw new Error('internal: a noisy draw fell outside its own component')
        out[k0 + t] = logRatioToMixture(lOwn[t], lOther[t])
      }
      done += rows
      opts.onProgress?.(done, planned)
    }
    return out
  }
  let a = batch(mp, mq, p.weights, opts.draws ?? PILOT_DRAWS, rngP)
  let b = batch(mq, mp, q.weights, opts.draws ?? PILOT_DRAWS, rngQ)
  let stats = combine(a, b)
  const warnings: string[] = []
  if (opts.draws === undefined && stats.stderr > TARGET_STDERR) {
    const need = Math.min(MAX_DRAWS, Math.ceil(a.length * (stats.stderr / TARGET_STDERR) ** 2 * 1.1))
    planned = 2 * need
    a = concat(a, batch(mp, mq, p.weights, need - a.length, rngP))
    b = concat(b, batch(mq, mp, q.weights, need - b.length, rngQ))
    stats = combine(a, b)
    if (stats.stderr > TARGET_STDERR) warnings.push(`the noisy JSD's standard error ${stats.stderr.toPrecision(3)} nats is above ${TARGET_STDERR} after ${need} draws per side; raise --draws for more precision`)
  }
  opts.onProgress?.(planned, planned)
  return {
    raw: stats.mean, stderr: stats.stderr, warnings,
    params: {sigma: opts.sigma, radius: noise.radius, draws: a.length, V: noiseVariance(noise)},
  }
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** ½(mean a + mean b) and its standard error ½√(var a/|a| + var b/|b|). */
function combine(a: Float64Array, b: Float64Array): {mean: number; stderr: number} {
  const mv = (v: Float64Array) => {
    // Summed as offsets from ln 2 (every term is ≤ ln 2), so all-separated draws give exactly ln 2.
    let m = 0
    for (const t of v) m += t - Math.LN2
    m = m / v.length + Math.LN2
    let s = 0
    for (const t of v) s += (t - m) ** 2
    return {m, v: s / (v.length - 1)}
  }
  const A = mv(a), B = mv(b)
  return {mean: 0.5 * (A.m + B.m), stderr: 0.5 * Math.sqrt(A.v / a.length + B.v / b.length)}
}

/**
 * The median distance from a point of P ∪ Q to its nearest other point (ignoring exact duplicates): the default
 * σ of the noisy JSD (research §5, "c × median 1-NN distance, c = 1"). At most 2000 query points (seeded).
 */
export function medianNearestNeighbour(p: SampleSet, q: SampleSet, rng: Rng): number {
  const d = p.d
  const total = p.n + q.n
  const pooled = new Float64Array(total * d)
  pooled.set(p.data)
  pooled.set(q.data, p.n * d)
  const queries = Math.min(total, 2000)
  const dists: number[] = []
  for (let t = 0; t < queries; t++) {
    const i = queries === total ? t : rng.int(total)
    let best = Infinity
    for (let j = 0; j < total; j++) {
      if (j === i) continue
      let s = 0
      for (let c = 0; c < d; c++) s += (pooled[i * d + c] - pooled[j * d + c]) ** 2
      if (s > 0 && s < best) best = s
    }
    if (best < Infinity) dists.push(Math.sqrt(best))
  }
  if (dists.length === 0) throw new InputError('every point of P and Q is the same point, so there is no scale to choose σ from; give --sigma')
  dists.sort((x, y) => x - y)
  return dists[Math.floor(dists.length / 2)]
}
