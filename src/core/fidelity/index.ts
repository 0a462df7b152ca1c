import type {Coverage} from '../align/coverage.js'
import {InputError} from '../errors.js'
import type {SampleSet} from '../sampleset.js'
import {FIDELITY_DEFAULTS, type FidelityPart} from './defaults.js'
import {type FdInfinity, fdInfinity} from './fd-infinity.js'
import {type FrechetDistance, frechetDistance, prepareReference} from './frechet.js'
import {fitGaussian, type GaussianSummary} from './gaussian.js'
import {type KernelDistance, kernelInceptionDistance} from './kid.js'
import {precisionRecallDensityCoverage} from './prdc.js'

export {FIDELITY_DEFAULTS, FIDELITY_PARTS, type FidelityPart} from './defaults.js'
export type {FdInfinity} from './fd-infinity.js'
export type {FrechetDistance} from './frechet.js'
export type {GaussianSummary} from './gaussian.js'
export type {KernelDistance} from './kid.js'

/** One side of `fidelity`: points, or only their Gaussian statistics (a pytorch-fid / clean-fid `.npz`). */
export type FidelityInput = {points: SampleSet; gaussian?: undefined} | {points?: undefined; gaussian: GaussianSummary}

export interface FidelityOptions {
  parts: FidelityPart[]
  kidSubsets: number
  kidSubsetSize: number
  k: number
  seed: number
  onProgress?: (done: number, total: number) => void
}

/** What `fidelity` computed: each part it was asked for, or why it could not be (`unavailable`). */
export interface FidelityResult {
  d: number
  fd?: FrechetDistance & {n: number | null; m: number | null; d: number}
  fdInfinity?: FdInfinity
  kid?: KernelDistance
  prdc?: Coverage & {k: number}
  /** Parts asked for that these inputs cannot give, with the reason (a statistics file has no points). */
  unavailable: Partial<Record<FidelityPart, string>>
  warnings: string[]
  /** Seconds per part. */
  seconds: Partial<Record<FidelityPart | 'moments', number>>
}

/**
 * The fidelity metrics of generated features Q against reference features P: FD (FID on Inception features),
 * FD∞, KID and precision/recall/density/coverage, each from its own file in this folder (formulas and sources there).
 */
export function computeFidelity(p: FidelityInput, q: FidelityInput, opts: FidelityOptions): FidelityResult {
  const dOf = (s: FidelityInput) => (s.points ? s.points.d : s.gaussian.d)
  const d = dOf(p)
  if (dOf(q) !== d)
    throw new InputError(
      `P has ${d} features but Q has ${dOf(q)}; FD, KID and P/R/D/C compare features of one extractor`,
    )
  const result: FidelityResult = {d, unavailable: {}, warnings: [], seconds: {}}
  const want = new Set(opts.parts)
  const timed = <T>(key: FidelityPart | 'moments', work: () => T): T => {
    const t0 = performance.now()
    const out = work()
    result.seconds[key] = (result.seconds[key] ?? 0) + (performance.now() - t0) / 1000
    return out
  }
  const needPoints = (part: FidelityPart, sides: ('P' | 'Q')[]): boolean => {
    const missing = sides.filter((s) => (s === 'P' ? !p.points : !q.points))
    if (missing.length === 0) return true
    result.unavailable[part] =
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} Gaussian statistics (mu, sigma), not points`
    return false
  }
  for (const [name, s] of [
    ['P', p],
    ['Q', q],
  ] as const)
    if (s.points && s.points.n < 2)
      throw new InputError(`${name} (${s.points.source}) has ${s.points.n} point; FD needs at least 2 (a covariance)`)
  if (want.has('fd') || want.has('fd-inf')) {
    const gp = p.gaussian ?? timed('moments', () => fitGaussian(p.points!))
    const ref = timed('fd', () => prepareReference(gp))
    if (want.has('fd')) {
      const gq = q.gaussian ?? timed('moments', () => fitGaussian(q.points!))
      const fd = timed('fd', () => frechetDistance(ref, gq))
      result.fd = {...fd, n: gp.n ?? null, m: gq.n ?? null, d}
      for (const [name, g] of [
        ['P', gp],
        ['Q', gq],
      ] as const)
        if (g.n !== undefined && g.n <= d)
          result.warnings.push(
            `${name} has ${g.n} points in ${d} dimensions (n ≤ d): its covariance is singular (rank ≤ ${g.n - 1}), so FD compares a Gaussian squeezed onto a ${g.n - 1}-dimensional subspace; the value is exact for these fits but far above its large-sample value (FD is biased upward at small n): use more points than features`,
          )
    }
    if (want.has('fd-inf') && needPoints('fd-inf', ['Q']))
      result.fdInfinity = timed('fd-inf', () =>
        fdInfinity(ref, q.points!, FIDELITY_DEFAULTS.fdInfinityFractions, opts.seed),
      )
  }
  if (want.has('kid') && needPoints('kid', ['P', 'Q'])) {
    result.kid = timed('kid', () =>
      kernelInceptionDistance(p.points!, q.points!, {
        subsets: opts.kidSubsets,
        subsetSize: opts.kidSubsetSize,
        seed: opts.seed,
      }),
    )
    if (result.kid.reduced)
      result.warnings.push(
        `KID subsets hold ${result.kid.subsetSize} points, not ${opts.kidSubsetSize}: a set has only that many (as clean-fid does); KID values at different subset sizes are not comparable`,
      )
  }
  if (want.has('prdc') && needPoints('prdc', ['P', 'Q']))
    result.prdc = timed('prdc', () => precisionRecallDensityCoverage(p.points!, q.points!, opts.k, opts.onProgress))
  return result
}
