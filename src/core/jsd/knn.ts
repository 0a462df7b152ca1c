import {InputError, opt} from '../errors.js'
import {type SampleSet, subset} from '../sampleset.js'
import {digamma} from '../stats/gamma.js'
import {type Rng, sampleIndices} from '../stats/rng.js'
import {ensureAffordable, pairWork} from '../work-budget.js'
import {mutualCounts, type SelfGraphs} from './knn-counts.js'
import type {Estimate} from './types.js'

/**
 * Fewest points per set (after subsampling to equal sizes) for which the kNN JSD is trusted. At 50 points a side its
 * per-point standard error is ≈ 0.035 nats in 2-D (bench/RESULTS.md "KDE JSD panel", kNN rows), so a JSD of 0.05
 * cannot be told from 0.
 */
export const KNN_MIN_POINTS = 100

/**
 * kNN JSD as a mutual information (Ross 2014, "Mutual information between discrete and continuous data sets",
 * PLoS ONE 9(2):e87357, eq. 2; docs/estimators.md "kNN JSD"): with L the set label of a pooled point Z,
 *   JSD(P, Q) = I(Z; L) ≈ ψ(N) + ψ(k) − ⟨ψ(N_{L_i})⟩ − ⟨ψ(m_i)⟩,
 * r_i the distance from point i to its k-th nearest neighbour with the same label, m_i the number of pooled points
 * (other than i) within r_i. The label prior is (n/N, m/N), so the larger set is first subsampled (seeded) to the
 * smaller's size — otherwise this measures a skewed JSD. Exact duplicate points (r_i = 0) get seeded jitter of
 * 1e-9 of each column's spread, with a warning. O(N²d): the self-excluded kNN graph of each set (`graphs`, when
 * the caller has them for exactly these rows, e.g. `compare` sharing them with the alignment check) and one pass over
 * the P × Q pairs (`mutualCounts`).
 */
export function knnJsd(
  p: SampleSet,
  q: SampleSet,
  k: number,
  rng: Rng,
  onProgress?: (done: number, total: number) => void,
  graphs?: SelfGraphs,
): Estimate {
  if (!Number.isInteger(k) || k < 1) throw new InputError(`-k must be a positive integer, got ${k}`)
  if (p.weights || q.weights)
    throw new InputError(
      `the kNN JSD cannot use sample weights; use ${opt('jsd.method')} kde or ${opt('jsd.method')} noisy, or drop ${opt('weights')}`,
    )
  const size = Math.min(p.n, q.n)
  if (k >= size)
    throw new InputError(
      `-k ${k} needs more than k points in each set (the smaller has ${size}); use a smaller -k or more points`,
    )
  const warnings: string[] = []
  const ps = p.n > size ? subset(p, sampleIndices(rng, p.n, size)) : p
  const qs = q.n > size ? subset(q, sampleIndices(rng, q.n, size)) : q
  if (p.n !== q.n)
    warnings.push(
      `kNN JSD: the larger set was subsampled to ${size} points (equal sizes, so the estimate is the JSD with weights ½, ½)`,
    )
  const d = p.d
  const N = 2 * size
  // Each of the N pooled points scans all N for its k nearest: N² pairs.
  ensureAffordable(`kNN JSD on ${size} + ${size} points in ${d} dimensions`, pairWork(N * N, d))
  const z = new Float64Array(N * d)
  z.set(ps.data)
  z.set(qs.data, size * d)
  const dupes = countDuplicates(z, N, d)
  if (dupes > 0) {
    jitter(z, N, d, rng)
    warnings.push(
      `kNN JSD: ${dupes} repeated point(s) were separated by seeded jitter of 1e-9 × each column's spread (duplicates make nearest-neighbour distances 0)`,
    )
  }
  // r_i and m_i from the two self-excluded kNN graphs and one pass over the cross pairs: the same counts as scanning
  // all N pooled points for each i (the float32 filter decides a pair only with a proven margin; ./knn-counts.ts).
  const reuse = dupes === 0 && ps === p && qs === q ? graphs : undefined
  const m = mutualCounts(z.subarray(0, size * d), z.subarray(size * d), size, d, k, reuse, onProgress)
  let sumPsiM = 0
  for (let i = 0; i < N; i++) sumPsiM += digamma(m[i])
  const meanPsiM = sumPsiM / N
  let ss = 0
  for (let i = 0; i < N; i++) ss += (digamma(m[i]) - meanPsiM) ** 2
  onProgress?.(N, N)
  const raw = digamma(N) + digamma(k) - digamma(size) - meanPsiM
  // The per-point standard error sd(ψ(m_i))/√N: the spread of the averaged terms (their dependence through shared
  // neighbours is ignored), the uncertainty the [0, ln 2] range check allows (./range-check.ts).
  const stderr = Math.sqrt(ss / (N - 1) / N)
  const unreliable =
    size < KNN_MIN_POINTS
      ? `each set has ${size} points in the kNN estimate, fewer than the ${KNN_MIN_POINTS} it needs to be trusted (its standard error is ${Number(stderr.toPrecision(3))} nats)`
      : undefined
  return {raw, stderr, warnings, ...(unreliable ? {unreliable} : {}), params: {k, n: size, m: size}}
}

function countDuplicates(z: Float64Array, N: number, d: number): number {
  const seen = new Set<string>()
  let dupes = 0
  for (let i = 0; i < N; i++) {
    const key = Array.prototype.join.call(z.subarray(i * d, i * d + d), ',')
    if (seen.has(key)) dupes++
    else seen.add(key)
  }
  return dupes
}

function jitter(z: Float64Array, N: number, d: number, rng: Rng): void {
  for (let c = 0; c < d; c++) {
    let lo = Infinity,
      hi = -Infinity
    for (let i = 0; i < N; i++) {
      lo = Math.min(lo, z[i * d + c])
      hi = Math.max(hi, z[i * d + c])
    }
    const amp = 1e-9 * (hi > lo ? hi - lo : Math.max(Math.abs(hi), 1e-300))
    for (let i = 0; i < N; i++) z[i * d + c] += amp * rng.normal()
  }
}
