import {InputError} from '../errors.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'
import type {SampleSet} from '../sampleset.js'
import {knnBruteF32, knnSelfBruteF32} from './f32-scan.js'
import {BoundedHeaps} from './heap.js'
import {KdTree} from './kdtree.js'
import {scanPairs} from './tiles.js'

export {exactSqDist, knnBruteF32, scanPairsF32} from './f32-scan.js'
export {KdTree} from './kdtree.js'
export {scanPairs, squaredDistanceTile} from './tiles.js'

/**
 * The k nearest references of every query: row i of `indices`/`distances` (length m·k, row-major) lists them in
 * ascending (distance, index) order. Distances are Euclidean, in the input's units.
 */
export interface KnnGraph {
  /** Number of queries (rows). */
  m: number
  /** Neighbours per query. */
  k: number
  /** Reference row of neighbour t of query i at [i*k + t]. */
  indices: Int32Array
  /** Euclidean distance of that neighbour, input units. */
  distances: Float64Array
  /** True when the queries are the reference set itself and each point's own row was left out. */
  selfExcluded: boolean
  /** Queries whose nearest neighbour is at distance 0 (a duplicate point; never its own row when self-excluded). */
  zeroDistanceQueries: number
}

export interface KnnOptions {
  /**
   * For the self-excluded variant: exclude[i] is the reference row that query i must not return (its own row),
   * or −1. `knnSelf` fills it.
   */
  exclude?: Int32Array
  onProgress?: (done: number, total: number) => void
  /** 'auto' (default): a k-d tree when `useTree` says it pays, else blocked brute force. Both are exact and agree. */
  method?: 'auto' | 'brute' | 'tree'
  /**
   * Brute force: 'f32-filter' (default) rules references out by float32 distances with a proven margin and
   * recomputes the rest in float64 (./f32-scan.ts); 'f64' scans every pair in float64. Same graph either way.
   */
  precision?: 'f32-filter' | 'f64'
}

/**
 * Where the k-d tree beats brute force (bench/align.mjs, bench/RESULTS.md): low dimension and enough points.
 * Above ~16 dimensions boxes stop pruning (the curse of dimensionality) and the SIMD brute force wins.
 */
export function useTree(n: number, d: number, method: KnnOptions['method'] = 'auto'): boolean {
  if (method === 'tree') return true
  if (method === 'brute') return false
  return d <= 12 && n >= 2048
}

/**
 * Exact k-nearest neighbours by blocked brute force (tiles of squared distances, a bounded max-heap per query):
 * O(n·m·d) time, O(m·k) memory. Coordinates are first divided by a common power of two (exact) so squares cannot
 * overflow or underflow. Ties are broken by the smaller reference index, so results are deterministic.
 * Duplicates are kept: a duplicate of a query is a genuine neighbour at distance 0 (counted in zeroDistanceQueries);
 * only the row listed in `exclude` is skipped.
 */
export function knn(reference: SampleSet, queries: SampleSet, k: number, opts: KnnOptions = {}): KnnGraph {
  if (reference.d !== queries.d)
    throw new InputError(
      `kNN: the reference set has ${reference.d} columns and the queries ${queries.d}; use the same columns in both`,
    )
  const available = reference.n - (opts.exclude ? 1 : 0)
  if (!Number.isInteger(k) || k < 1) throw new InputError(`kNN: k must be a positive integer, got ${k}`)
  if (k > available) {
    throw new InputError(
      `kNN: k = ${k} neighbours asked but ${reference.source || 'the reference set'} has only ${available} other point(s); use a smaller k or more points`,
    )
  }
  const scale = powerOfTwoScale(reference.data, queries.data)
  const ref = divided(reference.data, scale)
  const qry = queries.data === reference.data ? ref : divided(queries.data, scale)
  const graph = knnScaled(ref, reference.n, qry, queries.n, reference.d, k, opts)
  for (let t = 0; t < graph.distances.length; t++) graph.distances[t] *= scale
  return graph
}

/** The self-excluded variant: the k nearest other rows of every point of `set` (duplicates count at distance 0). */
export function knnSelf(set: SampleSet, k: number, opts: Omit<KnnOptions, 'exclude'> = {}): KnnGraph {
  const exclude = new Int32Array(set.n)
  for (let i = 0; i < set.n; i++) exclude[i] = i
  return knn(set, set, k, {...opts, exclude})
}

/**
 * kNN on coordinates already scaled near 1; distances returned in those scaled units (squared values are
 * square-rooted at the end). Shared by `knn` and the alignment code, which scales P and Q once.
 */
export function knnScaled(
  ref: Float64Array,
  n: number,
  qry: Float64Array,
  m: number,
  d: number,
  k: number,
  opts: KnnOptions = {},
): KnnGraph {
  const heaps = new BoundedHeaps(m, k)
  const exclude = opts.exclude
  if (useTree(n, d, opts.method)) {
    const tree = new KdTree(ref, n, d)
    // Self queries go in tree order: consecutive queries are neighbours and revisit the same nodes while cached.
    // The order cannot change a result: each query's heap keeps the lexicographically smallest (distance, index).
    const queryOrder = qry === ref && m === n ? tree.order : undefined
    for (let step = 0; step < m; step++) {
      const qi = queryOrder ? queryOrder[step] : step
      const skip = exclude ? exclude[qi] : -1
      tree.nearest(qry, qi * d, heaps, qi, skip)
      if (opts.onProgress && (step & 1023) === 1023) opts.onProgress(step + 1, m)
    }
    opts.onProgress?.(m, m)
    return finish(heaps, m, k, Boolean(exclude))
  }
  if (opts.precision !== 'f64') {
    const selfOnly = qry === ref && m === n && exclude?.every((e, i) => e === i) === true
    if (
      selfOnly
        ? knnSelfBruteF32(ref, n, d, heaps, opts.onProgress)
        : knnBruteF32(ref, n, qry, m, d, heaps, exclude, opts.onProgress)
    )
      return finish(heaps, m, k, Boolean(exclude))
  }
  scanPairs(
    ref,
    n,
    qry,
    m,
    d,
    (q0, qCount, r0, rCount, tile) => {
      for (let i = 0; i < qCount; i++) {
        const qi = q0 + i
        const skip = exclude ? exclude[qi] : -1
        let bound = heaps.bound(qi)
        const row = i * rCount
        for (let j = 0; j < rCount; j++) {
          const d2 = tile[row + j]
          if (d2 < bound && r0 + j !== skip) {
            heaps.push(qi, d2, r0 + j)
            bound = heaps.bound(qi)
          }
        }
      }
    },
    opts.onProgress,
  )
  return finish(heaps, m, k, Boolean(exclude))
}

function finish(heaps: BoundedHeaps, m: number, k: number, selfExcluded: boolean): KnnGraph {
  const indices = new Int32Array(m * k)
  const distances = new Float64Array(m * k)
  let zeroDistanceQueries = 0
  for (let i = 0; i < m; i++) {
    heaps.sortInto(i, distances, indices, i * k)
    if (distances[i * k] === 0) zeroDistanceQueries++
    for (let t = 0; t < k; t++) distances[i * k + t] = Math.sqrt(distances[i * k + t])
  }
  return {m, k, indices, distances, selfExcluded, zeroDistanceQueries}
}
