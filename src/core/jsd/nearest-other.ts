import {knnScaled} from '../knn/index.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'

/** One result per pair of centre arrays (the σ search asks for the same pair at every σ). */
const memo = new WeakMap<Float64Array, WeakMap<Float64Array, Int32Array>>()

/**
 * For each of the n rows of `own`, the row of `other` (m rows, d columns) nearest to it in float64 squared distance,
 * ties to the lower index: the exact kNN graph with k = 1 (src/core/knn, float32-filtered, on the worker threads),
 * on both arrays divided by one power of two (src/core/power-of-two.ts). That scales every squared distance by the
 * same exact factor, so wherever no square underflows or overflows the nearest row is the one the plain float64 sum
 * over the input coordinates finds smallest; where squares would (coordinates near 1e±200) it is still the true
 * nearest, where the plain sums tie at 0 or ∞. Memoised per pair of arrays (treated as immutable, as SampleSet data
 * are).
 */
export function nearestOther(own: Float64Array, n: number, other: Float64Array, m: number, d: number): Int32Array {
  const known = memo.get(own)?.get(other)
  if (known) return known
  const scale = powerOfTwoScale(own, other)
  const graph = knnScaled(divided(other, scale), m, divided(own, scale), n, d, 1)
  let inner = memo.get(own)
  if (!inner) memo.set(own, (inner = new WeakMap()))
  inner.set(other, graph.indices)
  return graph.indices
}
