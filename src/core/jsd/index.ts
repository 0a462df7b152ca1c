import {randomHalves} from '../baseline.js'
import {InputError, OptionError, opt} from '../errors.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'
import {sameMeasure} from '../same-measure.js'
import {makeSampleSet, type SampleSet, subset} from '../sampleset.js'
import {kernelWidths} from '../stats/bandwidth.js'
import {percentileInterval, resampleIndices} from '../stats/bootstrap.js'
import {createRng, type Rng} from '../stats/rng.js'
import {defaultSigma} from './default-sigma.js'
import {kdeUnreliable} from './defaults.js'
import {kdeJsd} from './kde.js'
import {knnJsd} from './knn.js'
import {noiseVariance, truncatedGaussian} from './noise.js'
import {jsdUpperLimit, noisySmoothedJsd, UPPER_LEVEL} from './noisy.js'
import {outOfRange} from './range-check.js'
import type {Estimate, JsdOptions, JsdResult, KdeWidths} from './types.js'

export {defaultJsdMethod, KDE_MAX_DIM} from './defaults.js'
export {KDE_FORM_GAP, KDE_MIN_POINTS, kdeJsd} from './kde.js'
export {knnJsd} from './knn.js'
export {medianNearestNeighbour, noisySmoothedJsd} from './noisy.js'
export {outOfRange} from './range-check.js'
export type {Estimate, JsdMethod, JsdOptions, JsdResult} from './types.js'
export {JSD_METHODS} from './types.js'

/** Most bootstrap replicates accepted (each one is a full re-estimate). */
export const MAX_BOOTSTRAP = 10_000

/** Defaults of the JSD options (the CLI's flags show and use these). */
export const JSD_DEFAULTS = {bandwidth: 'scott', k: 5, base: 'e', bootstrap: 0} as const

/**
 * JSD(P, Q) = ½KL(P‖M) + ½KL(Q‖M), M = ½(P + Q), in [0, ln 2] (docs/design.md "JSD"; Arjovsky & Bottou 2017 §1),
 * by KDE, noisy smoothing or kNN. Coordinates are first divided by a power of two near the largest |value|
 * (exact, so inputs up to 1e±200 cannot overflow a squared distance); σ, R and bandwidths are reported back in
 * input units. The value is clamped to [0, ln 2] with the raw estimate kept; `--base 2` reports bits. A raw value
 * outside [0, ln 2] by more than its uncertainty (`outOfRange`), or the estimator's own reasons (too few points, a KDE
 * whose two forms disagree, …), make the result `reliable: false` with the reason in `unreliable`.
 */
export async function computeJsd(p: SampleSet, q: SampleSet, opts: JsdOptions): Promise<JsdResult> {
  validate(p, q, opts)
  const unitScale = opts.base === 2 ? 1 / Math.LN2 : 1
  const unit = opts.base === 2 ? 'bits' : 'nats'
  const s = powerOfTwoScale(p.data, q.data)
  const ps = makeSampleSet(divided(p.data, s), p.n, p.d, p.columns, p.source, p.weights)
  const qs = makeSampleSet(divided(q.data, s), q.n, q.d, q.columns, q.source, q.weights)
  const rng = createRng(opts.seed)
  const warnings: string[] = []
  let sigma = opts.sigma !== undefined ? opts.sigma / s : undefined
  if (opts.method === 'noisy' && sigma === undefined) {
    // The first fork of the seed's stream, as bound takes it: the same σ for the same files and seed.
    const chosen = defaultSigma(p, q, rng.fork())
    sigma = chosen.sigma / s
    warnings.push(chosen.warning)
  }
  // The data are now of order 1. The mixtures hold exp(−‖x − y‖²/2σ²) with 1/2σ² in float64: above 1e150 of the
  // data's scale that factor vanishes and every density is flat ("internal error: a noisy draw fell outside its own
  // component" at σ ≈ 1e160 on unit data). Below, 1/2σ² = ∞ is fine (each component is a point: JSD = ln 2 for
  // disjoint sets), until σ/scale itself underflows (σ = 1e-100 on data near 1e308 read as "σ = 0").
  if (opts.method === 'noisy' && sigma !== undefined && !(sigma > 0 && sigma < 1e150))
    throw new InputError(
      `σ = ${opts.sigma ?? sigma * s} against data whose largest |value| is about ${s.toPrecision(3)}: the ratio is 0 in float64 or above 1e150, where float64 cannot hold the smoothed densities; give a σ near the spacing of the points (${opt('sigma')})`,
    )
  const identical = sameMeasure(p, q)
  const estimate = (
    a: SampleSet,
    b: SampleSet,
    r: Rng,
    draws?: number,
    progress?: JsdOptions['onProgress'],
    graphs?: JsdOptions['graphs'],
  ): Estimate => {
    if (opts.method === 'kde')
      return kdeJsd(
        a,
        b,
        typeof opts.bandwidth === 'number' ? opts.bandwidth / s : (opts.bandwidth ?? JSD_DEFAULTS.bandwidth),
        progress,
      )
    if (opts.method === 'knn') return knnJsd(a, b, opts.k ?? JSD_DEFAULTS.k, r, progress, graphs)
    return noisySmoothedJsd(a, b, {
      sigma: sigma!,
      radius: opts.radius !== undefined ? opts.radius / s : undefined,
      draws,
      rng: r,
      onProgress: progress,
    })
  }
  const main: Estimate = identical
    ? identicalEstimate(opts, ps, qs, s, sigma)
    : estimate(ps, qs, rng.fork(), opts.draws, opts.onProgress, opts.graphs)
  warnings.push(...main.warnings)
  const reasons = [
    outOfRange(main.raw, main.stderr),
    main.unreliable,
    opts.method === 'kde' && !identical ? kdeUnreliable(p.d) : undefined,
  ].filter((r): r is string => r !== undefined)
  const unreliable = reasons.length > 0 ? reasons.join('; ') : undefined
  if (unreliable) warnings.push(`the JSD estimate is unreliable: ${unreliable}`)
  const clamp = (v: number) => Math.min(Math.LN2, Math.max(0, v))
  // Replicates reuse the main run's draws (no adaptive pilot each time); identical inputs skipped the Monte Carlo.
  const drawsUsed = identical ? opts.draws : (main.params.draws as number | undefined)

  let ci: [number, number] | null = null
  const B = opts.bootstrap ?? 0
  if (B > 0) {
    const reps = new Float64Array(B)
    const br = rng.fork()
    for (let b = 0; b < B; b++) {
      const a = subset(ps, resampleIndices(br, ps.n)),
        c = subset(qs, resampleIndices(br, qs.n))
      reps[b] = clamp(estimate(a, c, br.fork(), drawsUsed).raw)
    }
    const [lo, hi] = percentileInterval(reps)
    ci = [lo * unitScale, hi * unitScale]
    if (opts.method === 'knn')
      warnings.push(
        'bootstrap resamples repeat points, which the kNN estimator sees as duplicates (jittered); read its interval as rough',
      )
  }

  let baseline: JsdResult['baseline']
  if (opts.baseline) {
    const half = Math.floor(p.n / 2)
    const halvesRng = rng.fork()
    try {
      const est = estimate(...randomHalves(ps, halvesRng), rng.fork(), drawsUsed)
      baseline = {value: clamp(est.raw) * unitScale, raw: est.raw * unitScale, n: half}
    } catch (e) {
      if (!(e instanceof InputError)) throw e
      baseline = null
      warnings.push(`no baseline: two halves of P (${half} points each) are too small for this method (${e.message})`)
    }
  }

  const result: JsdResult = {
    value: clamp(main.raw) * unitScale,
    unit,
    method: opts.method,
    raw: main.raw * unitScale,
    stderr: main.stderr === null ? null : main.stderr * unitScale,
    ci,
    bootstrap: B,
    n: (main.params.n as number | undefined) ?? p.n,
    m: (main.params.m as number | undefined) ?? q.n,
    identical,
    reliable: unreliable === undefined,
    warnings,
  }
  const bw = main.params.bandwidth as {rule: string; p: KdeWidths; q: KdeWidths} | undefined
  const inputUnits = (w: KdeWidths): KdeWidths => ({factor: w.factor, widths: w.widths.map((x) => x * s)})
  if (bw) result.bandwidth = {rule: bw.rule, p: inputUnits(bw.p), q: inputUnits(bw.q)}
  const check = main.params.check as JsdResult['check']
  if (check)
    result.check = {
      logRatio: check.logRatio * unitScale,
      gap: check.gap * unitScale,
      tolerance: check.tolerance * unitScale,
    }
  if (opts.method === 'noisy') {
    result.sigma = (main.params.sigma as number) * s
    result.radius = (main.params.radius as number) * s
    result.draws = main.params.draws as number
    result.upper = jsdUpperLimit(main.raw, main.stderr ?? 0) * unitScale
    result.upperLevel = UPPER_LEVEL
    result.exactComponents = (main.params.exactComponents as {p: number; q: number} | undefined) ?? {p: 0, q: 0}
  }
  if (opts.method === 'knn') result.k = opts.k ?? JSD_DEFAULTS.k
  if (baseline !== undefined) result.baseline = baseline
  if (unreliable) result.unreliable = unreliable
  return result
}

/** The estimate for P̂ = Q̂: exactly 0, with the parameters the method would have used. */
function identicalEstimate(opts: JsdOptions, ps: SampleSet, qs: SampleSet, scale: number, sigma?: number): Estimate {
  const params: Record<string, unknown> = {}
  if (opts.method === 'noisy') {
    const noise = truncatedGaussian(sigma!, ps.d, opts.radius !== undefined ? opts.radius / scale : undefined)
    Object.assign(params, {sigma: sigma!, radius: noise.radius, draws: 0, V: noiseVariance(noise)})
  }
  if (opts.method === 'kde') {
    const rule =
      typeof opts.bandwidth === 'number' ? opts.bandwidth / scale : (opts.bandwidth ?? JSD_DEFAULTS.bandwidth)
    const of = (set: SampleSet): KdeWidths => {
      const {widths, factor} = kernelWidths(set.data, set.n, set.d, rule)
      return {factor, widths: Array.from(widths)}
    }
    params.bandwidth = {rule: typeof rule === 'number' ? 'fixed' : rule, p: of(ps), q: of(qs)}
  }
  if (opts.method === 'knn') params.n = params.m = ps.n
  return {
    raw: 0,
    stderr: opts.method === 'noisy' ? 0 : null,
    params,
    warnings: ['P and Q are the same set of points: the JSD is exactly 0'],
  }
}

function validate(p: SampleSet, q: SampleSet, opts: JsdOptions): void {
  if (p.d !== q.d)
    throw new InputError(`P has ${p.d} columns and Q has ${q.d}; select the same columns with ${opt('columns')}`)
  if (p.n < 1 || q.n < 1) throw new InputError('JSD needs at least one point in each set')
  if (!['kde', 'noisy', 'knn'].includes(opts.method))
    throw new OptionError('jsd.method', opts.method, `must be kde, noisy or knn, got ${opts.method}`)
  const B = opts.bootstrap ?? 0
  if (!Number.isInteger(B) || B < 0 || B > MAX_BOOTSTRAP)
    throw new OptionError('bootstrap', B, `must be an integer from 0 to ${MAX_BOOTSTRAP}, got ${B}`)
  if (B === 1) throw new OptionError('bootstrap', B, `needs at least 2 replicates for an interval (1000 is usual)`)
  if (opts.sigma !== undefined && !(opts.sigma > 0 && Number.isFinite(opts.sigma)))
    throw new OptionError(
      'sigma',
      opts.sigma,
      `must be a positive number (the noise scale, in input units), got ${opts.sigma}`,
    )
  if (opts.radius !== undefined && !(opts.radius > 0 && Number.isFinite(opts.radius)))
    throw new OptionError('radius', opts.radius, `must be a positive number (in input units), got ${opts.radius}`)
  if (opts.method === 'kde' && (p.n < 2 || q.n < 2))
    throw new InputError(
      `KDE JSD needs at least 2 points in each set (leave-one-out); got ${p.n} and ${q.n} — use ${opt('jsd.method')} noisy`,
    )
}
