import {randomHalves} from './baseline.js'
import {InputError} from './errors.js'
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
  /** Compute W1 between two random halves of P too (for `--max-w1-ratio`). */
  baseline: boolean
  seed: number
  onProgress?: (phase: string) => ((done: number, total: number) => void) | undefined
}

export interface CompareResult {
  diameter: {value: number; exact: boolean}
  w1?: W1Result
  baseline?: {w1: W1Result}
  timing: Record<string, number>
}

/**
 * The main job: every requested part on one pair of SampleSets, sharing what can be shared (one diameter for
 * Sinkhorn's ε scale and the bound's C; the sets are read and standardised once by the caller).
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
  if (opts.parts.has('w1')) {
    result.w1 = await clock('w1', () => computeW1(p, q, {...opts.w1, onProgress: opts.onProgress?.('W1')}))
    if (opts.baseline) {
      const [h1, h2] = randomHalves(p, createRng(opts.seed).fork())
      result.baseline = {w1: await clock('baseline', () => computeW1(h1, h2, opts.w1))}
    }
  }
  return result
}
