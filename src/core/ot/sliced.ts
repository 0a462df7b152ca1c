import type {SampleSet} from '../sampleset.js'
import {weightsOf} from '../sampleset.js'
import type {Rng} from '../stats/rng.js'
import {exactW1D} from './exact1d.js'

/**
 * Sliced W_p: the mean over K random unit directions θ of the exact 1-D W_p between the projections ⟨θ, x⟩
 * (Rabin et al. 2011; Bonneel et al. 2015). Projections are 1-Lipschitz, so each term — hence the mean — is a
 * LOWER bound on W_p(P̂, Q̂), never an estimate of it.
 */
export function slicedW(p: SampleSet, q: SampleSet, projections: number, rng: Rng, power: 1 | 2, data?: {x: Float64Array; y: Float64Array}): {value: number; stderr: number} {
  const {d} = p
  const x = data?.x ?? p.data, y = data?.y ?? q.data
  const wx = weightsOf(p), wy = weightsOf(q)
  const px = new Float64Array(p.n), py = new Float64Array(q.n)
  const theta = new Float64Array(d)
  let sum = 0, sumSq = 0
  for (let k = 0; k < projections; k++) {
    let norm = 0
    for (let c = 0; c < d; c++) norm += (theta[c] = rng.normal()) ** 2
    norm = Math.sqrt(norm)
    for (let c = 0; c < d; c++) theta[c] /= norm
    for (let i = 0; i < p.n; i++) { let s = 0; for (let c = 0; c < d; c++) s += theta[c] * x[i * d + c]; px[i] = s }
    for (let j = 0; j < q.n; j++) { let s = 0; for (let c = 0; c < d; c++) s += theta[c] * y[j * d + c]; py[j] = s }
    const w = exactW1D(px, wx, py, wy, power)
    sum += w
    sumSq += w * w
  }
  const mean = sum / projections
  const variance = projections > 1 ? Math.max(0, (sumSq - projections * mean * mean) / (projections - 1)) : 0
  return {value: mean, stderr: Math.sqrt(variance / projections)}
}
