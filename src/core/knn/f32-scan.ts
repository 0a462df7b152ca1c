import {
  type DistanceTiles,
  distanceTiles,
  type F32Frame,
  GRAM_MIN_D,
  gramDistanceTiles,
  insideThreshold,
  outsideThreshold,
  roundUp8,
} from '../../kernels/index.js'
import type {BoundedHeaps} from './heap.js'

/** Queries per block and references per block of the float32 scans (a 64 × 2048 float32 tile is 512 KiB). */
export const F32_QUERY_BLOCK = 64
export const F32_REFERENCE_BLOCK = 2048

/**
 * The float32 tiles a scan uses: the difference form below GRAM_MIN_D dimensions (its error is relative to each
 * distance), the Gram form from there on (two operations per coordinate instead of three; its error is absolute,
 * ~1e-4 of the points' squared spread, small against neighbour distances in many dimensions). Either way every
 * undecided pair is recomputed in float64, so the choice changes the time, never a result.
 */
export function f32Tiles(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DistanceTiles {
  return d >= GRAM_MIN_D ? gramDistanceTiles(x, n, y, m, d) : distanceTiles(x, n, y, m, d)
}

/**
 * Σ_k (a_k − b_k)² of rows ai and bj, summed in k order in float64: the same operations as the float64 tile kernel
 * (`sqDistTile`, bit for bit), so a pair recomputed here has the value the float64 scan would have given it.
 */
export function exactSqDist(a: Float64Array, ai: number, b: Float64Array, bj: number, d: number): number {
  let s = 0
  const x = ai * d,
    y = bj * d
  for (let c = 0; c < d; c++) {
    const t = a[x + c] - b[y + c]
    s += t * t
  }
  return s
}

/**
 * Visits every (query, reference) pair block by block with float32 squared distances (src/kernels/distance-f32.ts):
 * `visit(q0, qCount, r0, rCount, tile, stride, frame)` gets s̃ of queries q0.. against references r0.. at
 * tile[i·stride + j]; references come in increasing index order for every query. The visitor decides with
 * `insideThreshold`/`outsideThreshold` of `frame` and recomputes undecided pairs with `exactSqDist`.
 * Returns false (and visits nothing) when the float32 bound does not apply to these data: scan in float64 then.
 */
export function scanPairsF32(
  reference: Float64Array,
  n: number,
  queries: Float64Array,
  m: number,
  d: number,
  visit: (
    q0: number,
    qCount: number,
    r0: number,
    rCount: number,
    tile: Float32Array,
    stride: number,
    frame: F32Frame,
  ) => void,
  onProgress?: (done: number, total: number) => void,
): boolean {
  let tiles: DistanceTiles | undefined
  try {
    tiles = f32Tiles(queries, m, reference, n, d)
    if (!tiles.frame.usable) return false
    for (let q0 = 0; q0 < m; q0 += F32_QUERY_BLOCK) {
      const qCount = Math.min(F32_QUERY_BLOCK, m - q0)
      for (let r0 = 0; r0 < n; r0 += F32_REFERENCE_BLOCK) {
        const rCount = Math.min(F32_REFERENCE_BLOCK, n - r0)
        visit(q0, qCount, r0, rCount, tiles.tile(q0, q0 + qCount, r0, r0 + rCount), roundUp8(rCount), tiles.frame)
      }
      onProgress?.(q0 + qCount, m)
    }
    return true
  } finally {
    tiles?.dispose()
  }
}

/**
 * The k nearest references of every query into `heaps`, exactly as the float64 brute force finds them: a reference
 * is recomputed in float64 and offered to the heap unless its float32 distance proves it farther than the heap's
 * current k-th (then the float64 scan would not have offered it either, and the heap keeps the lexicographically
 * smallest (distance, index) whatever is offered). About k·ln(n/k) float64 recomputations per query.
 * Each tile lists, for each query, the references under its threshold at the tile's start (`DistanceTiles.below`, on
 * the worker threads); thresholds only shrink, so the list holds every entry a scan of the whole tile would visit,
 * and the same test then visits exactly those (at 50 000² d = 16 the scan of whole tiles on this thread took 18 s of
 * the 31 s of kNN, bench/RESULTS.md "Issue 24, session 28").
 * Returns false when the float32 bound does not apply (nothing done).
 */
export function knnBruteF32(
  ref: Float64Array,
  n: number,
  qry: Float64Array,
  m: number,
  d: number,
  heaps: BoundedHeaps,
  exclude: Int32Array | undefined,
  onProgress?: (done: number, total: number) => void,
): boolean {
  let tiles: DistanceTiles | undefined
  try {
    tiles = f32Tiles(qry, m, ref, n, d)
    const frame = tiles.frame
    if (!frame.usable) return false
    const limits = new Float32Array(F32_QUERY_BLOCK)
    const offer = (qi: number, j: number): void => {
      const s = exactSqDist(qry, qi, ref, j, d)
      if (s < heaps.bound(qi)) heaps.push(qi, s, j)
    }
    for (let q0 = 0; q0 < m; q0 += F32_QUERY_BLOCK) {
      const qCount = Math.min(F32_QUERY_BLOCK, m - q0)
      for (let r0 = 0; r0 < n; r0 += F32_REFERENCE_BLOCK) {
        const rCount = Math.min(F32_REFERENCE_BLOCK, n - r0),
          r1 = r0 + rCount
        for (let i = 0; i < qCount; i++) limits[i] = atLeastF32(outsideThreshold(frame, heaps.bound(q0 + i)))
        const listing = tiles.below(q0, q0 + qCount, r0, r1, limits)
        const w = roundUp8(rCount)
        for (let i = 0; i < qCount; i++) {
          const qi = q0 + i
          const skip = exclude ? exclude[qi] : -1
          let T = outsideThreshold(frame, heaps.bound(qi))
          for (let c = 0; c < listing.count[i]; c++) {
            const j = listing.j[i * w + c]
            if (j >= r1) break
            if (listing.s[i * w + c] > T || j === skip) continue
            offer(qi, j)
            T = outsideThreshold(frame, heaps.bound(qi))
          }
        }
      }
      onProgress?.(q0 + qCount, m)
    }
    return true
  } finally {
    tiles?.dispose()
  }
}

/** A float32 value ≥ v (v raised by more than fround's rounding error before rounding); ±∞ stay. */
function atLeastF32(v: number): number {
  return Math.fround(v + Math.abs(v) * 2 ** -22 + 2 ** -149)
}

export {insideThreshold, outsideThreshold}

/**
 * `knnBruteF32` for a set against itself with each point's own row excluded, computing each float32 distance once:
 * row block A (64 points) is tiled against points A₀..n only; a pair (i, j) with j past the block serves query i
 * directly and query j transposed (s̃ and the float64 s are symmetric bit for bit: fl(a − b)² = fl(b − a)²). Every
 * query still receives its candidates in increasing index order — transposed ones from earlier blocks first, then
 * its own row — so the heaps end exactly as in the one-sided scan. Returns false when the bound does not apply.
 */
export function knnSelfBruteF32(
  data: Float64Array,
  n: number,
  d: number,
  heaps: BoundedHeaps,
  onProgress?: (done: number, total: number) => void,
): boolean {
  let tiles: DistanceTiles | undefined
  try {
    tiles = f32Tiles(data, n, data, n, d)
    const frame = tiles.frame
    if (!frame.usable) return false
    const T = new Float64Array(n).fill(Infinity)
    const offer = (qi: number, j: number): void => {
      const s = exactSqDist(data, qi, data, j, d)
      if (s < heaps.bound(qi)) {
        heaps.push(qi, s, j)
        T[qi] = outsideThreshold(frame, heaps.bound(qi))
      }
    }
    let pairs = 0
    const total = (n * (n + 1)) / 2
    for (let a0 = 0; a0 < n; a0 += F32_QUERY_BLOCK) {
      const a1 = Math.min(n, a0 + F32_QUERY_BLOCK)
      const tile = tiles.tile(a0, a1, a0, n)
      const stride = roundUp8(n - a0)
      for (let i = a0; i < a1; i++) {
        const row = (i - a0) * stride - a0
        for (let j = a0; j < n; j++) {
          const st = tile[row + j]
          if (st <= T[i] && j !== i) offer(i, j)
          if (j >= a1 && st <= T[j]) offer(j, i)
        }
      }
      pairs += (a1 - a0) * (n - a0)
      onProgress?.(Math.min(total, pairs), total)
    }
    return true
  } finally {
    tiles?.dispose()
  }
}
