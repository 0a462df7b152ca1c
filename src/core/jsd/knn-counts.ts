import {insideThreshold, outsideThreshold} from '../knn/f32-scan.js'
import {exactSqDist, type KnnGraph, knnScaled, scanPairs, scanPairsF32} from '../knn/index.js'

/** Self-excluded kNN graphs of exactly the rows of P and Q (e.g. computed once by `compare` for the alignment too). */
export interface SelfGraphs {
  p?: KnnGraph
  q?: KnnGraph
}

/**
 * The m_i of the Ross (2014) estimator for the 2·size pooled points (A's rows, then B's): with r_i² the squared
 * distance from point i to its k-th nearest other point of its own set, m_i = #{pooled j ≠ i : ‖z_i − z_j‖² ≤ r_i²}.
 * Squared distances are the float64 difference form Σ_c (z_ic − z_jc)² throughout, so the counts are those of a
 * plain scan of all N² pairs:
 *  - own set: r_i² and the own points within it from the self-excluded graph (sorted by (distance, index)); only a
 *    point whose whole graph lies within r_i² (heavy ties) is counted by a full scan of its set;
 *  - other set: one pass over the A × B pairs counting for both sides, each pair decided by its float32 distance
 *    when the proven margin allows (src/kernels/distance-f32.ts) and recomputed in float64 otherwise.
 * `graphs` are used when they are self-excluded graphs of these rows with at least k neighbours; else computed here.
 */
export function mutualCounts(
  a: Float64Array,
  b: Float64Array,
  size: number,
  d: number,
  k: number,
  graphs: SelfGraphs | undefined,
  onProgress?: (done: number, total: number) => void,
): Float64Array {
  const counts = new Float64Array(2 * size)
  const rA = ownCounts(a, size, d, k, graphs?.p, counts, 0)
  const rB = ownCounts(b, size, d, k, graphs?.q, counts, size)
  crossCounts(a, b, size, d, rA, rB, counts, onProgress)
  return counts
}

function ownCounts(
  z: Float64Array,
  size: number,
  d: number,
  k: number,
  given: KnnGraph | undefined,
  counts: Float64Array,
  offset: number,
): Float64Array {
  const g =
    given?.selfExcluded && given.m === size && given.k >= k
      ? given
      : knnScaled(z, size, z, size, d, k, {exclude: Int32Array.from({length: size}, (_, i) => i)})
  const K = g.k
  const r2 = new Float64Array(size)
  for (let i = 0; i < size; i++) {
    const rk = exactSqDist(z, i, z, g.indices[i * K + k - 1], d)
    r2[i] = rk
    let c = k,
      t = k
    while (t < K && exactSqDist(z, i, z, g.indices[i * K + t], d) <= rk) {
      c++
      t++
    }
    if (t === K && K < size - 1) {
      // Every listed neighbour is within r_i (ties): count the whole set.
      c = 0
      for (let j = 0; j < size; j++) if (j !== i && exactSqDist(z, i, z, j, d) <= rk) c++
    }
    counts[offset + i] = c
  }
  return r2
}

function crossCounts(
  a: Float64Array,
  b: Float64Array,
  size: number,
  d: number,
  rA: Float64Array,
  rB: Float64Array,
  counts: Float64Array,
  onProgress?: (done: number, total: number) => void,
): void {
  const cB = new Float64Array(size)
  let inA = new Float64Array(0),
    outA = inA,
    inB = inA,
    outB = inA
  const done = scanPairsF32(
    b,
    size,
    a,
    size,
    d,
    (q0, qCount, r0, rCount, tile, stride, frame) => {
      if (inA.length === 0) {
        inA = rA.map((r) => insideThreshold(frame, r))
        outA = rA.map((r) => outsideThreshold(frame, r))
        inB = rB.map((r) => insideThreshold(frame, r))
        outB = rB.map((r) => outsideThreshold(frame, r))
      }
      for (let i = 0; i < qCount; i++) {
        const ia = q0 + i
        const ri = rA[ia],
          lo = inA[ia],
          hi = outA[ia]
        const row = i * stride
        let c = 0
        for (let t = 0; t < rCount; t++) {
          const st = tile[row + t]
          const jb = r0 + t
          if (st > hi && st > outB[jb]) continue
          let s = -1
          if (st <= lo) c++
          else if (st <= hi) {
            s = exactSqDist(a, ia, b, jb, d)
            if (s <= ri) c++
          }
          if (st <= inB[jb]) cB[jb]++
          else if (st <= outB[jb]) {
            if (s < 0) s = exactSqDist(a, ia, b, jb, d)
            if (s <= rB[jb]) cB[jb]++
          }
        }
        counts[ia] += c
      }
    },
    onProgress,
  )
  if (!done)
    scanPairs(
      b,
      size,
      a,
      size,
      d,
      (q0, qCount, r0, rCount, tile) => {
        for (let i = 0; i < qCount; i++)
          for (let t = 0; t < rCount; t++) {
            const s = tile[i * rCount + t]
            if (s <= rA[q0 + i]) counts[q0 + i]++
            if (s <= rB[r0 + t]) cB[r0 + t]++
          }
      },
      onProgress,
    )
  for (let j = 0; j < size; j++) counts[size + j] += cB[j]
}
