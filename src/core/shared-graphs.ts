import {type KnnGraph, knnScaled} from './knn/index.js'
import {divided, powerOfTwoScale} from './power-of-two.js'
import type {SampleSet} from './sampleset.js'

export interface SharedGraphs {
  /** In the coordinates divided by powerOfTwoScale(P, Q) — the units the JSD works in (it reads only indices). */
  scaled: {p: KnnGraph; q: KnnGraph}
  /** The same graphs in input units (the alignment check's `graphs` option rescales them back exactly). */
  input: {p: KnnGraph; q: KnnGraph}
}

/**
 * The self-excluded kNN graph of each set, computed once for the parts of `compare` that start from it (issue 11
 * item 6: the kNN JSD needs k = 5 of them, the alignment check max(k_MLE, k_pr, k_dc) = 20): `k` neighbours (at most
 * n − 1), in the same coordinates and by the same search as each part would use, so each gets exactly the graph it
 * would have computed. Undefined when there is nothing to share (non-finite values, fewer than 2 points).
 */
export function sharedSelfGraphs(
  p: SampleSet,
  q: SampleSet,
  k: number,
  onProgress?: (done: number, total: number) => void,
): SharedGraphs | undefined {
  if (p.d !== q.d || p.n < 2 || q.n < 2 || !(k >= 1)) return undefined
  for (const s of [p, q]) for (let i = 0; i < s.data.length; i++) if (!Number.isFinite(s.data[i])) return undefined
  const scale = powerOfTwoScale(p.data, q.data)
  const graph = (s: SampleSet, phase: number): KnnGraph => {
    const data = divided(s.data, scale)
    const exclude = new Int32Array(s.n)
    for (let i = 0; i < s.n; i++) exclude[i] = i
    return knnScaled(data, s.n, data, s.n, s.d, Math.min(k, s.n - 1), {
      exclude,
      onProgress: onProgress && ((done, total) => onProgress(phase * total + done, 2 * total)),
    })
  }
  const scaled = {p: graph(p, 0), q: graph(q, 1)}
  const inInput = (g: KnnGraph): KnnGraph => ({...g, distances: g.distances.map((x) => x * scale)})
  return {scaled, input: {p: inInput(scaled.p), q: inInput(scaled.q)}}
}
