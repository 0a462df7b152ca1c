import {computeAlignment, type AlignOptions, type AlignResult} from './align/index.js'
import {randomHalves} from './baseline.js'
import {computeBound, type BoundOptions, type BoundResult} from './bound/index.js'
import {InputError} from './errors.js'
import {computeJsd, type JsdOptions, type JsdResult} from './jsd/index.js'
import {diameter} from './ot/diameter.js'
import {computeW1, type W1Options, type W1Result} from './ot/w1.js'
import type {SampleSet} from './sampleset.js'
import {createRng} from './stats/rng.js'

/** The parts `compare` can compute (`--only`). */
export const PARTS = ['w1', 'jsd', 'bound', 'align'] as const
export type Part = (typeof PARTS)[number]

export interface CompareOptions {
  parts: Set<Part>
  w1: W1Options
  /** JSD options; `method` undefined ⇒ chosen by `defaultJsdMethod`. */
  jsd: Omit<JsdOptions, 'method'> & {method?: JsdOptions['method']}
  bound: Omit<BoundOptions, 'w1'>
  align: AlignOptions
  /** Real-vs-real baselines on two random halves of P (W1 ratio, JSD, alignment thresholds). */
  baseline: boolean
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
  baseline?: {w1: W1Result}
  timing: Record<string, number>
}

/** Largest dimension at which `compare` defaults to the KDE JSD; above it KDE is bandwidth-dominated, so kNN. */
export const KDE_MAX_DIM = 3

/** The JSD estimator `compare` uses when none is asked for: KDE in low dimension, kNN above (DESIGN.md "JSD"). */
export function defaultJsdMethod(d: number): {method: JsdOptions['method']; reason: string} {
  return d <= KDE_MAX_DIM
    ? {method: 'kde', reason: `kde: d = ${d} ≤ ${KDE_MAX_DIM}, where kernel densities are reliable`}
    : {method: 'knn', reason: `knn: d = ${d} > ${KDE_MAX_DIM}, where a KDE would be dominated by its bandwidth`}
}

/**
 * The main job: every requested part on one pair of SampleSets. Shared work: the sets are read and standardised
 * once (by the caller), one diameter is computed here for the report, and the bound reuses this W1 (exact, or the
 * certified Sinkhorn upper bound) instead of solving it again.
 */
export async function compareSets(p: SampleSet, q: SampleSet, opts: CompareOptions): Promise<CompareResult> {
  if (opts.parts.size === 0) throw new InputError('--only names no part; choose from ' + PARTS.join(', '))
  const timing: Record<string, number> = {}
  const clock = async <T>(phase: string, f: () => Promise<T> | T): Promise<T> => {
    const t = performance.now()
    const out = await f()
    timing[phase] = (performance.now() - t) / 1000
    return out
  }
  const result: CompareResult = {diameter: await clock('diameter', () => diameter(p, q)), timing}
  const rng = createRng(opts.seed)
  const needW1 = opts.parts.has('w1') || opts.parts.has('bound')
  if (needW1) {
    result.w1 = await clock('w1', () => computeW1(p, q, {...opts.w1, timing, onProgress: opts.onProgress?.('W1')}))
    if (opts.baseline && opts.parts.has('w1')) {
      const [h1, h2] = randomHalves(p, rng.fork())
      result.baseline = {w1: await clock('baseline', () => computeW1(h1, h2, opts.w1))}
    }
  }
  if (opts.parts.has('jsd')) {
    const chosen = opts.jsd.method ? {method: opts.jsd.method, reason: `${opts.jsd.method}: asked for with --jsd-method`} : defaultJsdMethod(p.d)
    result.jsdMethodReason = chosen.reason
    result.jsd = await clock('jsd', () => computeJsd(p, q, {...opts.jsd, method: chosen.method, baseline: opts.baseline, onProgress: opts.onProgress?.('JSD')}))
  }
  if (opts.parts.has('bound')) {
    // A sliced W1 is only a lower bound: the bound must be checked against an exact value or a certified upper one.
    const w1 = result.w1 && result.w1.method !== 'sliced' ? result.w1 : undefined
    result.bound = await clock('bound', () => computeBound(p, q, {...opts.bound, w1, onProgress: opts.onProgress?.('bound')}))
  }
  if (opts.parts.has('align')) {
    result.align = await clock('align', () => computeAlignment(p, q, {...opts.align, baseline: opts.baseline || opts.align.baseline, onProgress: opts.onProgress?.('align')}))
  }
  if (!opts.parts.has('w1')) delete result.w1
  return result
}
