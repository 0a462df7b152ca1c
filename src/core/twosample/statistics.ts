import {sqDistTile} from '../../kernels/index.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'
import type {SampleSet} from '../sampleset.js'

/** Sums of f(‖a − b‖²) over the three kinds of pairs: within P (i ≠ j, both orders), within Q, and across. */
export interface PairSums {
  pp: number
  qq: number
  pq: number
}

/** Neumaier's compensated sum: s + c carries the float64 sum of many terms to about one rounding of the total. */
class Sum {
  s = 0
  c = 0
  add(v: number): void {
    const t = this.s + v
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s
    this.s = t
  }
  get value(): number {
    return this.s + this.c
  }
}

const TILE = 128

/**
 * Σ f(‖x_i − x_j‖²) over i ≠ j in P, the same in Q, and Σ f(‖x_i − y_j‖²) across, in float64 with compensated sums
 * (the energy distance is a difference of such sums, so their rounding must stay far below the difference). `f`
 * receives squared distances in the input's units.
 */
export function pairSums(p: SampleSet, q: SampleSet, f: (sq: number) => number): PairSums {
  const s = powerOfTwoScale(p.data, q.data)
  const x = divided(p.data, s),
    y = divided(q.data, s)
  const s2 = s * s
  const block = (a: Float64Array, na: number, b: Float64Array, nb: number): number => {
    const sum = new Sum()
    const tile = new Float64Array(TILE * nb)
    for (let i0 = 0; i0 < na; i0 += TILE) {
      const i1 = Math.min(na, i0 + TILE)
      sqDistTile(a, i0, i1, b, 0, nb, p.d, tile)
      for (let i = i0; i < i1; i++) for (let j = 0; j < nb; j++) sum.add(f(tile[(i - i0) * nb + j] * s2))
    }
    return sum.value
  }
  // Within one set, each unordered pair once (j > i) and the sum doubled: ‖a − b‖² and ‖b − a‖² are the same float64
  // (the same squares summed in the same order), so this is the both-orders sum with a third fewer pairs overall.
  const within = (a: Float64Array, na: number): number => {
    const sum = new Sum()
    const tile = new Float64Array(TILE * na)
    for (let i0 = 0; i0 < na; i0 += TILE) {
      const i1 = Math.min(na, i0 + TILE),
        w = na - i0
      sqDistTile(a, i0, i1, a, i0, na, p.d, tile)
      for (let i = i0; i < i1; i++) for (let j = i + 1; j < na; j++) sum.add(f(tile[(i - i0) * w + (j - i0)] * s2))
    }
    return 2 * sum.value
  }
  return {pp: within(x, p.n), qq: within(y, q.n), pq: block(x, p.n, y, q.n)}
}

/**
 * Energy distance (Székely & Rizzo 2004, InterStat; 2013, J. Stat. Plan. Inference 143, eq. 2.1, the V-statistic):
 *   E = 2/(nm) Σ_ij ‖x_i − y_j‖ − 1/n² Σ_ij ‖x_i − x_j‖ − 1/m² Σ_ij ‖y_i − y_j‖  ≥ 0,
 * 0 iff the two empirical measures are equal. R's energy::eqdist.etest reports nm/(n+m)·E; scaling by a constant
 * leaves the permutation p-value unchanged. Here from the three pair sums (within-set sums over i ≠ j: the diagonal
 * is 0).
 */
export function energyFromSums(sums: PairSums, n: number, m: number): number {
  return (2 * sums.pq) / (n * m) - sums.pp / (n * n) - sums.qq / (m * m)
}

/**
 * Unbiased MMD² (Gretton et al. 2012, JMLR 13, Lemma 6, eq. 3):
 *   MMD²_u = 1/(n(n−1)) Σ_{i≠j} k(x_i, x_j) + 1/(m(m−1)) Σ_{i≠j} k(y_i, y_j) − 2/(nm) Σ_ij k(x_i, y_j)
 * (can be slightly negative under the null). Needs n, m ≥ 2.
 */
export function mmdFromSums(sums: PairSums, n: number, m: number): number {
  return sums.pp / (n * (n - 1)) + sums.qq / (m * (m - 1)) - (2 * sums.pq) / (n * m)
}

/** The Gaussian kernel of a squared distance at bandwidth σ: exp(−‖z − z'‖²/(2σ²)). */
export function gaussianOfSquared(sigma: number): (sq: number) => number {
  const c = 1 / (2 * sigma * sigma)
  return (sq) => Math.exp(-sq * c)
}

/**
 * Pooled points the median heuristic looks at: all of P ∪ Q up to this many, else a seeded random subset of this
 * many (its N(N−1)/2 pairs, ~2·10⁶, are sorted in float64).
 */
export const MEDIAN_MAX_POINTS = 2000

/**
 * The median heuristic bandwidth (Gretton et al. 2012, §8; Garreau, Jitkrittum & Kanagawa 2017, arXiv:1707.07269):
 * σ = the median of ‖z_i − z_j‖ over the pairs i < j of the pooled points `rows` (numpy's median: the mean of the two
 * middle values for an even count). When that median is 0 (more than half the pairs coincide), the median of the
 * non-zero distances; 0 when every distance is 0.
 */
export function medianDistance(z: Float64Array, rows: ArrayLike<number>, d: number): number {
  const k = rows.length
  const values = new Float64Array((k * (k - 1)) / 2)
  let t = 0
  for (let a = 0; a < k; a++) {
    const ia = rows[a] * d
    for (let b = a + 1; b < k; b++) {
      const ib = rows[b] * d
      let acc = 0
      for (let c = 0; c < d; c++) {
        const diff = z[ia + c] - z[ib + c]
        acc += diff * diff
      }
      values[t++] = Math.sqrt(acc)
    }
  }
  values.sort()
  const med = median(values)
  if (med > 0 || values.length === 0) return med
  const first = values.findIndex((v) => v > 0)
  return first < 0 ? 0 : median(values.subarray(first))
}

function median(sorted: Float64Array): number {
  const L = sorted.length
  if (L === 0) return 0
  return L % 2 === 1 ? sorted[(L - 1) / 2] : (sorted[L / 2 - 1] + sorted[L / 2]) / 2
}
