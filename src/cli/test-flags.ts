import {Flags} from '@oclif/core'
import {
  TEST_NAMES,
  type TestName,
  TWO_SAMPLE_DEFAULTS,
  W1_BASELINE_PERMUTATIONS,
  W1_BOOTSTRAP,
  W1_PERMUTATIONS,
} from '../core/twosample/index.js'
import {choicesFlag, countFlag} from './parse.js'

/**
 * The permutation tests' flags, shared by `test` and `compare` (its `test` part): how many relabellings, which tests.
 * Counts are read as text and parsed here, so 0, 1.5 or 'ten' get one line naming the flag (exit 2).
 */
export const permutationFlags = {
  permutations: Flags.string({
    description: `[default: ${TWO_SAMPLE_DEFAULTS.permutations}] relabellings of P ∪ Q for the energy and MMD tests; the p-value (1 + #{T* ≥ T})/(1 + B) cannot go below 1/(1 + B)`,
    helpGroup: 'TEST',
  }),
  'w1-permutations': Flags.string({
    description: `[default: ${W1_PERMUTATIONS} in test, ${W1_BASELINE_PERMUTATIONS} for compare's W1 baseline] relabellings for the W1 test / W1's "no difference" null; each is a transport solve, refused when the estimate exceeds the time budget`,
    helpGroup: 'TEST',
  }),
}

/**
 * The counts of --permutations and --w1-permutations: the permutations' default when not given, the W1 test's left
 * undefined (its default depends on the command: the test's, or compare's W1 baseline).
 */
export function permutationCounts(flags: {permutations?: string; 'w1-permutations'?: string}): {
  permutations: number
  w1Permutations?: number
} {
  return {
    permutations: countFlag('permutations', flags.permutations, 999) ?? TWO_SAMPLE_DEFAULTS.permutations,
    w1Permutations: countFlag('w1-permutations', flags['w1-permutations']),
  }
}

/** W1's bootstrap interval (compare): how many resamples, each a transport solve. */
export const intervalFlags = {
  'w1-bootstrap': Flags.string({
    description: `[default: ${W1_BOOTSTRAP} with --max-w1-upper] resamples for W1's 95 % percentile bootstrap interval (P and Q resampled with replacement at their sizes; each a transport solve, skipped with the reason when the estimate exceeds the time budget)`,
    helpGroup: 'W1',
  }),
}

/** The tests named by a comma-separated list (--tests), each once. */
export function parseTests(raw: string | undefined, fallback: readonly TestName[]): TestName[] {
  return raw === undefined ? [...fallback] : choicesFlag('tests', raw, TEST_NAMES, 'test')
}
