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
  /** One σ (input units). Ignored with `sweep`. Default: the tightest of a small grid (`searchSigma`). */
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
  /** How the default σ was chosen when neither `sigma` nor `sweep` was given (`searchSigma`). */
  sigmaSearch?: SigmaSearch
  warnings: string[]
}

/** The default σ's search (`searchSigma`): its grid, the pilot bound at each σ, the σ chosen and what it cost. */
export interface SigmaSearch {
  /** The σ tried, in input units, largest first. */
  grid: number[]
  /** The pilot bound 2√V + 2C√JSD at each σ of `grid` (null where the pilot's noisy JSD was unreliable). */
  values: (number | null)[]
  chosen: number
  /** Noisy-JSD evaluations the search made (= grid.length), each with `draws` Monte Carlo draws per side. */
  evaluations: number
  draws: number
}

/** σ values the default search tries: σ_top·2^-k for k = 1 … SIGMA_SEARCH_POINTS (bench/bound-sigma.mjs). */
export const SIGMA_SEARCH_POINTS = 7
/** Draws per side of each pilot noisy JSD of the search (an eighth of the adaptive run's first pass). */
export const SIGMA_SEARCH_DRAWS = 256

/**
 * The default σ of the bound: the tightest of a small grid. Every σ gives a valid bound — Thm 3.3
 * (Arjovsky & Bottou 2017), W(P̂, Q̂) ≤ 2√V + 2C√JSD(P̂+ε ‖ Q̂+ε), holds for each noise level — so the minimum over a
 * grid is one too; choosing σ from the data loses nothing as long as each term at the chosen σ is computed honestly.
 * That is why the search runs on pilot draws of its own (seeds forked from `opts.seed`, SIGMA_SEARCH_DRAWS per
 * side) and the reported row is then computed afresh at the chosen σ with the run's own seed and adaptive draws:
 * its 99.9 % upper limit is independent of the selection, so `holds` keeps its stated level instead of carrying the
 * optimism of a minimum over noisy estimates (which a Bonferroni level 1 − 7·0.001 would otherwise have to absorb).
 *
 * The grid is σ_top·2^-k, k = 1 … 7, with σ_top = diam/(2√d): at σ ≥ σ_top the noise term alone, 2√V ≈ 2σ√d, is
 * at least the diameter, so the bound is vacuous there; the tightest σ of a 20-point sweep lay within σ_top/128 …
 * σ_top/2 on every case of bench/bound-sigma.mjs where any σ gave an informative bound (bench/RESULTS.md, issue 22).
 * Cost: 7 noisy JSDs at 256 draws per side, about 7 × 256 / 2000 ≈ 0.9 of the adaptive evaluation's first pass,
 * so the default bound takes about twice the time of one σ. The median nearest-neighbour σ it replaced gave a
 * bound at or above the diameter on every case there.
 */
export async function searchSigma(
  d: number,
  diam: number,
  opts: Pick<BoundOptions, 'draws' | 'seed'>,
  evaluate: (sigma: number, seed: number, draws: number) => Promise<BoundRow>,
): Promise<SigmaSearch> {
  const top = diam / (2 * Math.sqrt(d))
  const grid = Array.from({length: SIGMA_SEARCH_POINTS}, (_, i) => top * 2 ** -(i + 1))
  const draws = Math.min(SIGMA_SEARCH_DRAWS, opts.draws ?? SIGMA_SEARCH_DRAWS)
  // The second fork of the run's seed (the first is the median nearest-neighbour σ's): pilot draws independent of
  // the final evaluation's, which uses `opts.seed` itself.
  const rng = createRng(opts.seed)
  rng.fork()
  const pilot = rng.fork()
  const values: (number | null)[] = []
  for (const sigma of grid) {
    const r = await evaluate(sigma, pilot.int(2 ** 31), draws)
    values.push(r.unreliable === undefined ? r.value : null)
  }
  let chosen = grid[0]
  let best = Number.POSITIVE_INFINITY
  values.forEach((v, i) => {
    if (v !== null && v < best) {
      best = v
      chosen = grid[i]
    }
  })
  return {grid, values, chosen, evaluations: grid.length, draws}
}

/** Both sides of Thm 3.3 at one σ: the noisy JSD at `sigma` (and `radius`, default from σ), V, C and the terms. */
async function boundRow(
  p: SampleSet,
  q: SampleSet,
  o: {
    sigma: number
    radius: number | undefined
    draws: number | undefined
    seed: number
    w1: number
    diameter: number
    warnings: string[]
  },
): Promise<BoundRow> {
  const {sigma, warnings} = o
  const noise = truncatedGaussian(sigma, p.d, o.radius)
  const V = noiseVariance(noise)
  if (!Number.isFinite(V))
    throw new InputError(
      `σ = ${sigma} is too large for float64 (V = E‖ε‖² overflows); rescale the data (e.g. ${opt('standardize')})`,
    )
  const C = o.diameter + 2 * noise.radius
  const j = await computeJsd(p, q, {method: 'noisy', sigma, radius: noise.radius, draws: o.draws, seed: o.seed})
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
  const w1 = o.w1
  return {
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
    vacuous: value >= o.diameter,
    ...(j.unreliable ? {unreliable: j.unreliable} : {}),
  }
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
 * ("annealing the noise", §3); with neither `sigma` nor `sweep`, σ is the tightest of a short grid of pilot runs
 * (`searchSigma`) and the bound is then computed afresh there.
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
  let search: SigmaSearch | undefined
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
    if (sigma === undefined && diam.value > 0) {
      search = await searchSigma(p.d, diam.value, opts, (s, seed, draws) =>
        boundRow(p, q, {sigma: s, radius: opts.radius, draws, seed, w1, diameter: diam.value, warnings: []}),
      )
      sigma = search.chosen
      warnings.push(
        `${opt('sigma')} not given: σ = ${Number(sigma.toPrecision(6))}, the tightest bound of ${search.evaluations} σ on a grid (${search.draws} draws per side each; ${opt('sweep')} for the full curve)`,
      )
    } else if (sigma === undefined) {
      // All points coincide (diameter 0): no grid relative to the data's scale; the median nearest-neighbour
      // distance says why in its own error.
      const chosen = defaultSigma(p, q, createRng(opts.seed).fork())
      sigma = chosen.sigma
      warnings.push(chosen.warning)
    }
    sigmas = [sigma]
  }

  const row = (sigma: number, radius: number | undefined, draws: number | undefined, seed: number) =>
    boundRow(p, q, {sigma, radius, draws, seed, w1, diameter: diam.value, warnings})
  const rows: BoundRow[] = []
  for (let i = 0; i < sigmas.length; i++) {
    rows.push(await row(sigmas[i], opts.sweep ? undefined : opts.radius, opts.draws, opts.seed))
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
  const head: BoundResult = {
    ...best,
    w1Method: w1r.method,
    w1Is,
    diameter: diam,
    ...(search ? {sigmaSearch: search} : {}),
    warnings,
  }
  if (opts.sweep) {
    head.sweep = rows
    head.best = best
  }
  return head
}
