import {permutation, type Rng} from '../stats/rng.js'
import type {PairSums} from './statistics.js'

/**
 * Random relabellings of the pooled points 0..N−1 into a "P" group of n and a "Q" group of m, as the sorted indices
 * of the smaller group (fewer entries to re-sum). Label k = 0 is the observed split; then `count` uniform ones
 * (Fisher–Yates on the seeded generator, so the same seed gives the same relabellings for every test).
 */
export function relabellings(rng: Rng, n: number, m: number, count: number): Uint32Array[] {
  const N = n + m,
    small = Math.min(n, m)
  const observed = new Uint32Array(small)
  for (let i = 0; i < small; i++) observed[i] = n <= m ? i : n + i
  const out: Uint32Array[] = [observed]
  for (let b = 0; b < count; b++) out.push(permutation(rng, N, small).sort())
  return out
}

/**
 * The three pair sums of one relabelling from its within-group sum S_GG = Σ_{i,j ∈ G} M_ij (M symmetric, zero
 * diagonal) and the row sums R of M:
 *   A = Σ_{i ∈ G} R_i,  S_G,other = A − S_GG,  S_other,other = Σ R − 2A + S_GG,
 * for G the smaller group (so only |G|² entries need re-summing per relabelling).
 */
export function relabelledSums(
  within: number,
  rowSums: Float64Array,
  total: number,
  group: Uint32Array,
  groupIsP: boolean,
): PairSums {
  let across = 0
  for (const i of group) across += rowSums[i]
  const cross = across - within
  const other = total - 2 * across + within
  return groupIsP ? {pp: within, qq: other, pq: cross} : {pp: other, qq: within, pq: cross}
}

/**
 * The permutation p-value (1 + #{T*_b ≥ T}) / (1 + B) (Phipson & Smyth 2010, Stat. Appl. Genet. Mol. Biol. 9(1),
 * eq. 2: never 0, exact for a randomised test), with ties judged at a relative tolerance `tol` of the statistic's
 * scale (scipy.stats.permutation_test does the same, at 1e-14 of |T|), so sums that differ only by rounding count as
 * equal — a constant set gives p = 1, not a chance value.
 */
export function permutationPValue(observed: number, nullValues: ArrayLike<number>, tol: number): number {
  let hits = 0
  for (let b = 0; b < nullValues.length; b++) if (nullValues[b] >= observed - tol) hits++
  return (1 + hits) / (1 + nullValues.length)
}

/** The q-quantile of values by linear interpolation between order statistics (numpy's default, "type 7"). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort()
  if (sorted.length === 0) return Number.NaN
  const h = (sorted.length - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}
