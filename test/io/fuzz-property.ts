/**
 * The property both fuzzers check (test/io/fuzz-csv.test.ts, test/io/fuzz-binary.test.ts): a read either gives a
 * valid SampleSet or rejects with the project's InputError carrying a non-empty one-line message, and it does so
 * within a bounded time. Anything else (TypeError, RangeError, a plain Error, a thrown string, a hang) is a reader bug.
 */
import {InputError} from '../../src/core/errors.js'
import type {SampleSet} from '../../src/core/sampleset.js'
import type {ReadResult} from '../../src/io/options.js'

/** Throws (with what is wrong) unless `set` is a well-formed SampleSet: shape, finite values, weights ≥ 0. */
export function assertValidSampleSet(set: SampleSet): void {
  const fail = (why: string) => {
    throw new Error(`invalid SampleSet from ${set.source}: ${why}`)
  }
  if (!Number.isInteger(set.n) || set.n < 1) fail(`n = ${set.n}`)
  if (!Number.isInteger(set.d) || set.d < 1) fail(`d = ${set.d}`)
  if (!(set.data instanceof Float64Array)) fail('data is not a Float64Array')
  if (set.data.length !== set.n * set.d) fail(`data.length ${set.data.length} ≠ ${set.n}×${set.d}`)
  if (set.columns.length !== set.d) fail(`${set.columns.length} column names for d = ${set.d}`)
  for (let i = 0; i < set.data.length; i++) if (!Number.isFinite(set.data[i])) fail(`data[${i}] = ${set.data[i]}`)
  if (set.weights) {
    if (set.weights.length !== set.n) fail(`${set.weights.length} weights for n = ${set.n}`)
    for (let i = 0; i < set.n; i++)
      if (!(Number.isFinite(set.weights[i]) && set.weights[i] >= 0)) fail(`weight ${i} = ${set.weights[i]}`)
  }
}

/** What a read came to: a checked SampleSet, or an InputError with a one-line message. */
export type Outcome = {ok: true; result: ReadResult} | {ok: false; error: InputError}

/**
 * Awaits `read` for at most `ms` and classifies it. Throws (failing the property) on a timeout, on any rejection
 * that is not an InputError, on an InputError whose message is empty or spans lines, and on an invalid SampleSet.
 * A synchronous endless loop inside the reader cannot be interrupted by this timer: vitest's per-test timeout is
 * the backstop for that.
 */
export async function outcomeOf(read: Promise<ReadResult>, what: string, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (hang?)`)), ms)
  })
  try {
    const result = await Promise.race([read, timeout])
    assertValidSampleSet(result.set)
    return {ok: true, result}
  } catch (error) {
    if (!(error instanceof InputError)) {
      const shown =
        error instanceof Error
          ? `${error.name}: ${error.message}\n${error.stack}`
          : `non-Error thrown: ${String(error)}`
      throw new Error(`${what}: expected a SampleSet or an InputError, got ${shown}`)
    }
    if (error.message.trim() === '') throw new Error(`${what}: InputError with an empty message`)
    if (/[\r\n]/.test(error.message))
      throw new Error(`${what}: InputError message spans lines: ${JSON.stringify(error.message)}`)
    return {ok: false, error}
  } finally {
    clearTimeout(timer)
  }
}

/**
 * fast-check options: a fixed seed so CI replays the same cases (a failure prints its seed and path), and
 * numRuns as given. FUZZ_SEED=<n> and FUZZ_SCALE=<factor> explore further locally, e.g.
 * `FUZZ_SEED=$RANDOM FUZZ_SCALE=20 npx vitest run test/io/fuzz`.
 */
export function fuzzRuns(offset: number, numRuns: number): {seed: number; numRuns: number} {
  const seed = Number(process.env.FUZZ_SEED ?? 20261122) + offset
  return {seed, numRuns: Math.max(1, Math.round(numRuns * FUZZ_SCALE))}
}

/** How many times the default number of cases to run (FUZZ_SCALE); test timeouts grow with it. */
export const FUZZ_SCALE = Number(process.env.FUZZ_SCALE ?? 1)
