import {Flags} from '@oclif/core'
import {ALIGN_DEFAULTS, type AlignOptions, type AlignThresholds, DEFAULT_THRESHOLDS} from '../core/align/index.js'
import {numberFlag} from './parse.js'

/**
 * The alignment flags, shared by `align` and `compare` (same names in both). Threshold flags have no oclif default
 * so that the report can say whether the thresholds came from the defaults, the flags, or --baseline.
 */
export const alignFlags = {
  'k-precision': Flags.integer({
    description: 'k of precision/recall (Kynkäänniemi et al. 2019)',
    default: ALIGN_DEFAULTS.kPrecisionRecall,
    min: 1,
    helpGroup: 'ALIGN',
  }),
  'k-density': Flags.integer({
    description: 'k of density/coverage (Naeem et al. 2020)',
    default: ALIGN_DEFAULTS.kDensityCoverage,
    min: 1,
    helpGroup: 'ALIGN',
  }),
  'k-mle': Flags.integer({
    description: 'neighbours of the MLE intrinsic dimension (Levina & Bickel)',
    default: ALIGN_DEFAULTS.kMle,
    min: 3,
    helpGroup: 'ALIGN',
  }),
  neighbourhood: Flags.integer({
    description: '[default: max(2k̂+2, 20)] local-PCA neighbourhood size K',
    min: 2,
    helpGroup: 'ALIGN',
  }),
  quantile: Flags.string({
    description: "quantile of P's own leave-one-out residuals that sets the on-manifold threshold τ",
    default: String(ALIGN_DEFAULTS.quantile),
    helpGroup: 'ALIGN',
  }),
  'manifold-sample': Flags.integer({
    description: 'at most this many points of each set enter the local-PCA test (seeded subsample)',
    default: ALIGN_DEFAULTS.manifoldSample,
    min: 10,
    helpGroup: 'ALIGN',
  }),
  'aligned-min': Flags.string({
    description: `[default: ${DEFAULT_THRESHOLDS.alignedMin}] verdict: Q on P's manifold at least this ⇒ may be aligned; P on Q's below it ⇒ mode dropping`,
    helpGroup: 'ALIGN',
  }),
  'coverage-min': Flags.string({
    description: `[default: ${DEFAULT_THRESHOLDS.coverageMin}] mode-dropping finding (not the verdict): coverage below this`,
    helpGroup: 'ALIGN',
  }),
  'misaligned-max': Flags.string({
    description: `[default: ${DEFAULT_THRESHOLDS.misalignedMax}] verdict: qOnP, or both precision and coverage, below this ⇒ misaligned`,
    helpGroup: 'ALIGN',
  }),
  'dim-tolerance': Flags.string({
    description: `[default: ${DEFAULT_THRESHOLDS.dimTolerance}] verdict: dimensions differ when |d_P − d_Q| > max(0.5, this × √(se_P² + se_Q²)), se the TwoNN standard errors`,
    helpGroup: 'ALIGN',
  }),
  baseline: Flags.boolean({
    description: `calibrate --aligned-min and --coverage-min on two random halves of P (their values − ${ALIGN_DEFAULTS.baselineMargin}), and the dimension gap allowed (twice the halves' gap)`,
    default: false,
    helpGroup: 'ALIGN',
  }),
}

type AlignFlagValues = {
  'k-precision': number
  'k-density': number
  'k-mle': number
  neighbourhood?: number
  quantile: string
  'manifold-sample': number
  'aligned-min'?: string
  'coverage-min'?: string
  'misaligned-max'?: string
  'dim-tolerance'?: string
  baseline: boolean
  seed: number
}

/** AlignOptions from parsed alignment flags (numbers parsed strictly). */
export function alignOptionsFrom(flags: AlignFlagValues): AlignOptions {
  const thresholds: Partial<AlignThresholds> = {}
  const set = (key: keyof AlignThresholds, flag: keyof AlignFlagValues) => {
    const v = flags[flag]
    if (typeof v === 'string') thresholds[key] = numberFlag(flag, v)
  }
  set('alignedMin', 'aligned-min')
  set('coverageMin', 'coverage-min')
  set('misalignedMax', 'misaligned-max')
  set('dimTolerance', 'dim-tolerance')
  return {
    kPrecisionRecall: flags['k-precision'],
    kDensityCoverage: flags['k-density'],
    kMle: flags['k-mle'],
    neighbourhood: flags.neighbourhood,
    quantile: numberFlag('quantile', flags.quantile),
    manifoldSample: flags['manifold-sample'],
    thresholds,
    baseline: flags.baseline,
    seed: flags.seed,
  }
}
