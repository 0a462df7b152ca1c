import {Flags} from '@oclif/core'
import {W1_BOOTSTRAP} from '../core/twosample/index.js'
import type {GateSpec} from '../report/gates.js'
import {numberFlag} from './flags.js'

/** The CI gates of `compare`: each becomes a row with threshold, value and pass/fail, and exit code 1 on a failure. */
export const gateFlags = {
  'max-w1': Flags.string({
    description: 'fail (exit 1) if W1 exceeds this (the certified upper bound is compared)',
    helpGroup: 'GATES',
  }),
  'max-w1-ratio': Flags.string({
    description: 'fail if W1 / its median over relabellings of P ∪ Q (no difference) exceeds this',
    helpGroup: 'GATES',
  }),
  'max-w1-upper': Flags.string({
    description: `fail if W1's 95 % bootstrap interval ends above this (--w1-bootstrap, ${W1_BOOTSTRAP} resamples)`,
    helpGroup: 'GATES',
  }),
  'max-jsd': Flags.string({description: 'fail if JSD exceeds this (nats; bits with --base 2)', helpGroup: 'GATES'}),
  'max-jsd-upper': Flags.string({
    description: `fail if the JSD's 95 % bootstrap interval ends above this (kde/noisy)`,
    helpGroup: 'GATES',
  }),
  'max-bound': Flags.string({description: 'fail if the Thm 3.3 bound exceeds this', helpGroup: 'GATES'}),
  'min-aligned': Flags.string({
    description: "fail if the fraction of Q on P's manifold (qOnP) is below this",
    helpGroup: 'GATES',
  }),
  'min-precision': Flags.string({description: 'fail if precision is below this', helpGroup: 'GATES'}),
  'min-recall': Flags.string({description: 'fail if recall is below this', helpGroup: 'GATES'}),
  'min-coverage': Flags.string({description: 'fail if coverage is below this', helpGroup: 'GATES'}),
  'min-p-value': Flags.string({
    description: 'fail if a permutation test of P = Q gives p below this (e.g. 0.01); sees what W1 misses in high d',
    helpGroup: 'GATES',
  }),
}

const GATE_NAMES: [keyof typeof gateFlags, string, 'max' | 'min'][] = [
  ['max-w1', 'w1', 'max'],
  ['max-w1-ratio', 'w1Ratio', 'max'],
  ['max-w1-upper', 'w1Upper', 'max'],
  ['max-jsd', 'jsd', 'max'],
  ['max-jsd-upper', 'jsdUpper', 'max'],
  ['max-bound', 'bound', 'max'],
  ['min-aligned', 'qOnP', 'min'],
  ['min-precision', 'precision', 'min'],
  ['min-recall', 'recall', 'min'],
  ['min-coverage', 'coverage', 'min'],
  ['min-p-value', 'pValue', 'min'],
]

/** The gates the user asked for, with thresholds parsed strictly. */
export function gateSpecs(flags: Partial<Record<keyof typeof gateFlags, string>>): GateSpec[] {
  const specs: GateSpec[] = []
  for (const [flag, name, kind] of GATE_NAMES) {
    const raw = flags[flag]
    if (raw === undefined) continue
    specs.push({name, kind, threshold: numberFlag(flag, raw)})
  }
  return specs
}
