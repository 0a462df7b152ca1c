import {type CompareOptions, DEFAULT_PARTS, PARTS, type Part} from '../core/compare.js'
import {DEFAULT_BINS, decisionRule} from '../core/drift/index.js'
import {InputError} from '../core/errors.js'
import type {JsdMethod} from '../core/jsd/index.js'
import {DEFAULT_CORRECTION, parseCorrection} from '../core/stats/multiple-testing.js'
import {W1_BOOTSTRAP} from '../core/twosample/index.js'
import {type CompareAsked, GATE_PART} from '../report/compare.js'
import {alignOptionsFrom} from './align-flags.js'
import {boundOptionsFrom} from './bound-flags.js'
import {gateSpecs} from './gate-flags.js'
import {jsdOptionsFrom, noiseOptionsFrom} from './jsd-flags.js'
import {countFlag, parseTests} from './test-flags.js'
import {w1OptionsFrom} from './w1-flags.js'

type CompareFlagValues = Parameters<typeof alignOptionsFrom>[0] &
  Parameters<typeof gateSpecs>[0] &
  Parameters<typeof boundOptionsFrom>[0] &
  Parameters<typeof jsdOptionsFrom>[0] &
  Parameters<typeof w1OptionsFrom>[0] & {
    only?: string
    baseline: boolean
    'w1-method': string
    'jsd-method'?: string
    'top-columns': number
    seed: number
    'max-w1-ratio'?: string
    tests?: string
    permutations?: string
    'w1-permutations'?: string
    'w1-bootstrap'?: string
    correction?: string
  }

/**
 * What `compare` is asked, from its parsed flags, with every check that needs no data (so a bad flag fails before
 * anything is read): the parts (--only), the gates and the parts they need, and each part's options. --max-w1-ratio
 * implies --baseline.
 */
export function compareRequestFrom(flags: CompareFlagValues): {
  asked: CompareAsked
  options: Omit<CompareOptions, 'onProgress'>
} {
  const parts = parseParts(flags.only)
  const gates = gateSpecs(flags)
  // --min-p-value asks for the permutation tests: without --only, the test part is added for it.
  if (flags.only === undefined && gates.some((g) => GATE_PART[g.name] === 'test')) parts.add('test')
  for (const s of gates)
    if (!parts.has(GATE_PART[s.name]))
      throw new InputError(`the gate on ${s.name} needs the ${GATE_PART[s.name]} part, which --only leaves out`)
  const bound = boundOptionsFrom(flags)
  const baseline = flags.baseline || flags['max-w1-ratio'] !== undefined
  // The interval gates ask for their intervals: W1's at W1_BOOTSTRAP resamples, the JSD's (--bootstrap 0) likewise.
  const wantsGate = (name: string) => gates.some((g) => g.name === name)
  const w1Bootstrap =
    countFlag('w1-bootstrap', flags['w1-bootstrap']) ?? (wantsGate('w1Upper') ? W1_BOOTSTRAP : undefined)
  if (w1Bootstrap === 1) throw new InputError(`--w1-bootstrap needs at least 2 resamples for an interval, got 1`)
  const jsd = jsdOptionsFrom(flags)
  if (wantsGate('jsdUpper') && !jsd.bootstrap) jsd.bootstrap = W1_BOOTSTRAP
  return {
    asked: {parts, gates, topColumns: flags['top-columns'], power: flags.p === '2' ? 2 : 1, plot: flags.plot},
    options: {
      parts,
      baseline,
      seed: flags.seed,
      w1BaselinePermutations: countFlag('w1-permutations', flags['w1-permutations']),
      w1Bootstrap,
      columns: {
        bins: DEFAULT_BINS,
        rule: decisionRule(),
        correction: parseCorrection(flags.correction ?? DEFAULT_CORRECTION),
      },
      test: {
        tests: parseTests(flags.tests, ['energy']),
        permutations: countFlag('permutations', flags.permutations) ?? 999,
        w1Permutations: countFlag('w1-permutations', flags['w1-permutations']),
      },
      w1: w1OptionsFrom(flags, flags['w1-method']),
      jsd: {
        method: flags['jsd-method'] as JsdMethod | undefined,
        ...jsd,
        ...noiseOptionsFrom(flags),
        seed: flags.seed,
      },
      bound: {...bound, seed: flags.seed},
      align: alignOptionsFrom({...flags, baseline}),
    },
  }
}

/** The parts to compute: all by default, else the comma-separated --only list. */
export function parseParts(only: string | undefined): Set<Part> {
  if (!only) return new Set(DEFAULT_PARTS)
  const parts = new Set<Part>()
  for (const raw of only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(PARTS as readonly string[]).includes(raw))
      throw new InputError(`--only: unknown part '${raw}'; choose from ${PARTS.join(', ')}`)
    parts.add(raw as Part)
  }
  if (parts.size === 0) throw new InputError(`--only names no part; choose from ${PARTS.join(', ')}`)
  return parts
}
