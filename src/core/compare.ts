import {type AlignOptions, type AlignResult, computeAlignment, selfGraphK} from './align/index.js'
import {type BoundOptions, type BoundResult, computeBound} from './bound/index.js'
import {
  computeDrift,
  DEFAULT_BINS,
  type DriftOptions,
  type DriftResult,
  decisionRule,
  sampleSetColumns,
} from './drift/index.js'
import {InputError, OptionError, opt} from './errors.js'
import {computeFidelity, FIDELITY_DEFAULTS, type FidelityResult} from './fidelity/index.js'
import {defaultJsdMethod} from './jsd/defaults.js'
import {computeJsd, JSD_DEFAULTS, type JsdOptions, type JsdResult} from './jsd/index.js'

export {defaultJsdMethod, KDE_MAX_DIM} from './jsd/defaults.js'

import {diameter} from './ot/diameter.js'
import {computeW1, type W1Options, type W1Result} from './ot/w1.js'
import type {SampleSet} from './sampleset.js'
import {type SharedGraphs, sharedSelfGraphs} from './shared-graphs.js'
import {
  INTERVAL_LEVEL,
  type IntervalOutcome,
  type TestName,
  type TwoSampleResult,
  twoSampleTests,
  W1_BASELINE_PERMUTATIONS,
  type W1Null,
  w1BootstrapInterval,
  w1PermutationNull,
} from './twosample/index.js'

/** The parts `compare` can compute (`--only`). */
export const PARTS = ['w1', 'jsd', 'bound', 'align', 'columns', 'test', 'fidelity'] as const
export type Part = (typeof PARTS)[number]
/** The parts computed when `--only` is not given: all but the permutation tests (asked for by name or by their gate). */
export const DEFAULT_PARTS: readonly Part[] = ['w1', 'jsd', 'bound', 'align', 'columns']

/**
 * From this many columns the default parts include `fidelity` (FD and KID, src/core/fidelity): the sets are then
 * feature embeddings, where these are the usual language — pytorch-fid's Inception features come in 192, 768 and
 * 2048 dimensions, CLIP's in 512, DINOv2's in 768 and 1024 — while below it columns are usually tabular features
 * (and compare's own 10k × 64 benchmark, bench/compare-10k.mjs, keeps its parts). Precision, recall and coverage are
 * already the align part's; `--only fidelity` asks for the part at any d.
 */
export const FIDELITY_MIN_D = 128

/** The default parts for sets with d columns: DEFAULT_PARTS, plus `fidelity` from FIDELITY_MIN_D on. */
export function defaultPartsFor(d: number): Part[] {
  return d >= FIDELITY_MIN_D ? [...DEFAULT_PARTS, 'fidelity'] : [...DEFAULT_PARTS]
}

/** The options of `compareSets`; the one `seed` is every part's (the parts' own options carry none). */
export interface CompareOptions {
  parts: Set<Part>
  w1: Omit<W1Options, 'seed'>
  /** JSD options; `method` undefined ⇒ chosen by `defaultJsdMethod`. */
  jsd: Omit<JsdOptions, 'method' | 'seed'> & {method?: JsdOptions['method']}
  bound: Omit<BoundOptions, 'w1' | 'seed'>
  align: Omit<AlignOptions, 'seed'>
  /** The `columns` part (per-column drift, src/core/drift); default bins and decision when absent. */
  columns?: Omit<DriftOptions, 'onProgress'>
  /** The `test` part (src/core/twosample): which permutation tests, and how many relabellings. */
  test?: {tests: TestName[]; permutations: number; w1Permutations?: number; memory?: number}
  /** The `fidelity` part's KID subsets (FIDELITY_DEFAULTS when absent). */
  fidelity?: {kidSubsets: number; kidSubsetSize: number}
  /**
   * Real-vs-real baselines: W1's is its permutation null at the sizes of P and Q (`w1Permutations` relabellings,
   * default W1_BASELINE_PERMUTATIONS); the JSD's and the alignment thresholds' are two random halves of P.
   */
  baseline: boolean
  w1BaselinePermutations?: number
  /** Bootstrap resamples for W1's percentile interval (src/core/twosample/w1-interval.ts); none when absent. */
  w1Bootstrap?: number
  seed: number
  onProgress?: (phase: string) => ((done: number, total: number) => void) | undefined
}

export interface CompareResult {
  diameter: {value: number; exact: boolean}
  w1?: W1Result
  jsd?: JsdResult
  /** Why this JSD method was used (chosen for the dimension, or asked for). */
  jsdMethodReason?: string
  bound?: BoundResult
  align?: AlignResult
  columns?: DriftResult
  /**
   * W1 under no difference: its permutation null at (n, m), where W1(P, Q) falls in it, and the ratio W1(P, Q) / the
   * null's median (what --max-w1-ratio gates), null when that median is 0 (P ∪ Q repeats one point: no scale to
   * divide by).
   */
  baseline?: {w1: W1Null; ratio: number | null}
  /** W1's bootstrap interval (asked for with `w1Bootstrap`), or why it was not computed. */
  w1Interval?: IntervalOutcome
  /** The JSD's bootstrap interval (its `bootstrap` replicates, src/core/jsd), or why it cannot back a gate. */
  jsdInterval?: IntervalOutcome
  test?: TwoSampleResult
  /** FD and KID (src/core/fidelity) of Q against P. */
  fidelity?: FidelityResult
  /**
   * Parts that could not be computed on these data, with the reason (the other parts are still reported); options
   * are mentioned by key (opt), for the command to name them by its flags.
   */
  errors: Partial<Record<Part, string>>
  timing: Record<string, number>
}

/**
 * The main job: every requested part on one pair of SampleSets. Shared work: the sets are read and standardised
 * once (by the caller), one diameter is computed here for the report, and the bound reuses this W1 (exact, or the
 * certified Sinkhorn upper bound) instead of solving it again.
 */
export async function compareSets(p: SampleSet, q: SampleSet, options: CompareOptions): Promise<CompareResult> {
  const {seed} = options
  const opts = {
    ...options,
    w1: {...options.w1, seed},
    jsd: {...options.jsd, seed},
    bound: {...options.bound, seed},
    align: {...options.align, seed},
  }
  const timing: Record<string, number> = {}
  const clock = async <T>(phase: string, f: () => Promise<T> | T): Promise<T> => {
    const t = performance.now()
    const out = await f()
    timing[phase] = (performance.now() - t) / 1000
    return out
  }
  const result: CompareResult = {diameter: await clock('diameter', () => diameter(p, q)), errors: {}, timing}
  // A part that cannot be computed on these data (an InputError: e.g. V overflows at 1e200, TwoNN is undefined on a
  // grid of ids) is recorded with its reason and does not sink the others. Anything else is a bug.
  const attempt = async (part: Part, phase: string, f: () => Promise<void>): Promise<void> => {
    try {
      await clock(phase, f)
    } catch (error) {
      if (!(error instanceof InputError) || error instanceof OptionError) throw error
      result.errors[part] = error.message
    }
  }
  const needW1 = opts.parts.has('w1') || (opts.parts.has('bound') && (opts.w1.p ?? 1) === 1)
  if (needW1) {
    await attempt('w1', 'w1', async () => {
      result.w1 = await computeW1(p, q, {...opts.w1, timing, onProgress: opts.onProgress?.('W1')})
    })
    const observed = result.w1
    if (observed && opts.w1Bootstrap !== undefined && opts.parts.has('w1')) {
      const resamples = opts.w1Bootstrap
      await clock('w1Interval', async () => {
        try {
          result.w1Interval = await w1BootstrapInterval(p, q, observed, {
            resamples,
            seed: opts.seed,
            w1: opts.w1,
            onProgress: opts.onProgress?.('W1 bootstrap'),
          })
        } catch (error) {
          if (!(error instanceof InputError) || error instanceof OptionError) throw error
          result.w1Interval = {skipped: error.message}
        }
      })
    }
    if (observed && opts.baseline && opts.parts.has('w1')) {
      await attempt('w1', 'baseline', async () => {
        const w1 = await w1PermutationNull(p, q, observed, {
          permutations: opts.w1BaselinePermutations ?? W1_BASELINE_PERMUTATIONS,
          seed,
          w1: opts.w1,
          onProgress: opts.onProgress?.('W1 baseline'),
        })
        result.baseline = {w1, ratio: w1.median > 0 ? observed.value / w1.median : null}
      })
    }
  }
  if (opts.parts.has('test')) {
    const t = opts.test ?? {tests: ['energy'], permutations: 999}
    await attempt('test', 'test', async () => {
      result.test = await twoSampleTests(p, q, {...t, seed, w1: opts.w1, onProgress: opts.onProgress})
    })
  }
  const chosen = opts.jsd.method
    ? {method: opts.jsd.method, reason: `${opts.jsd.method}: asked for with ${opt('jsd.method')}`}
    : defaultJsdMethod(p.d)
  // The kNN JSD and the alignment check both start from each set's self-excluded kNN graph: build them once.
  let graphs: SharedGraphs | undefined
  if (opts.parts.has('jsd') && chosen.method === 'knn' && opts.parts.has('align')) {
    const k = Math.max(opts.jsd.k ?? JSD_DEFAULTS.k, ...[p.n, q.n].map((n) => graphK(n, opts.align)))
    graphs = await clock('knnGraphs', () => sharedSelfGraphs(p, q, k, opts.onProgress?.('kNN graphs')))
  }
  if (opts.parts.has('jsd')) {
    result.jsdMethodReason = chosen.reason
    await attempt('jsd', 'jsd', async () => {
      result.jsd = await computeJsd(p, q, {
        ...opts.jsd,
        method: chosen.method,
        baseline: opts.baseline,
        graphs: graphs?.scaled,
        onProgress: opts.onProgress?.('JSD'),
      })
      const j = result.jsd
      if (j.ci)
        result.jsdInterval =
          j.method === 'knn'
            ? {
                skipped: `the kNN JSD's bootstrap resamples repeat points, which the estimator sees as near-duplicates (jittered), so its interval is rough; use ${opt('jsd.method')} kde (d ≤ 3) or noisy for an interval a gate can use`,
              }
            : {
                interval: {
                  level: INTERVAL_LEVEL,
                  lower: j.ci[0],
                  upper: j.ci[1],
                  method: 'percentile bootstrap',
                  resamples: j.bootstrap,
                  seed: opts.seed,
                },
              }
    })
  }
  if (opts.parts.has('bound')) {
    // Thm 3.3 is about W1: a W2 (--p 2) is not reused, nor a sliced W1 (only a lower bound); the bound then solves
    // W1 itself (exact, or the certified upper end of a Sinkhorn bracket).
    const w1 = result.w1 && result.w1.method !== 'sliced' && (result.w1.p ?? 1) === 1 ? result.w1 : undefined
    await attempt('bound', 'bound', async () => {
      result.bound = await computeBound(p, q, {...opts.bound, w1, onProgress: opts.onProgress?.('bound')})
    })
  }
  if (opts.parts.has('align')) {
    await attempt('align', 'align', async () => {
      result.align = await computeAlignment(p, q, {
        ...opts.align,
        baseline: opts.baseline || opts.align.baseline,
        graphs: graphs?.input,
        onProgress: opts.onProgress?.('align'),
      })
    })
  }
  if (opts.parts.has('columns')) {
    await attempt('columns', 'columns', async () => {
      result.columns = computeDrift(sampleSetColumns(p, q), opts.columns ?? {bins: DEFAULT_BINS, rule: decisionRule()})
    })
  }
  if (opts.parts.has('fidelity')) {
    const f = opts.fidelity ?? FIDELITY_DEFAULTS
    await attempt('fidelity', 'fidelity', async () => {
      result.fidelity = computeFidelity(
        {points: p},
        {points: q},
        {
          parts: ['fd', 'kid'],
          k: FIDELITY_DEFAULTS.k,
          kidSubsets: f.kidSubsets,
          kidSubsetSize: f.kidSubsetSize,
          seed: opts.seed,
        },
      )
    })
  }
  if (!opts.parts.has('w1')) delete result.errors.w1
  // Nothing computed at all: that is an answer to no question, so the first reason is the error (exit 2).
  const failed = Object.values(result.errors)
  if (failed.length === opts.parts.size) throw new InputError(failed[0]!)
  if (!opts.parts.has('w1')) delete result.w1
  return result
}

/** The alignment check's graph size for n points, or 0 when its options are invalid (it then reports the error). */
function graphK(n: number, align: AlignOptions): number {
  try {
    return selfGraphK(n, align)
  } catch (error) {
    if (error instanceof InputError) return 0
    throw error
  }
}
