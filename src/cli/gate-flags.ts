import {Flags} from '@oclif/core'
import {DRIFT_BOOTSTRAP} from '../core/drift/index.js'
import {InputError} from '../core/errors.js'
import {W1_BOOTSTRAP} from '../core/twosample/index.js'
import type {GateSpec} from '../report/gates.js'
import {numberFlag} from './parse.js'

/** The commands that have CI gates. */
export type GateCommand = 'compare' | 'test' | 'drift' | 'fidelity'

/**
 * One CI gate: the number it reads (`name`, also its row and JSON name), its flag, whether the number must stay at
 * most (`max`) or at least (`min`) the threshold, the part of the command that computes the number (a gate whose part
 * failed is not evaluated: exit 2), the commands that have it, and its help. `range` refuses thresholds a gate could
 * never fail on (a share is in [0, 1]; the others are ≥ 0); without it any finite number is taken.
 */
interface GateRow {
  name: string
  flag: string
  kind: 'max' | 'min'
  part: string
  commands: readonly GateCommand[]
  description: string
  range?: 'share' | 'nonnegative'
}

/**
 * Every gate, spelled once: the flags, their parsing and the part each needs are built from this table. The order is
 * each command's help order. A new gate is a row here and its value in the command's report (docs/architecture.md).
 */
export const GATES = [
  {
    name: 'w1',
    flag: 'max-w1',
    kind: 'max',
    part: 'w1',
    commands: ['compare'],
    description: 'fail (exit 1) if W1 exceeds this (the certified upper bound is compared)',
  },
  {
    name: 'w1Ratio',
    flag: 'max-w1-ratio',
    kind: 'max',
    part: 'w1',
    commands: ['compare'],
    description: 'fail if W1 / its median over relabellings of P ∪ Q (no difference) exceeds this',
  },
  {
    name: 'w1Upper',
    flag: 'max-w1-upper',
    kind: 'max',
    part: 'w1',
    commands: ['compare'],
    description: `fail if W1's 95 % bootstrap interval ends above this (--w1-bootstrap, ${W1_BOOTSTRAP} resamples)`,
  },
  {
    name: 'jsd',
    flag: 'max-jsd',
    kind: 'max',
    part: 'jsd',
    commands: ['compare'],
    description: 'fail if JSD exceeds this (nats; bits with --base 2)',
  },
  {
    name: 'jsdUpper',
    flag: 'max-jsd-upper',
    kind: 'max',
    part: 'jsd',
    commands: ['compare'],
    description: "fail if the JSD's 95 % bootstrap interval ends above this (kde/noisy)",
  },
  {
    name: 'bound',
    flag: 'max-bound',
    kind: 'max',
    part: 'bound',
    commands: ['compare'],
    description: 'fail if the Thm 3.3 bound exceeds this',
  },
  {
    name: 'qOnP',
    flag: 'min-aligned',
    kind: 'min',
    part: 'align',
    commands: ['compare'],
    description: "fail if the fraction of Q on P's manifold (qOnP) is below this",
  },
  {
    name: 'precision',
    flag: 'min-precision',
    kind: 'min',
    part: 'align',
    commands: ['compare'],
    description: 'fail if precision is below this',
  },
  {
    name: 'recall',
    flag: 'min-recall',
    kind: 'min',
    part: 'align',
    commands: ['compare'],
    description: 'fail if recall is below this',
  },
  {
    name: 'coverage',
    flag: 'min-coverage',
    kind: 'min',
    part: 'align',
    commands: ['compare'],
    description: 'fail if coverage is below this',
  },
  {
    name: 'fd',
    flag: 'max-fd',
    kind: 'max',
    part: 'fidelity',
    commands: ['compare'],
    description: 'fail if FD (FID) exceeds this',
  },
  {
    name: 'kid',
    flag: 'max-kid',
    kind: 'max',
    part: 'fidelity',
    commands: ['compare'],
    description: 'fail if the KID mean exceeds this',
  },
  {
    name: 'pValue',
    flag: 'min-p-value',
    kind: 'min',
    part: 'test',
    commands: ['compare', 'test'],
    description: 'fail if a permutation test of P = Q gives p below this (e.g. 0.01); sees what W1 misses in high d',
  },
  {
    name: 'driftShare',
    flag: 'max-drift-share',
    kind: 'max',
    part: 'columns',
    commands: ['drift'],
    range: 'share',
    description:
      'fail (exit 1) if the share of drifted columns exceeds this (0 to 1; a column emptied in Q counts as drifted)',
  },
  {
    name: 'maxColumnW1Normed',
    flag: 'max-column-w1-normed',
    kind: 'max',
    part: 'columns',
    commands: ['drift'],
    range: 'nonnegative',
    description: "fail if any numeric column's W1 / std(P) exceeds this",
  },
  {
    name: 'maxPsi',
    flag: 'max-psi',
    kind: 'max',
    part: 'columns',
    commands: ['drift'],
    range: 'nonnegative',
    description: "fail if any numeric column's PSI exceeds this",
  },
  {
    name: 'maxColumnW1NormedUpper',
    flag: 'max-column-w1-normed-upper',
    kind: 'max',
    part: 'columns',
    commands: ['drift'],
    range: 'nonnegative',
    description: `fail if any numeric column's 95 % bootstrap interval of W1 / std(P) ends above this (--bootstrap, ${DRIFT_BOOTSTRAP} resamples)`,
  },
  {
    name: 'maxPsiUpper',
    flag: 'max-psi-upper',
    kind: 'max',
    part: 'columns',
    commands: ['drift'],
    range: 'nonnegative',
    description: "fail if any numeric column's 95 % bootstrap interval of PSI ends above this",
  },
  {
    name: 'fd',
    flag: 'max-fd',
    kind: 'max',
    part: 'fd',
    commands: ['fidelity'],
    description: 'fail (exit 1) if FD exceeds this',
  },
  {
    name: 'kid',
    flag: 'max-kid',
    kind: 'max',
    part: 'kid',
    commands: ['fidelity'],
    description: 'fail if the KID mean exceeds this',
  },
  {
    name: 'precision',
    flag: 'min-precision',
    kind: 'min',
    part: 'prdc',
    commands: ['fidelity'],
    description: 'fail if precision is below this',
  },
  {
    name: 'recall',
    flag: 'min-recall',
    kind: 'min',
    part: 'prdc',
    commands: ['fidelity'],
    description: 'fail if recall is below this',
  },
  {
    name: 'density',
    flag: 'min-density',
    kind: 'min',
    part: 'prdc',
    commands: ['fidelity'],
    description: 'fail if density is below this',
  },
  {
    name: 'coverage',
    flag: 'min-coverage',
    kind: 'min',
    part: 'prdc',
    commands: ['fidelity'],
    description: 'fail if coverage is below this',
  },
] as const satisfies readonly GateRow[]

type Row = (typeof GATES)[number]
/** The rows of command C. */
type RowOf<C extends GateCommand> = Row extends infer R
  ? R extends {commands: readonly (infer X)[]}
    ? C extends X
      ? R
      : never
    : never
  : never
/** The gate flags of command C. */
export type GateFlagOf<C extends GateCommand> = RowOf<C>['flag']

const gateFlag = (description: string) => Flags.string({description, helpGroup: 'GATES'})

const rowsOf = (command: GateCommand): readonly GateRow[] =>
  (GATES as readonly GateRow[]).filter((g) => g.commands.includes(command))

/** The gate flags of `command`, in the table's order (threshold text, parsed by `gateSpecs`). */
export function gateFlags<C extends GateCommand>(command: C): Record<GateFlagOf<C>, ReturnType<typeof gateFlag>> {
  return Object.fromEntries(rowsOf(command).map((g) => [g.flag, gateFlag(g.description)])) as Record<
    GateFlagOf<C>,
    ReturnType<typeof gateFlag>
  >
}

/** The gates of `command` the user asked for, thresholds parsed strictly and refused outside their range. */
export function gateSpecs<C extends GateCommand, P extends string = RowOf<C>['part']>(
  command: C,
  flags: Partial<Record<GateFlagOf<C>, string>>,
): GateSpec<P>[] {
  const specs: GateSpec<P>[] = []
  for (const g of rowsOf(command)) {
    const raw = (flags as Record<string, string | undefined>)[g.flag]
    if (raw === undefined) continue
    const threshold = numberFlag(g.flag, raw)
    if (g.range === 'share' && !(threshold >= 0 && threshold <= 1))
      throw new InputError(`--${g.flag} must be between 0 and 1 (a share of the columns), got ${raw}`)
    if (g.range === 'nonnegative' && !(threshold >= 0)) throw new InputError(`--${g.flag} must be ≥ 0, got ${raw}`)
    specs.push({name: g.name, kind: g.kind, part: g.part as P, threshold})
  }
  return specs
}
