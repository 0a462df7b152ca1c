import {Flags} from '@oclif/core'
import {type BoundOptions, DEFAULT_SWEEP_POINTS} from '../core/bound/index.js'
import {InputError} from '../core/errors.js'
import {noiseFlags, noiseOptionsFrom} from './jsd-flags.js'
import {numberFlag} from './parse.js'
import {checkPlotPath} from './plot.js'

/** The Thm 3.3 flags, shared by `bound` and `compare` (same names in both; defaults from core). */
export const boundFlags = {
  ...noiseFlags('BOUND'),
  sweep: Flags.boolean({
    description: 'evaluate the bound on a log grid of σ and report the tightest',
    default: false,
    helpGroup: 'BOUND',
  }),
  'sweep-points': Flags.integer({
    description: 'number of σ values in the sweep',
    default: DEFAULT_SWEEP_POINTS,
    min: 2,
    max: 200,
    helpGroup: 'BOUND',
  }),
  'sigma-min': Flags.string({
    description: "[default: 1e-3 × the data's diameter] smallest σ of the sweep",
    helpGroup: 'BOUND',
  }),
  'sigma-max': Flags.string({description: "[default: the data's diameter] largest σ of the sweep", helpGroup: 'BOUND'}),
  plot: Flags.string({
    description: 'write the σ sweep as an SVG plot to this .svg file (needs --sweep)',
    helpGroup: 'BOUND',
  }),
}

type BoundFlagValues = {
  sigma?: string
  radius?: string
  draws?: number
  sweep: boolean
  'sweep-points': number
  'sigma-min'?: string
  'sigma-max'?: string
  plot?: string
}

/**
 * Bound options from parsed bound flags, with the checks that need no data (so they fail before anything is read):
 * --plot needs --sweep and a writable .svg path; --sigma and --sweep exclude each other. (--radius with --sweep is
 * refused by core for every command alike.)
 */
export function boundOptionsFrom(flags: BoundFlagValues): Omit<BoundOptions, 'seed' | 'w1' | 'onProgress'> {
  if (flags.plot && !flags.sweep) throw new InputError('--plot draws the σ sweep; add --sweep')
  if (flags.sweep && flags.sigma !== undefined)
    throw new InputError('give either --sigma (one σ) or --sweep (a grid), not both')
  if (flags.plot) checkPlotPath(flags.plot)
  return {
    ...noiseOptionsFrom(flags),
    sweep: flags.sweep,
    sweepPoints: flags['sweep-points'],
    sigmaMin: flags['sigma-min'] === undefined ? undefined : numberFlag('sigma-min', flags['sigma-min']),
    sigmaMax: flags['sigma-max'] === undefined ? undefined : numberFlag('sigma-max', flags['sigma-max']),
  }
}
