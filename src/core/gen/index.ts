import {InputError, OptionError, opt} from '../errors.js'
import {makeSampleSet, type SampleSet} from '../sampleset.js'
import type {Rng} from '../stats/rng.js'

/** Parameters every generator may read; each uses only its own. */
export interface GenParams {
  n: number
  theta: number
  dim: number
  shift: number
  scale: number
  tilt: number
  offset: number
  modes: number
  drop: number
  spread: number
  noise: number
}

type Generator = (rng: Rng, g: GenParams) => SampleSet

/**
 * WGAN Example 1 (Arjovsky, Chintala & Bottou 2017, §2): Z ~ U[0,1], P_θ = (θ, Z) ∈ R².
 * Two sets drawn with the same seed share their Z values, so W1(P_0, P_θ) = |θ| exactly, while
 * JSD(P_0, P_θ) = ln 2 for every θ ≠ 0 (the supports are disjoint parallel lines).
 */
export const parallelLines: Generator = (rng, {n, theta}) => {
  const data = new Float64Array(2 * n)
  for (let i = 0; i < n; i++) {
    data[2 * i] = theta
    data[2 * i + 1] = rng.uniform()
  }
  return makeSampleSet(data, n, 2, ['x', 'z'], 'gen:parallel-lines')
}

/** N(shift·e₀, scale²·I_dim): the Gaussian-shift case whose JSD and W1 have closed forms in 1-D. */
export const gaussians: Generator = (rng, {n, dim, shift, scale}) => {
  const data = new Float64Array(n * dim)
  for (let i = 0; i < n; i++)
    for (let k = 0; k < dim; k++) data[i * dim + k] = scale * rng.normal() + (k === 0 ? shift : 0)
  return makeSampleSet(
    data,
    n,
    dim,
    Array.from({length: dim}, (_, k) => `x${k}`),
    'gen:gaussians',
  )
}

/**
 * The unit circle in the xy-plane of R³, rotated by `tilt` degrees about the x-axis and moved by `offset` along z:
 * a 1-dimensional manifold in R³ (Lui et al. 2017 §3: two such circles with different tilts meet in at most two
 * points, a set of measure zero, so their supports do not positively align).
 */
export const circle: Generator = (rng, {n, tilt, offset}) => {
  const t = (tilt * Math.PI) / 180
  const data = new Float64Array(3 * n)
  for (let i = 0; i < n; i++) {
    const a = 2 * Math.PI * rng.uniform()
    const x = Math.cos(a),
      y = Math.sin(a)
    data[3 * i] = x
    data[3 * i + 1] = y * Math.cos(t)
    data[3 * i + 2] = y * Math.sin(t) + offset
  }
  return makeSampleSet(data, n, 3, ['x', 'y', 'z'], 'gen:circle')
}

/**
 * A mixture of `modes` Gaussians (std `spread`) centred on the unit circle in R², the usual mode-collapse test;
 * `drop` removes the last modes, so recall and coverage against the full ring fall to about (modes−drop)/modes.
 */
export const ring: Generator = (rng, {n, modes, drop, spread}) => {
  if (!(modes >= 1)) throw new OptionError('modes', modes, `must be at least 1`)
  if (drop < 0 || drop >= modes)
    throw new OptionError('drop', drop, `must be between 0 and ${modes - 1} (fewer than ${opt('modes')} ${modes})`)
  const kept = modes - drop
  const data = new Float64Array(2 * n)
  for (let i = 0; i < n; i++) {
    const m = rng.int(kept)
    const a = (2 * Math.PI * m) / modes
    data[2 * i] = Math.cos(a) + spread * rng.normal()
    data[2 * i + 1] = Math.sin(a) + spread * rng.normal()
  }
  return makeSampleSet(data, n, 2, ['x', 'y'], 'gen:ring')
}

/** The swiss roll: t ~ U[1.5π, 4.5π], (t cos t, 21·U, t sin t) + noise — a 2-dimensional manifold in R³. */
export const swissRoll: Generator = (rng, {n, noise}) => {
  const data = new Float64Array(3 * n)
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform())
    data[3 * i] = t * Math.cos(t) + noise * rng.normal()
    data[3 * i + 1] = 21 * rng.uniform() + noise * rng.normal()
    data[3 * i + 2] = t * Math.sin(t) + noise * rng.normal()
  }
  return makeSampleSet(data, n, 3, ['x', 'y', 'z'], 'gen:swiss-roll')
}

/** The generators by their command-line names. */
export const GENERATORS: Record<string, Generator> = {
  'parallel-lines': parallelLines,
  gaussians,
  circle,
  ring,
  'swiss-roll': swissRoll,
}

/** Draws `name` with the given parameters; unknown names, bad sizes and negative standard deviations are input errors. */
export function generate(name: string, rng: Rng, params: GenParams): SampleSet {
  const g = GENERATORS[name]
  if (!g) throw new InputError(`unknown distribution '${name}'; choose one of: ${Object.keys(GENERATORS).join(', ')}`)
  if (!Number.isInteger(params.n) || params.n < 1) throw new OptionError('n', params.n, `must be a whole number ≥ 1`)
  if (!Number.isInteger(params.dim) || params.dim < 1)
    throw new OptionError('dim', params.dim, `must be a whole number ≥ 1`)
  for (const [k, v] of Object.entries(params))
    if (!Number.isFinite(v)) throw new OptionError(k as keyof GenParams, v, 'must be a finite number')
  // Standard deviations: a negative one would silently act as its absolute value (the normal draw is symmetric).
  for (const k of ['scale', 'spread', 'noise'] as const)
    if (params[k] < 0) throw new OptionError(k, params[k], `is a standard deviation and must be ≥ 0, got ${params[k]}`)
  return g(rng, params)
}
