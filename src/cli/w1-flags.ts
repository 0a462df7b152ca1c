import {Flags} from '@oclif/core'
import {W1_DEFAULTS} from '../core/ot/w1.js'

/** The W1 flags, shared by `w1` and `compare` (same names in both). */
export const w1Flags = {
  gap: Flags.string({description: 'Sinkhorn stops when the certified bracket (upper − lower)/upper is below this', default: String(W1_DEFAULTS.gap), helpGroup: 'W1'}),
  'max-iter': Flags.integer({description: 'Sinkhorn iteration cap (a run that hits it says converged: false)', default: W1_DEFAULTS.maxIter, helpGroup: 'W1'}),
  epsilon: Flags.string({description: "Sinkhorn target ε, relative to the data's diameter (the absolute ε is reported)", default: String(W1_DEFAULTS.epsilon), helpGroup: 'W1'}),
  projections: Flags.integer({description: 'sliced: number of random directions', default: W1_DEFAULTS.projections, helpGroup: 'W1'}),
  p: Flags.string({description: 'ground-cost power: 1 for W1, 2 for W2', options: ['1', '2'], default: '1', helpGroup: 'W1'}),
}

