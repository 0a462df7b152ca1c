import {InputError, opt} from '../errors.js'
import {exactSeconds, sinkhornSeconds} from '../ot/exact-estimate.js'
import {autoExact, computeW1, type W1Options, type W1Result} from '../ot/w1.js'
import {type SampleSet, subset} from '../sampleset.js'
import {createRng} from '../stats/rng.js'
import {ensureAffordable} from '../work-budget.js'
import {permutationPValue, quantile, relabellings} from './permute.js'

/** Default W1 relabellings: each is a full transport solve, so far fewer than the energy test's (p floor 0.01). */
export const W1_PERMUTATIONS = 99
/** Default relabellings behind `compare`'s W1 baseline (its median and 95 % quantile; p floor 0.05). */
export const W1_BASELINE_PERMUTATIONS = 19

/** The permutation null of W1 at the sizes of P and Q, and where the observed W1 falls in it. */
export interface W1Null {
  /** W1 of each relabelled split (n points against m, both drawn from P ∪ Q without replacement). */
  values: number[]
  median: number
  /** 95 % quantile (linear interpolation, numpy's default). */
  q95: number
  /** (1 + #{W1* ≥ W1}) / (1 + K). */
  pValue: number
  pValueFloor: number
  permutations: number
  seed: number
  /** What the null solves were: the W1 method each relabelling used (the observed value's own). */
  method: W1Result['method']
}

/** Estimated seconds of one W1 solve on n × m points in d dimensions, as computeW1 would choose (`auto`). */
export function solveSeconds(n: number, m: number, d: number, opts: W1Options): number {
  if (opts.method === 'sliced' || d === 1 || opts.method === 'exact-1d') return 1e-7 * (n + m) * Math.log2(n + m + 2)
  const exact = opts.method === 'exact' || (opts.method === 'auto' && autoExact(n, m, d, opts.maxIter))
  return exact ? exactSeconds(n, m, d) : sinkhornSeconds(n, m, d, opts.maxIter)
}

/** Refuses K relabelled W1 solves whose estimated time exceeds the work budget (src/core/work-budget.ts). */
export function ensureW1NullAffordable(n: number, m: number, d: number, permutations: number, opts: W1Options): void {
  const each = solveSeconds(n, m, d, opts)
  ensureAffordable(
    `the W1 permutation null (${permutations} transport solves of ${n} × ${m} points in ${d} dimensions)`,
    permutations * each * 1e9,
    `fewer relabellings (${opt('w1Permutations')} ${Math.max(1, Math.floor(permutations / 4))})`,
  )
}

/**
 * The "no difference" reference of W1 at the sizes actually compared: W1 between n and m points drawn without
 * replacement from P ∪ Q, over K seeded relabellings (the permutation null; Ramdas, García Trillos & Cuturi 2017,
 * Entropy 19(2):47, §4, test W1 this way). Two halves of P, the former baseline, are smaller samples, so their W1 —
 * dominated in high dimension by the sampling bias, which grows as the sample shrinks (of order n^(−1/d), Fournier &
 * Guillin 2015) — sat above the n-vs-m statistic it was meant to calibrate. `observed` is W1(P, Q) by the same method.
 */
export async function w1PermutationNull(
  p: SampleSet,
  q: SampleSet,
  observed: W1Result,
  opts: {permutations: number; seed: number; w1: W1Options; onProgress?: (done: number, total: number) => void},
): Promise<W1Null> {
  if (p.weights || q.weights)
    throw new InputError(
      `the W1 permutation null relabels rows, which weighted sets do not allow (a weight is not a draw); leave out ${opt('weights')}`,
    )
  const K = opts.permutations
  ensureW1NullAffordable(p.n, q.n, p.d, K, opts.w1)
  const pooled: SampleSet = {
    n: p.n + q.n,
    d: p.d,
    data: concat(p.data, q.data),
    columns: p.columns,
    source: `${p.source} ∪ ${q.source}`,
  }
  const labels = relabellings(createRng(opts.seed), p.n, q.n, K)
  const values: number[] = []
  for (let b = 1; b <= K; b++) {
    const [pRows, qRows] = split(labels[b], p.n, q.n)
    const w = await computeW1(subset(pooled, pRows), subset(pooled, qRows), {...opts.w1, method: observed.method})
    values.push(w.value)
    opts.onProgress?.(b, K)
  }
  const tol = 1e-12 * Math.max(observed.value, ...values)
  const pValue = permutationPValue(observed.value, values, tol)
  return {
    values,
    median: quantile(values, 0.5),
    q95: quantile(values, 0.95),
    pValue,
    pValueFloor: 1 / (K + 1),
    permutations: K,
    seed: opts.seed,
    method: observed.method,
  }
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** The rows of P* and Q* from the sorted indices of the smaller group (relabellings' convention). */
export function split(group: Uint32Array, n: number, m: number): [Uint32Array, Uint32Array] {
  const N = n + m
  const inGroup = new Uint8Array(N)
  for (const i of group) inGroup[i] = 1
  const rest = new Uint32Array(N - group.length)
  let t = 0
  for (let i = 0; i < N; i++) if (!inGroup[i]) rest[t++] = i
  return n <= m ? [group, rest] : [rest, group]
}
