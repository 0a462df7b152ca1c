import {InputError, OptionError, opt} from '../errors.js'
import {defaultSigma} from '../jsd/default-sigma.js'
import {computeJsd} from '../jsd/index.js'
import {noiseVariance, relativeNoiseVariance, truncatedGaussian} from '../jsd/noise.js'
import {UPPER_LEVEL} from '../jsd/noisy.js'
import {diameter} from '../ot/diameter.js'
import {computeW1, W1_DEFAULTS, type W1Result} from '../ot/w1.js'
import type {SampleSet} from '../sampleset.js'
import {createRng} from '../stats/rng.js'

export interface BoundOptions {
  /** One σ (input units). Ignored with `sweep`. Default: the median nearest-neighbour distance of P ∪ Q. */
  sigma?: number
  /** Truncation radius R for a single σ (default σ·√(χ²_d 0.999-quantile)); not allowed with a sweep. */
  radius?: number
  /** Evaluate a log grid of σ instead of one σ. */
  sweep?: boolean
  /** Grid size and ends (default 20 points from 1e-3 × to 1 × the data's diameter). */
  sweepPoints?: number
  sigmaMin?: number
  sigmaMax?: number
  /** Monte Carlo draws per side for the noisy JSD (default adaptive: standard error ≤ 0.005 nats). */
  draws?: number
  seed: number
  /** A W1 already computed on the same P, Q (e.g. by `compare`); otherwise computed here (exact when affordable). */
  w1?: W1Result
  onProgress?: (done: number, total: number) => void
}

/** Both sides of Thm 3.3 at one σ (the `bound` object of docs/design.md "JSON keys"). Distances in input units, JSD in nats. */
export interface BoundRow {
  sigma: number
  radius: number
  /** V = E‖ε‖² of the truncated Gaussian (0 where it underflows float64, σ ≲ 1e-154; `noiseTerm` does not use it). */
  V: number
  /** C = diam(P̂ ∪ Q̂) + 2R. */
  C: number
  /** The noisy JSD of P̂+ε, Q̂+ε in nats (clamped to [0, ln 2]) and its Monte Carlo standard error. */
  jsd: number
  jsdStderr: number
  /** The JSD's one-sided `confidence` upper limit (nats): what `holds` is judged against. */
  jsdUpper: number
  draws: number
  /** The W1 the bound is checked against: the exact value, or the certified upper end of the Sinkhorn bracket. */
  w1: number
  /** The two terms: 2√V and 2C√JSD. */
  noiseTerm: number
  jsdTerm: number
  /** 2√V + 2C√JSD at the JSD's estimate. */
  value: number
  /** 2√V + 2C√jsdUpper: the bound at the JSD's upper confidence limit. */
  upper: number
  /** Level of `jsdUpper` (0.999, one-sided). */
  confidence: number
  /** W1 ≤ `upper`: judged against the JSD's upper confidence limit, so Monte Carlo error alone does not fail it. */
  holds: boolean
  /** upper − w1 (≥ 0 when the bound holds). */
  slack: number
  /**
   * `value` ≥ diam(P̂ ∪ Q̂): the bound says nothing, since W1 ≤ max ‖x − y‖ ≤ the diameter for every coupling. When
   * only an upper bound U of the diameter is known, vacuous is claimed only for value ≥ U (sound, never more).
   */
  vacuous: boolean
  /**
   * Why the noisy JSD at this σ cannot be trusted (e.g. its raw value outside [0, ln 2] by more than 3.09 standard
   * errors): then `holds` and the bound are not to be relied on, and a gate on the bound is not evaluated.
   */
  unreliable?: string
}

export interface BoundResult extends BoundRow {
  w1Method: W1Result['method']
  /** 'exact' when W1 is the exact optimum; 'certified-upper' when it is the upper end of the Sinkhorn bracket. */
  w1Is: 'exact' | 'certified-upper'
  diameter: {value: number; exact: boolean}
  sweep?: BoundRow[]
  best?: BoundRow
  warnings: string[]
}

/** Default number of σ values in a sweep. */
export const DEFAULT_SWEEP_POINTS = 20

/**
 * Arjovsky & Bottou 2017, Theorem 3.3: for noise ε of mean 0, V = E‖ε‖², and P+ε, Q+ε supported in a ball of
 * diameter C,  W(P, Q) ≤ 2√V + 2C·√JSD(P+ε ‖ Q+ε)  (JSD in nats; the proof goes through Lemma 4, W(P, P+ε) ≤ √V,
 * and Pinsker). The noise is the Gaussian truncated to ‖ε‖ ≤ R (footnote 6), so C = diam(P̂ ∪ Q̂) + 2R bounds the
 * supports; V is exact (`noiseVariance`). W1 is exact where the solver can afford it, otherwise the certified upper
 * end of the Sinkhorn bracket, and the JSD is taken at its one-sided 99.9 % upper confidence limit (the noisy JSD is
 * a Monte Carlo estimate with an honest standard error: `noisySmoothedJsd`), so `holds` is a sound check. With `sweep`, a log grid of σ and the tightest σ
 * ("annealing the noise", §3).
 */
export async function computeBound(p: SampleSet, q: SampleSet, opts: BoundOptions): Promise<BoundResult> {
  if (p.d !== q.d)
    throw new InputError(`P has ${p.d} columns and Q has ${q.d}; select the same columns with ${opt('columns')}`)
  if (p.n < 1 || q.n < 1) throw new InputError('the bound needs at least one point in each set')
  if (opts.sweep && opts.radius !== undefined)
    throw new OptionError(
      'radius',
      opts.radius,
      `fixes R for one σ; with ${opt('sweep')} R follows each σ (σ·√(χ²_d 0.999-quantile)) — drop ${opt('radius')} or give ${opt('sigma')}`,
    )
  const warnings: string[] = []
  const diam = diameter(p, q)
  if (!diam.exact)
    warnings.push(
      `C uses an upper bound on the diameter (${diam.value}: twice the largest distance to the centroid; the exact scan is too large) — the bound stays valid, only looser`,
    )
  const w1r = opts.w1 ?? (await computeW1(p, q, {method: 'auto', ...W1_DEFAULTS, seed: opts.seed}))
  let w1: number, w1Is: BoundResult['w1Is']
  if (w1r.valueIs === 'exact') {
    w1 = w1r.value
    w1Is = 'exact'
  } else if (w1r.upper !== null) {
    w1 = w1r.upper
    w1Is = 'certified-upper'
  } else {
    throw new InputError(
      `the bound needs W1 or a certified upper bound on it; a sliced W1 is only a lower bound — use ${opt('w1.method')} exact or sinkhorn`,
    )
  }

  let sigmas: number[]
  if (opts.sweep) {
    const points = opts.sweepPoints ?? DEFAULT_SWEEP_POINTS
    if (!Number.isInteger(points) || points < 2 || points > 200)
      throw new OptionError('sweepPoints', points, `must be an integer from 2 to 200, got ${points}`)
    if (diam.value === 0 && (opts.sigmaMin === undefined || opts.sigmaMax === undefined))
      throw new InputError(
        `all points of P and Q coincide, so the σ grid (relative to the data's diameter, 0) is empty; give ${opt('sigmaMin')} and ${opt('sigmaMax')} or a single ${opt('sigma')}`,
      )
    const lo = opts.sigmaMin ?? 1e-3 * diam.value,
      hi = opts.sigmaMax ?? diam.value
    if (!(lo > 0 && hi > lo && Number.isFinite(hi)))
      throw new InputError(`the σ sweep needs 0 < ${opt('sigmaMin')} < ${opt('sigmaMax')}, got ${lo} and ${hi}`)
    sigmas = Array.from({length: points}, (_, i) => lo * (hi / lo) ** (i / (points - 1)))
  } else {
    let sigma = opts.sigma
    if (sigma === undefined) {
      const chosen = defaultSigma(p, q, createRng(opts.seed).fork())
      sigma = chosen.sigma
      warnings.push(chosen.warning)
    }
    sigmas = [sigma]
  }

  const rows: BoundRow[] = []
  for (let i = 0; i < sigmas.length; i++) {
    const sigma = sigmas[i]
    const noise = truncatedGaussian(sigma, p.d, opts.sweep ? undefined : opts.radius)
    const V = noiseVariance(noise)
    if (!Number.isFinite(V))
      throw new InputError(
        `σ = ${sigma} is too large for float64 (V = E‖ε‖² overflows); rescale the data (e.g. ${opt('standardize')})`,
      )
    const C = diam.value + 2 * noise.radius
    const j = await computeJsd(p, q, {method: 'noisy', sigma, radius: noise.radius, draws: opts.draws, seed: opts.seed})
    for (const w of j.warnings) if (!warnings.includes(w)) warnings.push(w)
    // 2√V as 2σ√(V/σ²): at σ ≈ 1e-201 the V above underflows to 0 while √V ≈ 1e-201 does not.
    const noiseTerm = 2 * sigma * Math.sqrt(relativeNoiseVariance(noise))
    const jsdTerm = 2 * C * Math.sqrt(j.value)
    const value = noiseTerm + jsdTerm
    const jsdUpper = j.upper ?? j.value
    const upper = noiseTerm + 2 * C * Math.sqrt(jsdUpper)
    // C = diam + 2R near the top of float64 (coordinates ≈ 1e308) makes 2C√JSD overflow: an infinite bound "holds"
    // trivially and says nothing, so it is refused like an overflowing V.
    if (!Number.isFinite(C) || !Number.isFinite(upper))
      throw new InputError(
        `the bound 2√V + 2C√JSD overflows float64 at these coordinates (C = diam + 2R = ${C}); rescale the data (e.g. ${opt('standardize')})`,
      )
    rows.push({
      sigma,
      radius: noise.radius,
      V,
      C,
      jsd: j.value,
      jsdStderr: j.stderr ?? 0,
      jsdUpper,
      draws: j.draws ?? 0,
      w1,
      noiseTerm,
      jsdTerm,
      value,
      upper,
      confidence: j.upperLevel ?? UPPER_LEVEL,
      holds: w1 <= upper,
      slack: upper - w1,
      vacuous: value >= diam.value,
      ...(j.unreliable ? {unreliable: j.unreliable} : {}),
    })
    opts.onProgress?.(i + 1, sigmas.length)
  }
  // The tightest σ among the rows whose JSD can be trusted (an untrustworthy JSD could make a bound look tight).
  const trusted = rows.filter((r) => r.unreliable === undefined)
  const best = (trusted.length > 0 ? trusted : rows).reduce((a, b) => (b.value < a.value ? b : a))
  if (best.unreliable)
    warnings.push(
      `the bound is not to be relied on: its noisy JSD is unreliable${rows.length > 1 ? ' at every σ of the sweep' : ''} (${best.unreliable})`,
    )
  else if (rows.length > trusted.length)
    warnings.push(
      `${rows.length - trusted.length} σ of the sweep have an unreliable noisy JSD and were not considered for the tightest σ`,
    )
  if (rows.some((r) => !r.holds))
    warnings.push(
      `Thm 3.3 does NOT hold on these data at some σ even at the noisy JSD's ${100 * UPPER_LEVEL}% upper confidence limit: a 1-in-${Math.round(1 / (1 - UPPER_LEVEL))} Monte Carlo fluke (rerun with more ${opt('draws')} or another ${opt('seed')}) or a bug in divergence — please report it with the inputs`,
    )
  const head: BoundResult = {...best, w1Method: w1r.method, w1Is, diameter: diam, warnings}
  if (opts.sweep) {
    head.sweep = rows
    head.best = best
  }
  return head
}
