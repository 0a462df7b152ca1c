import {exactSqDist, insideThreshold, outsideThreshold, scanPairsF32} from '../knn/f32-scan.js'
import {useTree} from '../knn/index.js'
import {KdTree} from '../knn/kdtree.js'
import {scanPairs} from '../knn/tiles.js'

/** Support-coverage scores: Kynkäänniemi et al. 2019 (precision, recall) and Naeem et al. 2020 (density, coverage). */
export interface Coverage {
  precision: number
  recall: number
  density: number
  coverage: number
}

/**
 * One blocked pass over all (q, p) pairs (never an n×m matrix), with NND_k(x) the distance from x to its k-th
 * nearest neighbour in its own set (self excluded), B(x, r) the closed ball:
 *   precision = (1/m) Σ_j 1[∃i: ‖y_j − x_i‖ ≤ NND_kpr(x_i)]          (Kynkäänniemi et al. 2019, eq. 1–2)
 *   recall    = (1/n) Σ_i 1[∃j: ‖x_i − y_j‖ ≤ NND_kpr(y_j)]
 *   density   = (1/(k_dc·m)) Σ_j Σ_i 1[y_j ∈ B(x_i, NND_kdc(x_i))]   (Naeem et al. 2020, eq. 3)
 *   coverage  = (1/n) Σ_i 1[∃j: y_j ∈ B(x_i, NND_kdc(x_i))]          (Naeem et al. 2020, eq. 4)
 * Membership is `<=` (strict `<` gives 0 for identical sets: docs/estimators.md "Precision, recall, density, coverage", clovaai/generative-evaluation-prdc#7).
 * Distances are compared as √(d²) with radii that came from the same distance function, so identical sets agree
 * bit for bit. P = data X (n rows), Q = generated Y (m rows); radii in the same (scaled) units as the data.
 */
export function supportCoverage(
  p: Float64Array,
  n: number,
  q: Float64Array,
  m: number,
  d: number,
  radiusP_pr: Float64Array,
  radiusQ_pr: Float64Array,
  radiusP_dc: Float64Array,
  kdc: number,
  onProgress?: (done: number, total: number) => void,
  method: 'auto' | 'brute' | 'brute-f64' | 'tree' = 'auto',
): Coverage {
  if (useTree(Math.max(n, m), d, method === 'brute-f64' ? 'brute' : method))
    return supportCoverageTree(p, n, q, m, d, radiusP_pr, radiusQ_pr, radiusP_dc, kdc, onProgress)
  const inPrecision = new Uint8Array(m)
  const inRecall = new Uint8Array(n)
  const covered = new Uint8Array(n)
  const densityCount = new Float64Array(m)
  const f32 =
    method !== 'brute-f64' &&
    scanPairsF32Coverage(
      p,
      n,
      q,
      m,
      d,
      radiusP_pr,
      radiusQ_pr,
      radiusP_dc,
      inPrecision,
      inRecall,
      covered,
      densityCount,
      onProgress,
    )
  if (!f32)
    scanPairs(
      p,
      n,
      q,
      m,
      d,
      (q0, qCount, r0, rCount, tile) => {
        for (let j = 0; j < qCount; j++) {
          const qj = q0 + j
          const rq = radiusQ_pr[qj]
          const row = j * rCount
          let count = 0,
            prec = 0
          for (let t = 0; t < rCount; t++) {
            const i = r0 + t
            const dist = Math.sqrt(tile[row + t])
            if (dist <= radiusP_pr[i]) prec = 1
            if (dist <= rq) inRecall[i] = 1
            if (dist <= radiusP_dc[i]) {
              count++
              covered[i] = 1
            }
          }
          if (prec) inPrecision[qj] = 1
          densityCount[qj] += count
        }
      },
      onProgress,
    )
  let precision = 0,
    recall = 0,
    coverage = 0,
    density = 0
  for (let j = 0; j < m; j++) {
    precision += inPrecision[j]
    density += densityCount[j]
  }
  for (let i = 0; i < n; i++) {
    recall += inRecall[i]
    coverage += covered[i]
  }
  return {precision: precision / m, recall: recall / n, density: density / (kdc * m), coverage: coverage / n}
}

/**
 * The brute-force pass with float32 distances (src/kernels/distance-f32.ts): each ball test √s ≤ r is decided by
 * the float32 value when its proven margin allows and by the float64 s (`exactSqDist`, the value the float64 pass
 * uses) otherwise, so every membership — and every score — is the float64 pass's. False when the bound does not apply.
 */
function scanPairsF32Coverage(
  p: Float64Array,
  n: number,
  q: Float64Array,
  m: number,
  d: number,
  radiusP_pr: Float64Array,
  radiusQ_pr: Float64Array,
  radiusP_dc: Float64Array,
  inPrecision: Uint8Array,
  inRecall: Uint8Array,
  covered: Uint8Array,
  densityCount: Float64Array,
  onProgress?: (done: number, total: number) => void,
): boolean {
  let thresholds: Float64Array[] = []
  return scanPairsF32(
    p,
    n,
    q,
    m,
    d,
    (q0, qCount, r0, rCount, tile, stride, frame) => {
      if (thresholds.length === 0) {
        const th = (r: Float64Array, f: typeof insideThreshold) => r.map((x) => f(frame, x * x))
        thresholds = [
          th(radiusP_pr, insideThreshold),
          th(radiusP_pr, outsideThreshold),
          th(radiusP_dc, insideThreshold),
          th(radiusP_dc, outsideThreshold),
          th(radiusQ_pr, insideThreshold),
          th(radiusQ_pr, outsideThreshold),
        ]
        // Farthest reach of either ball of P's point i: a pair beyond it and beyond Q's ball is in no test.
        thresholds.push(thresholds[1].map((v, i) => Math.max(v, thresholds[3][i])))
      }
      const [inPr, outPr, inDc, outDc, inQ, outQ, outP] = thresholds
      for (let j = 0; j < qCount; j++) {
        const qj = q0 + j
        const rq = radiusQ_pr[qj],
          inq = inQ[qj],
          outq = outQ[qj]
        const row = j * stride
        let count = 0,
          prec = 0
        for (let t = 0; t < rCount; t++) {
          const st = tile[row + t]
          const i = r0 + t
          if (st > outP[i] && st > outq) continue
          let dist = -1
          const exact = () => (dist < 0 ? (dist = Math.sqrt(exactSqDist(q, qj, p, i, d))) : dist)
          if (st <= inPr[i] || (st <= outPr[i] && exact() <= radiusP_pr[i])) prec = 1
          if (st <= inq || (st <= outq && exact() <= rq)) inRecall[i] = 1
          if (st <= inDc[i] || (st <= outDc[i] && exact() <= radiusP_dc[i])) {
            count++
            covered[i] = 1
          }
        }
        if (prec) inPrecision[qj] = 1
        densityCount[qj] += count
      }
    },
    onProgress,
  )
}

/** The k-th neighbour distance of every row of a self-excluded kNN graph (k is 1-based). */
export function kthDistances(distances: Float64Array, rows: number, graphK: number, k: number): Float64Array {
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) out[i] = distances[i * graphK + k - 1]
  return out
}

/**
 * The same four scores by ball-membership searches in k-d trees (low dimension): a node is skipped when its box is
 * farther from the query than the largest radius inside it, so every pair that could count is still compared, with
 * the same distance function. Trees: P with radii max(NND_kpr, NND_kdc) for precision, density and coverage;
 * Q with NND_kpr for recall.
 */
function supportCoverageTree(
  p: Float64Array,
  n: number,
  q: Float64Array,
  m: number,
  d: number,
  radiusP_pr: Float64Array,
  radiusQ_pr: Float64Array,
  radiusP_dc: Float64Array,
  kdc: number,
  onProgress?: (done: number, total: number) => void,
): Coverage {
  const margin = 1 + 1e-12 // squared radii are compared with squared box distances: never prune on rounding
  const treeP = new KdTree(p, n, d)
  const rP = new Float64Array(n)
  for (let i = 0; i < n; i++) rP[i] = Math.max(radiusP_pr[i], radiusP_dc[i])
  const limitP = treeP.maxOver(rP).map((r) => r * r * margin)
  const treeQ = new KdTree(q, m, d)
  const limitQ = treeQ.maxOver(radiusQ_pr).map((r) => r * r * margin)
  const covered = new Uint8Array(n)
  let precision = 0,
    density = 0
  const none = () => Infinity
  // Queries in the other tree's order: consecutive queries are neighbours, so the nodes they visit stay in cache.
  for (let step = 0; step < m; step++) {
    const j = treeQ.order[step]
    let prec = 0,
      count = 0
    treeP.search(
      q,
      j * d,
      none,
      (i, d2) => {
        const dist = Math.sqrt(d2)
        if (dist <= radiusP_pr[i]) prec = 1
        if (dist <= radiusP_dc[i]) {
          count++
          covered[i] = 1
        }
      },
      (node) => limitP[node],
    )
    precision += prec
    density += count
    if (onProgress && (step & 1023) === 1023) onProgress(step + 1, m + n)
  }
  let recall = 0,
    coverage = 0
  for (let step = 0; step < n; step++) {
    const i = treeP.order[step]
    let hit = 0
    // Recall needs one ball only: once found, a bound below every box distance ends the search.
    treeQ.search(
      p,
      i * d,
      () => (hit ? -1 : Infinity),
      (j, d2) => {
        if (Math.sqrt(d2) <= radiusQ_pr[j]) hit = 1
      },
      (node) => limitQ[node],
    )
    recall += hit
    coverage += covered[i]
  }
  onProgress?.(m + n, m + n)
  return {precision: precision / m, recall: recall / n, density: density / (kdc * m), coverage: coverage / n}
}
