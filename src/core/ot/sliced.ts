import {projectRows} from '../../kernels/index.js'
import type {SampleSet} from '../sampleset.js'
import {weightsOf} from '../sampleset.js'
import type {Rng} from '../stats/rng.js'
import {exactW1D} from './exact1d.js'

/** Directions projected per kernel call (bounds the projection buffers to 16·(n + m) doubles). */
const BLOCK = 16

/**
 * Sliced W_p: the mean over K random unit directions θ of the exact 1-D W_p between the projections ⟨θ, x⟩
 * (Rabin et al. 2011; Bonneel et al. 2015). Projections are 1-Lipschitz, so each term — hence the mean — is a
 * LOWER bound on W_p(P̂, Q̂), never an estimate of it. Directions are drawn in order from `rng` (seeded), and
 * projected BLOCK at a time by the shared kernel.
 */
export function slicedW(
  p: SampleSet,
  q: SampleSet,
  projections: number,
  rng: Rng,
  power: 1 | 2,
  data?: {x: Float64Array; y: Float64Array},
): {value: number; stderr: number} {
  const {d} = p
  const x = data?.x ?? p.data,
    y = data?.y ?? q.data
  const wx = weightsOf(p),
    wy = weightsOf(q)
  const px = new Float64Array(p.n),
    py = new Float64Array(q.n)
  const dirs = new Float64Array(BLOCK * d)
  const bx = new Float64Array(BLOCK * p.n),
    by = new Float64Array(BLOCK * q.n)
  let sum = 0,
    sumSq = 0
  for (let k0 = 0; k0 < projections; k0 += BLOCK) {
    const K = Math.min(BLOCK, projections - k0)
    for (let k = 0; k < K; k++) {
      let norm = 0
      for (let c = 0; c < d; c++) norm += (dirs[k * d + c] = rng.normal()) ** 2
      norm = Math.sqrt(norm)
      for (let c = 0; c < d; c++) dirs[k * d + c] /= norm
    }
    const block = dirs.subarray(0, K * d)
    projectRows(x, 0, p.n, d, block, K, bx)
    projectRows(y, 0, q.n, d, block, K, by)
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < p.n; i++) px[i] = bx[i * K + k]
      for (let j = 0; j < q.n; j++) py[j] = by[j * K + k]
      const w = exactW1D(px, wx, py, wy, power)
      sum += w
      sumSq += w * w
    }
  }
  const mean = sum / projections
  const variance = projections > 1 ? Math.max(0, (sumSq - projections * mean * mean) / (projections - 1)) : 0
  return {value: mean, stderr: Math.sqrt(variance / projections)}
}
