import {Flags} from '@oclif/core'
import {InputError} from '../core/errors.js'
import {
  TEST_NAMES,
  type TestName,
  TWO_SAMPLE_DEFAULTS,
  W1_BASELINE_PERMUTATIONS,
  W1_BOOTSTRAP,
  W1_PERMUTATIONS,
} from '../core/twosample/index.js'

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

/** W1's bootstrap interval (compare): how many resamples, each a transport solve. */
export const intervalFlags = {
  'w1-bootstrap': Flags.string({
    description: `[default: ${W1_BOOTSTRAP} with --max-w1-upper] resamples for W1's 95 % percentile bootstrap interval (P and Q resampled with replacement at their sizes; each a transport solve, skipped with the reason when the estimate exceeds the time budget)`,
    helpGroup: 'W1',
  }),
}

/** A whole-number count flag ≥ 1, or undefined when not given. */
export function countFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  if (!/^\s*\d+\s*$/.test(raw) || !(Number(raw) >= 1))
    throw new InputError(
      `--${name} must be a whole number ≥ 1 (e.g. ${name === 'permutations' ? 999 : 99}), got '${raw}'`,
    )
  return Number(raw)
}

/** The tests named by a comma-separated list (--tests), each once. */
export function parseTests(raw: string | undefined, fallback: readonly TestName[]): TestName[] {
  if (raw === undefined) return [...fallback]
  const out: TestName[] = []
  for (const t of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(TEST_NAMES as readonly string[]).includes(t))
      throw new InputError(`--tests: unknown test '${t}'; choose from ${TEST_NAMES.join(', ')}`)
    if (!out.includes(t as TestName)) out.push(t as TestName)
  }
  if (out.length === 0) throw new InputError(`--tests names no test; choose from ${TEST_NAMES.join(', ')}`)
  return out
}
