import {quantileSorted} from 'simple-statistics'

/**
 * The q-quantile of a sorted sample by linear interpolation (Hyndman & Fan 1996 type 7, NumPy's and R's default),
 * from simple-statistics.
 */
export function quantileOfSorted(xs: Float64Array, q: number): number {
  return quantileSorted(xs as unknown as number[], q)
}

/** The k−1 inner edges of k quantile bins of a sorted sample: its quantiles at 1/k, …, (k−1)/k. */
export function quantileEdges(xs: Float64Array, k: number): Float64Array {
  const edges = new Float64Array(k - 1)
  for (let b = 1; b < k; b++) edges[b - 1] = quantileOfSorted(xs, b / k)
  return edges
}

/**
 * Bins cut at P's quantiles that stay distinct under ties (docs/drift.md "Bins"). The k−1 quantiles of P at 1/k, …,
 * (k−1)/k (type 7) are made unique, e₁ < … < eₘ; an edge that two or more quantiles share is *tied*: P holds a point
 * mass there (≥ 1/k of its values, e.g. the zeros of a zero-inflated column, or every value of a constant one).
 * Bins, in order: (−∞, e₁); then for each edge eⱼ, the singleton {eⱼ} when eⱼ is tied, and the interval from eⱼ
 * to eⱼ₊₁ (eₘ₊₁ = +∞), which holds eⱼ itself when eⱼ is not tied (NumPy's searchsorted(edges, x, side='right')) and
 * excludes it when it is. Without ties these are exactly the k quantile bins; cut at plain (repeated) edges with
 * side='right', a column with 96 % zeros put every value of P and Q in one bin, so PSI and JSD read 0 however far
 * Q moved. Reference: test/core/drift/reference/bins.py.
 */
export interface QuantileBins {
  edges: Float64Array
  tied: Uint8Array
}

/** The tie-aware quantile bins of a sorted sample (see QuantileBins). */
export function quantileBins(xs: Float64Array, k: number): QuantileBins {
  const all = quantileEdges(xs, k)
  const edges: number[] = []
  const tied: number[] = []
  for (let i = 0; i < all.length; i++) {
    if (edges.length > 0 && all[i] === edges[edges.length - 1]) tied[tied.length - 1] = 1
    else {
      edges.push(all[i])
      tied.push(0)
    }
  }
  return {edges: Float64Array.from(edges), tied: Uint8Array.from(tied)}
}

/**
 * Counts of a sorted sample in the 2m + 1 slots of `bins` (m edges): slot 0 is (−∞, e₁), slot 2j − 1 the singleton
 * {eⱼ} (empty unless eⱼ is tied), slot 2j the interval after eⱼ. Slots empty on both sides add nothing to the JSD
 * or the PSI. Since the sample is sorted, each slot is a contiguous run whose ends are found by binary search on
 * the edges: the counts of comparing every value with `>=` and `===` (as NumPy's searchsorted does), in O(m log n).
 */
export function binCounts(xs: Float64Array, bins: QuantileBins): Float64Array {
  const {edges, tied} = bins
  const counts = new Float64Array(2 * edges.length + 1)
  /** How many values are < e (or ≤ e with `orEqual`). */
  const below = (e: number, orEqual: boolean) => {
    let l = 0,
      r = xs.length
    while (l < r) {
      const mid = (l + r) >>> 1
      if (xs[mid] < e || (orEqual && xs[mid] === e)) l = mid + 1
      else r = mid
    }
    return l
  }
  let start = edges.length > 0 ? below(edges[0], false) : xs.length
  counts[0] = start
  for (let j = 1; j <= edges.length; j++) {
    const end = j < edges.length ? below(edges[j], false) : xs.length
    if (tied[j - 1] === 1) {
      const equal = below(edges[j - 1], true)
      counts[2 * j - 1] = equal - start
      counts[2 * j] = end - equal
    } else counts[2 * j] = end - start
    start = end
  }
  return counts
}
