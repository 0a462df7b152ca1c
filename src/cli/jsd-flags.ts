import {Flags} from '@oclif/core'
import {SIGMA_SEARCH_POINTS} from '../core/bound/index.js'
import {InputError} from '../core/errors.js'
import {JSD_DEFAULTS} from '../core/jsd/index.js'
import type {JsdOptions} from '../core/jsd/types.js'
import {numberFlag} from './parse.js'

/** The JSD estimator flags, shared by `jsd` and `compare` (same names in both; defaults from core). */
export const jsdFlags = {
  bandwidth: Flags.string({
    description:
      "kde: 'scott', 'silverman' (× each column's spread, per set) or one width in input units for both sets",
    default: JSD_DEFAULTS.bandwidth,
    helpGroup: 'JSD',
  }),
  k: Flags.integer({char: 'k', description: 'knn: neighbours', default: JSD_DEFAULTS.k, min: 1, helpGroup: 'JSD'}),
  base: Flags.string({
    description: "logarithm base: 'e' (nats) or '2' (bits)",
    options: ['e', '2'],
    default: JSD_DEFAULTS.base,
    helpGroup: 'JSD',
  }),
  bootstrap: Flags.integer({
    description: 'bootstrap replicates for a 95% percentile interval (0: none)',
    default: JSD_DEFAULTS.bootstrap,
    min: 0,
    helpGroup: 'JSD',
  }),
}

/**
 * The noise ε of the noisy JSD and of the Thm 3.3 bound, N(0, σ²I) truncated to ‖ε‖ ≤ R: shared by `jsd`, `bound` and
 * `compare`, shown in the help group of the command's main use.
 */
export function noiseFlags(helpGroup: 'JSD' | 'BOUND') {
  return {
    // The two defaults live in core: the noisy JSD's in core/jsd/default-sigma.ts, the bound's in core/bound (searchSigma).
    sigma: Flags.string({
      description:
        helpGroup === 'BOUND'
          ? `[default: bound: tightest of ${SIGMA_SEARCH_POINTS} on a grid; noisy JSD: median nearest-neighbour distance] noise σ, input units`
          : '[default: median nearest-neighbour distance of P ∪ Q] noise σ in input units (noisy JSD, bound)',
      helpGroup,
    }),
    radius: Flags.string({
      description: '[default: σ × the 0.999 quantile of χ_d] noise truncation radius R in input units, for one σ',
      helpGroup,
    }),
    draws: Flags.integer({
      description: '[default: enough for a standard error ≤ 0.005 nats] Monte Carlo draws per side of the noisy JSD',
      min: 2,
      helpGroup,
    }),
  }
}

type JsdFlagValues = {bandwidth: string; k: number; base: string; bootstrap: number}
type NoiseFlagValues = {sigma?: string; radius?: string; draws?: number}

/**
 * --bandwidth: a rule name, or a positive width in input units. Checked here, on the user's text, because the core
 * sees the width divided by the data's internal scale and would quote that number back instead.
 */
function bandwidthFlag(text: string): JsdOptions['bandwidth'] {
  if (text === 'scott' || text === 'silverman') return text
  const x = Number(text)
  if (text.trim() === '' || !Number.isFinite(x) || !(x > 0))
    throw new InputError(`--bandwidth must be scott, silverman or a positive width in input units, got '${text}'`)
  return x
}

/** JSD options from parsed JSD flags (numbers parsed strictly). */
export function jsdOptionsFrom(flags: JsdFlagValues): Pick<JsdOptions, 'bandwidth' | 'k' | 'base' | 'bootstrap'> {
  const bandwidth = bandwidthFlag(flags.bandwidth)
  return {bandwidth, k: flags.k, base: flags.base === '2' ? 2 : 'e', bootstrap: flags.bootstrap}
}

/** Noise options (σ, R, draws) from parsed noise flags. */
export function noiseOptionsFrom(flags: NoiseFlagValues): {sigma?: number; radius?: number; draws?: number} {
  return {
    sigma: flags.sigma === undefined ? undefined : numberFlag('sigma', flags.sigma),
    radius: flags.radius === undefined ? undefined : numberFlag('radius', flags.radius),
    draws: flags.draws,
  }
}
