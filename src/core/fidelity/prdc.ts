import {GRAM_MIN_D} from '../../kernels/index.js'
import {type Coverage, kthDistances, supportCoverage} from '../align/coverage.js'
import {ensure} from '../errors.js'
import {knnScaled} from '../knn/index.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'
import type {SampleSet} from '../sampleset.js'
import {ensureAffordable, pairWork} from '../work-budget.js'

/**
 * Precision, recall (Kynkäänniemi et al. 2019, eq. 1–2), density and coverage (Naeem et al. 2020, eq. 3–4) with one
 * k for all four, as the prdc package's compute_prdc(nearest_k = k): exact, on every point (no subsampling), with
 * the `≤` ball membership and the blocked float32-filtered, float64-decided pass of src/core/align/coverage.ts.
 * Coordinates are divided by a common power of two first (exact), so squared distances cannot overflow.
 */
export function precisionRecallDensityCoverage(
  p: SampleSet,
  q: SampleSet,
  k: number,
  onProgress?: (done: number, total: number) => void,
): Coverage & {k: number} {
  ensure(
    p.n > k && q.n > k,
    `precision/recall/density/coverage with k = ${k} need more than ${k} points in each set (P has ${p.n}, Q ${q.n}); lower ⟨kPrecisionRecall⟩`,
  )
  const d = p.d
  // Two self kNN graphs (each pair once: n(n+1)/2) and one cross pass (n·m). From GRAM_MIN_D dimensions the float32
  // Gram tiles do 8 pair-coordinates per SIMD multiply-add step (4 lanes on each of two threads), so a coordinate
  // costs an eighth of the budget's unit (src/core/work-budget.ts keeps to the fast end of measured rates).
  const pairs = (p.n * (p.n + 1)) / 2 + (q.n * (q.n + 1)) / 2 + p.n * q.n
  ensureAffordable(
    `precision/recall/density/coverage on ${p.n} + ${q.n} points in ${d} dimensions`,
    pairWork(pairs, d >= GRAM_MIN_D ? Math.ceil(d / 8) : d),
  )
  const scale = powerOfTwoScale(p.data, q.data)
  const x = divided(p.data, scale)
  const y = divided(q.data, scale)
  const self = (data: Float64Array, n: number) => {
    const exclude = Int32Array.from({length: n}, (_, i) => i)
    const g = knnScaled(data, n, data, n, d, k, {exclude})
    return kthDistances(g.distances, n, g.k, k)
  }
  const rP = self(x, p.n)
  const rQ = self(y, q.n)
  const c = supportCoverage(x, p.n, y, q.n, d, rP, rQ, rP, k, onProgress)
  return {...c, k}
}
