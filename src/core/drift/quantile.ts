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
 * Counts of a sorted sample in the bins cut by `edges` (ascending): bin b holds edges[b−1] ≤ x < edges[b], the outer
 * bins are open (−∞ and +∞), and a value equal to an edge goes to the bin above it (NumPy's
 * searchsorted(edges, x, side='right')). One merge pass, since both are sorted.
 */
export function binCounts(xs: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1)
  let b = 0
  for (let i = 0; i < xs.length; i++) {
    while (b < edges.length && xs[i] >= edges[b]) b++
    counts[b]++
  }
  return counts
}
