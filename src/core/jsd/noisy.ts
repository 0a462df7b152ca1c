import {referenceTiles} from '../../kernels/index.js'
import {InputError, OptionError, opt} from '../errors.js'
import {exactSqDist, outsideThreshold, scanPairsF32} from '../knn/f32-scan.js'
import type {SampleSet} from '../sampleset.js'
import type {Rng} from '../stats/rng.js'
import {logMixtureRows, logRatioToMixture, logWeightsOf, type Mixture} from './mixture.js'
import {nearestOther} from './nearest-other.js'
import {drawNoise, noiseVariance, truncatedGaussian} from './noise.js'
import type {Estimate} from './types.js'

/** Standard error the adaptive default aims at, in nats. */
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

/** Confidence level of the JSD's one-sided upper limit that Thm 3.3's `holds` is judged against. */
export const UPPER_LEVEL = 0.999
/** Φ⁻¹(0.999), the standard-normal quantile of UPPER_LEVEL (R: qnorm(0.999) = 3.090232306167813). */
export const UPPER_Z = 3.090232306167813

/** The one-sided UPPER_LEVEL upper confidence limit of a Monte Carlo JSD in nats, clamped to [0, ln 2]. */
export function jsdUpperLimit(raw: number, stderr: number): number {
  return Math.min(Math.LN2, Math.max(0, raw + UPPER_Z * stderr))
}

/**
 * Noisy-smoothing JSD (Arjovsky & Bottou 2017 §3, Thm 3.1): P̂+ε and Q̂+ε, ε ~ N(0,σ²I) truncated to ‖ε‖ ≤ R,
 * are the mixtures p̃(z) = Σ_i a_i k(z − x_i), q̃(z) = Σ_j b_j k(z − y_j) with the truncated-Gaussian density k —
 * exact densities. With f_P = log(2p̃/(p̃+q̃)), f_Q = log(2q̃/(p̃+q̃)) (both ≤ ln 2),
 *   JSD(P̃,Q̃) = ½ Σ_i a_i E_{ε}[f_P(x_i+ε)] + ½ Σ_j b_j E_{ε}[f_Q(y_j+ε)],
 * a sum over components, and every component is accounted for:
 *  - exactly, when its noise ball is disjoint from every ball of the other set: the other density is 0 on it, so
 *    f ≡ ln 2 there and the term is a_i·ln 2 with no sampling (a far point of tiny mass is never missed);
 *  - otherwise by stratified Monte Carlo: the components are the strata (or, when there are more than draws/2 of
 *    them, consecutive groups of about equal mass), each stratum gets ≥ 2 i.i.d. draws and about its share of the
 *    draws, and the estimate is Σ_h w_h·ȳ_h with the unbiased variance estimate Σ_h w_h² s_h²/n_h (Cochran 1977,
 *    Sampling Techniques §5.3, eq. 5.10 and Thm 5.3). The standard error ½√(Var_P + Var_Q) is therefore honest,
 *    not the i.i.d. formula applied to a systematic sample.
 * The normaliser of k is the same for all components and cancels.
 */
export function noisySmoothedJsd(p: SampleSet, q: SampleSet, opts: NoisyOptions): Estimate {
  const d = p.d
  const noise = truncatedGaussian(opts.sigma, d, opts.radius)
  if (opts.draws !== undefined && !(Number.isInteger(opts.draws) && opts.draws >= 2))
    throw new OptionError('draws', opts.draws, `must be an integer ≥ 2, got ${opts.draws}`)
  // z = x_i + ε is rounded; widen the balls by far more than that rounding so a draw always lies in its own component.
  let maxAbs = 0
  for (const s of [p, q]) for (let i = 0; i < s.data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(s.data[i]))
  const reach = noise.radius * (1 + 1e-9) + 1e-13 * maxAbs * Math.sqrt(d)
  const scale = 1 / (2 * opts.sigma * opts.sigma)
  const mp: Mixture = {
    centres: p.data,
    count: p.n,
    d,
    logWeights: logWeightsOf(p.n, p.weights),
    scale,
    radius2: reach * reach,
  }
  const mq: Mixture = {
    centres: q.data,
    count: q.n,
    d,
    logWeights: logWeightsOf(q.n, q.weights),
    scale,
    radius2: reach * reach,
  }
  // The centres are laid out once for the distance tiles of every draw (released in reverse order of creation).
  mp.tiles = referenceTiles(p.data, p.n, d)
  mq.tiles = referenceTiles(q.data, q.n, d)
  try {
    return sampleBoth(p, q, mp, mq, reach, opts)
  } finally {
    mq.tiles.dispose()
    mp.tiles.dispose()
  }
}

/** The pilot and (when needed) the second stratified sample of `noisySmoothedJsd`, on prepared mixtures. */
function sampleBoth(p: SampleSet, q: SampleSet, mp: Mixture, mq: Mixture, reach: number, opts: NoisyOptions): Estimate {
  const noise = truncatedGaussian(opts.sigma, p.d, opts.radius)
  // Draws per distance tile: 32, fewer for very large sets so the tile stays ≤ 4M doubles (32 MB).
  const BLOCK = Math.max(1, Math.min(32, Math.floor(4_000_000 / Math.max(p.n, q.n))))
  const tile = new Float64Array(BLOCK * Math.max(p.n, q.n))
  const work = {tile, BLOCK, noise, done: 0, planned: 0, onProgress: opts.onProgress}
  const sideP = prepareSide(mp, mq, p.weights, reach, work),
    sideQ = prepareSide(mq, mp, q.weights, reach, work)
  const run = (draws: number) => {
    const rngP = opts.rng.fork(),
      rngQ = opts.rng.fork()
    work.planned += 2 * draws
    const a = sampleSide(sideP, mp, mq, draws, rngP, work),
      b = sampleSide(sideQ, mq, mp, draws, rngQ, work)
    return {
      mean: 0.5 * (a.mean + b.mean),
      stderr: 0.5 * Math.sqrt(a.variance + b.variance),
      used: [a.used, b.used] as [number, number],
    }
  }
  let draws = opts.draws ?? PILOT_DRAWS
  let stats = run(draws)
  const warnings: string[] = []
  let unreliable: string | undefined
  if (opts.draws === undefined && stats.stderr > TARGET_STDERR) {
    // The pilot sized the run; a second, independent stratified sample brings the total to what is needed, and the
    // two are combined in proportion to their sizes (each unbiased; the variances add with the squared weights).
    const need = Math.min(MAX_DRAWS, Math.ceil(draws * (stats.stderr / TARGET_STDERR) ** 2 * 1.1))
    const more = run(Math.max(2, need - draws))
    const a = draws / need,
      b = 1 - a
    stats = {
      mean: a * stats.mean + b * more.mean,
      stderr: Math.hypot(a * stats.stderr, b * more.stderr),
      used: [stats.used[0] + more.used[0], stats.used[1] + more.used[1]],
    }
    draws = need
    if (stats.stderr > TARGET_STDERR) {
      unreliable = `its Monte Carlo standard error ${stats.stderr.toPrecision(3)} nats is above ${TARGET_STDERR} after ${draws} draws per side; raise ${opt('draws')} for more precision`
      warnings.push(
        `the noisy JSD's standard error ${stats.stderr.toPrecision(3)} nats is above ${TARGET_STDERR} after ${draws} draws per side; raise ${opt('draws')} for more precision`,
      )
    }
  }
  opts.onProgress?.(work.planned, work.planned)
  return {
    raw: stats.mean,
    stderr: stats.stderr,
    warnings,
    ...(unreliable ? {unreliable} : {}),
    params: {
      sigma: opts.sigma,
      radius: noise.radius,
      draws,
      V: noiseVariance(noise),
      drawsUsed: {p: stats.used[0], q: stats.used[1]},
      exactComponents: {p: sideP.exactCount, q: sideQ.exactCount},
    },
  }
}

interface Work {
  tile: Float64Array
  BLOCK: number
  noise: ReturnType<typeof truncatedGaussian>
  done: number
  planned: number
  onProgress?: (done: number, total: number) => void
}

/** One side's components split into the exact ones (ball disjoint from the other set) and the sampled ones. */
interface Side {
  /** Total mass, the mass of the exact components, and the sampled components in input order with their masses. */
  total: number
  exactMass: number
  exactCount: number
  sampled: Int32Array
  mass: Float64Array
}

function prepareSide(
  own: Mixture,
  other: Mixture,
  weights: Float64Array | undefined,
  reach: number,
  _work: Work,
): Side {
  const {count, d, centres} = own
  const massOf = (i: number) => (weights ? weights[i] : 1 / count)
  // Component i is exact when ‖x_i − y_j‖ > 2·reach for every j (its ball meets no ball of the other set); the
  // margin 1e-9 keeps a rounded distance from deciding it.
  const limit = (2 * reach) ** 2 * (1 + 1e-9)
  // The nearest centre of the other set settles a component: it is exact when even that one is farther than 2·reach.
  // The nearest centres come from the kNN graph (once for all σ); a scan per component until a near centre was found
  // cost a full n·m scan in JavaScript for every isolated component, at every σ of the bound's search (378 s of a
  // 50 000² compare, bench/RESULTS.md "Issue 24, session 28").
  const exact = new Uint8Array(count)
  const oc = other.centres
  const nearest = nearestOther(centres, count, oc, other.count, d)
  for (let i = 0; i < count; i++) {
    const j = nearest[i]
    let s2 = 0
    for (let c = 0; c < d; c++) {
      const e = centres[i * d + c] - oc[j * d + c]
      s2 += e * e
    }
    exact[i] = s2 > limit ? 1 : 0
  }
  let total = 0,
    exactMass = 0,
    exactCount = 0,
    m = 0
  for (let i = 0; i < count; i++) {
    const w = massOf(i)
    total += w
    if (w > 0 && exact[i]) {
      exactMass += w
      exactCount++
    } else if (w > 0) m++
  }
  const sampled = new Int32Array(m),
    mass = new Float64Array(m)
  for (let i = 0, k = 0; i < count; i++) {
    const w = massOf(i)
    if (w > 0 && !exact[i]) {
      sampled[k] = i
      mass[k++] = w
    }
  }
  return {total, exactMass, exactCount, sampled, mass}
}

/**
 * The side's mean of f and the variance of that mean: exact components contribute mass·ln 2; the others are
 * stratified (see `noisySmoothedJsd`) with about `draws` draws in all, ≥ 2 per stratum.
 */
function sampleSide(
  side: Side,
  own: Mixture,
  other: Mixture,
  draws: number,
  rng: Rng,
  work: Work,
): {mean: number; variance: number; used: number} {
  const {sampled, mass, total} = side
  const m = sampled.length
  if (m === 0) return {mean: Math.LN2, variance: 0, used: 0}
  let sampledMass = 0
  for (let k = 0; k < m; k++) sampledMass += mass[k]
  // Strata: every component alone when there are at most draws/2 of them, else consecutive groups of ≈ equal mass.
  const H = Math.max(1, Math.floor(draws / 2))
  const starts: number[] = [0]
  if (m <= H) for (let k = 1; k < m; k++) starts.push(k)
  else {
    const target = sampledMass / H
    let acc = 0
    for (let k = 0; k < m; k++) {
      if (acc > 0 && acc + mass[k] > target) {
        starts.push(k)
        acc = 0
      }
      acc += mass[k]
    }
  }
  const strata = starts.length
  starts.push(m)
  const wh = new Float64Array(strata),
    nh = new Int32Array(strata)
  let used = 0
  for (let h = 0; h < strata; h++) {
    for (let k = starts[h]; k < starts[h + 1]; k++) wh[h] += mass[k]
    nh[h] = Math.max(2, Math.round((draws * wh[h]) / sampledMass))
    used += nh[h]
  }
  work.planned += used - draws
  // Which component each draw comes from: i.i.d. within its stratum, proportional to mass.
  const comp = new Int32Array(used),
    stratumOf = new Int32Array(used)
  for (let h = 0, t = 0; h < strata; h++) {
    for (let r = 0; r < nh[h]; r++, t++) {
      let k = starts[h]
      if (starts[h + 1] - k > 1) {
        let u = rng.uniform() * wh[h]
        while (k < starts[h + 1] - 1 && u >= mass[k]) u -= mass[k++]
      }
      comp[t] = sampled[k]
      stratumOf[t] = h
    }
  }
  const d = own.d,
    BLOCK = work.BLOCK
  const zb = new Float64Array(BLOCK * d),
    lOwn = new Float64Array(BLOCK),
    lOther = new Float64Array(BLOCK)
  // Per-stratum sums of f − ln 2 (so all-separated draws give exactly ln 2), then of squared deviations.
  const values = new Float64Array(used)
  for (let k0 = 0; k0 < used; k0 += BLOCK) {
    const rows = Math.min(BLOCK, used - k0)
    for (let t = 0; t < rows; t++) {
      drawNoise(work.noise, rng, zb, t * d)
      const c = comp[k0 + t]
      for (let e = 0; e < d; e++) zb[t * d + e] += own.centres[c * d + e]
    }
    logMixtureRows(zb, rows, own, work.tile, lOwn)
    logMixtureRows(zb, rows, other, work.tile, lOther)
    for (let t = 0; t < rows; t++) {
      if (lOwn[t] === -Infinity) throw new Error('internal: a noisy draw fell outside its own component')
      values[k0 + t] = logRatioToMixture(lOwn[t], lOther[t]) - Math.LN2
    }
    work.done += rows
    work.onProgress?.(work.done, work.planned)
  }
  const sum = new Float64Array(strata)
  for (let t = 0; t < used; t++) sum[stratumOf[t]] += values[t]
  const ss = new Float64Array(strata)
  for (let t = 0; t < used; t++) ss[stratumOf[t]] += (values[t] - sum[stratumOf[t]] / nh[stratumOf[t]]) ** 2
  let offset = 0,
    variance = 0
  for (let h = 0; h < strata; h++) {
    const share = wh[h] / total
    offset += share * (sum[h] / nh[h])
    variance += (share * share * (ss[h] / (nh[h] - 1))) / nh[h]
  }
  return {mean: Math.LN2 + offset, variance, used}
}

/**
 * The median distance from a point of P ∪ Q to its nearest other point (ignoring exact duplicates): the default
 * σ of the noisy JSD (docs/design.md "Noise scale σ"). At most 2000 query points (seeded).
 * Distances are the float64 difference form; the scan rules points out by float32 distances only where the proven
 * margin allows (src/kernels/distance-f32.ts) and recomputes the rest, so σ is the float64 scan's, bit for bit.
 */
export function medianNearestNeighbour(p: SampleSet, q: SampleSet, rng: Rng): number {
  const d = p.d
  const total = p.n + q.n
  const pooled = new Float64Array(total * d)
  pooled.set(p.data)
  pooled.set(q.data, p.n * d)
  const queries = Math.min(total, 2000)
  const rows = new Int32Array(queries)
  for (let t = 0; t < queries; t++) rows[t] = queries === total ? t : rng.int(total)
  const best = new Float64Array(queries).fill(Infinity)
  const qdata = new Float64Array(queries * d)
  for (let t = 0; t < queries; t++) qdata.set(pooled.subarray(rows[t] * d, rows[t] * d + d), t * d)
  const visit = (t: number, j: number, s: number) => {
    if (j !== rows[t] && s > 0 && s < best[t]) best[t] = s
  }
  const fast = scanPairsF32(pooled, total, qdata, queries, d, (q0, qCount, r0, rCount, tile, stride, frame) => {
    for (let i = 0; i < qCount; i++) {
      const t = q0 + i
      let T = outsideThreshold(frame, best[t])
      const row = i * stride
      for (let j = 0; j < rCount; j++) {
        if (tile[row + j] > T) continue
        const before = best[t]
        visit(t, r0 + j, exactSqDist(qdata, t, pooled, r0 + j, d))
        if (best[t] !== before) T = outsideThreshold(frame, best[t])
      }
    }
  })
  if (!fast)
    for (let t = 0; t < queries; t++) for (let j = 0; j < total; j++) visit(t, j, exactSqDist(qdata, t, pooled, j, d))
  const dists: number[] = []
  for (let t = 0; t < queries; t++) if (best[t] < Infinity) dists.push(Math.sqrt(best[t]))
  if (dists.length === 0)
    throw new InputError(
      `every point of P and Q is the same point, so there is no scale to choose σ from; give ${opt('sigma')}`,
    )
  dists.sort((x, y) => x - y)
  return dists[Math.floor(dists.length / 2)]
}
