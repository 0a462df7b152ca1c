import {type CompareOptions, DEFAULT_PARTS, PARTS, type Part} from '../core/compare.js'
import {DEFAULT_BINS, decisionRule} from '../core/drift/index.js'
import {InputError} from '../core/errors.js'
import type {JsdMethod} from '../core/jsd/index.js'
import {DEFAULT_CORRECTION, parseCorrection} from '../core/stats/multiple-testing.js'
import {W1_BOOTSTRAP} from '../core/twosample/index.js'
import type {CompareAsked} from '../report/compare.js'
import {alignOptionsFrom} from './align-flags.js'
import {boundOptionsFrom} from './bound-flags.js'
import {type GateFlagOf, gateSpecs} from './gate-flags.js'
import {jsdOptionsFrom, noiseOptionsFrom} from './jsd-flags.js'
import {choicesFlag, countFlag} from './parse.js'
import {parseTests, permutationCounts} from './test-flags.js'
import {w1OptionsFrom} from './w1-flags.js'

type CompareFlagValues = Parameters<typeof alignOptionsFrom>[0] &
  Partial<Record<GateFlagOf<'compare'>, string>> &
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
  const gates = gateSpecs('compare', flags)
  // --min-p-value asks for the permutation tests: without --only, the test part is added for it.
  if (flags.only === undefined && gates.some((g) => g.part === 'test')) parts.add('test')
  // --max-fd and --max-kid ask for the fidelity part at any d in the same way.
  if (flags.only === undefined && gates.some((g) => g.part === 'fidelity')) parts.add('fidelity')
  for (const s of gates)
    if (!parts.has(s.part))
      throw new InputError(`the gate on ${s.name} needs the ${s.part} part, which --only leaves out`)
  const bound = boundOptionsFrom(flags)
  const counts = permutationCounts(flags)
  const baseline = flags.baseline || flags['max-w1-ratio'] !== undefined
  // The interval gates ask for their intervals: W1's at W1_BOOTSTRAP resamples, the JSD's (--bootstrap 0) likewise.
  const wantsGate = (name: string) => gates.some((g) => g.name === name)
  const w1Bootstrap =
    countFlag('w1-bootstrap', flags['w1-bootstrap']) ?? (wantsGate('w1Upper') ? W1_BOOTSTRAP : undefined)
  if (w1Bootstrap === 1) throw new InputError(`--w1-bootstrap needs at least 2 resamples for an interval, got 1`)
  const jsd = jsdOptionsFrom(flags)
  if (wantsGate('jsdUpper') && !jsd.bootstrap) jsd.bootstrap = W1_BOOTSTRAP
  const w1 = w1OptionsFrom(flags, flags['w1-method'])
  return {
    asked: {parts, gates, topColumns: flags['top-columns'], power: flags.p === '2' ? 2 : 1, plot: flags.plot},
    options: {
      parts,
      baseline,
      seed: flags.seed,
      w1BaselinePermutations: counts.w1Permutations,
      w1Bootstrap,
      columns: {
        bins: DEFAULT_BINS,
        rule: decisionRule(),
        correction: parseCorrection(flags.correction ?? DEFAULT_CORRECTION),
      },
      // --memory bounds the tests' pooled matrix as in `divergence test` (beyond it, the blocked estimator).
      test: {tests: parseTests(flags.tests, ['energy']), ...counts, memory: w1.memory},
      w1,
      jsd: {
        method: flags['jsd-method'] as JsdMethod | undefined,
        ...jsd,
        ...noiseOptionsFrom(flags),
      },
      bound,
      align: alignOptionsFrom({...flags, baseline}),
    },
  }
}

/** The parts to compute: all by default, else the comma-separated --only list. */
export function parseParts(only: string | undefined): Set<Part> {
  return new Set(only ? choicesFlag('only', only, PARTS, 'part') : DEFAULT_PARTS)
}
