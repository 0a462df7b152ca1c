import {Flags} from '@oclif/core'
import {W1_DEFAULTS, type W1Method, type W1Options} from '../core/ot/w1.js'
import {bytesFlag, numberFlag} from './parse.js'

/** The W1 flags, shared by `w1` and `compare` (same names in both). */
export const w1Flags = {
  gap: Flags.string({
    description: 'Sinkhorn stops when the certified bracket (upper − lower)/upper is below this',
    default: String(W1_DEFAULTS.gap),
    helpGroup: 'W1',
  }),
  'max-iter': Flags.integer({
    description: 'Sinkhorn iteration cap (a run that hits it says converged: false)',
    default: W1_DEFAULTS.maxIter,
    helpGroup: 'W1',
  }),
  epsilon: Flags.string({
    description: "Sinkhorn target ε, relative to the data's diameter (the absolute ε is reported)",
    default: String(W1_DEFAULTS.epsilon),
    helpGroup: 'W1',
  }),
  projections: Flags.integer({
    description: 'sliced: number of random directions',
    default: W1_DEFAULTS.projections,
    helpGroup: 'W1',
  }),
  p: Flags.string({
    description: 'ground-cost power: 1 for W1, 2 for W2',
    options: ['1', '2'],
    default: '1',
    helpGroup: 'W1',
  }),
  memory: Flags.string({
    description:
      '[default: min(1G, a quarter of free memory)] Sinkhorn: bytes the cached f32 cost matrix may use, e.g. 512M, 2G, 0 = never cache',
    helpGroup: 'W1',
  }),
}

type W1FlagValues = {
  gap: string
  'max-iter': number
  epsilon: string
  projections: number
  p: string
  memory?: string
  seed: number
}

/** W1 options from parsed W1 flags and the method (`w1 --method`, `compare --w1-method`), numbers parsed strictly. */
export function w1OptionsFrom(flags: W1FlagValues, method: string): W1Options {
  return {
    memory: bytesFlag('memory', flags.memory),
    method: method as W1Method,
    p: flags.p === '2' ? 2 : 1,
    gap: numberFlag('gap', flags.gap),
    maxIter: flags['max-iter'],
    epsilon: numberFlag('epsilon', flags.epsilon),
    projections: flags.projections,
    seed: flags.seed,
  }
}
