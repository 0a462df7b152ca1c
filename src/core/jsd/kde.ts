import {InputError} from '../errors.js'
import type {SampleSet} from '../sampleset.js'
import {kernelWidths, type BandwidthRule} from '../stats/bandwidth.js'
import {logMixtureAt, logRatioToMixture, logWeightsOf, type Mixture} from './mixture.js'
import type {Estimate} from './types.js'

/** Dimension beyond which a KDE JSD mostly reflects the bandwidth, not the data (research §2.1, pitfall 4). */
export const KDE_HIGH_DIMENSION = 6

/**
 * KDE JSD (DESIGN.md "JSD", research §2.1): Gaussian kernel densities p̂, q̂ with one diagonal bandwidth from the
 * pooled sample, and
 *   JSD ≈ ½ Σ_i a_i log(2p̂₋ᵢ(x_i)/(p̂₋ᵢ(x_i)+q̂(x_i))) + ½ Σ_j b_j log(2q̂₋ⱼ(y_j)/(p̂(y_j)+q̂₋ⱼ(y_j)))
 * with leave-one-out p̂₋ᵢ(x_i) = Σ_{k≠i} a_k φ_H(x_i − x_k)/(1 − a_i) at a sample's own set (removes the self-term
 * bias), log-sum-exp throughout. Kernel normalisers cancel in the ratios and are never computed.
 */
export function kdeJsd(p: SampleSet, q: SampleSet, rule: BandwidthRule = 'scott', onProgress?: (done: number, total: number) => void): Estimate {
  if (p.n < 2 || q.n < 2) throw new InputError(`KDE JSD needs at least 2 points in each set (leave-one-out); got ${p.n} and ${q.n} — add points or use --method noisy`)
  if (typeof rule === 'number' && !(rule > 0 && Number.isFinite(rule))) throw new InputError(`--bandwidth must be scott, silverman or a positive number, got ${rule}`)
  const d = p.d
  const pooled = new Float64Array(p.data.length + q.data.length)
  pooled.set(p.data)
  pooled.set(q.data, p.data.length)
  const total = p.n + q.n
  const {widths, factor} = kernelWidths(pooled, total, d, rule)
  // Work in bandwidth units: the kernel becomes exp(−½‖u − v‖²).
  for (let i = 0; i < total; i++) for (let c = 0; c < d; c++) pooled[i * d + c] /= widths[c]
  const x = pooled.subarray(0, p.data.length), y = pooled.subarray(p.data.length)
  const mp: Mixture = {centres: x, count: p.n, d, logWeights: logWeightsOf(p.n, p.weights), scale: 0.5, radius2: Infinity}
  const mq: Mixture = {centres: y, count: q.n, d, logWeights: logWeightsOf(q.n, q.weights), scale: 0.5, radius2: Infinity}
  const buf = new Float64Array(Math.max(p.n, q.n))
  let done = 0
  const side = (own: Mixture, other: Mixture): number => {
    let acc = 0
    for (let i = 0; i < own.count; i++) {
      const wi = Math.exp(own.logWeights[i])
      const lOwn = logMixtureAt(own.centres, i * d, own, i, buf) - Math.log1p(-wi)
      const lOther = logMixtureAt(own.centres, i * d, other, -1, buf)
      // A point with no neighbour left in its own set (all weight on it) contributes nothing meaningful: skip.
      if (lOwn === -Infinity || wi >= 1) continue
      acc += wi * logRatioToMixture(lOwn, lOther)
      if (onProgress && (++done & 255) === 0) onProgress(done, total)
    }
    return acc
  }
  const raw = 0.5 * side(mp, mq) + 0.5 * side(mq, mp)
  onProgress?.(total, total)
  const warnings: string[] = []
  if (d >= KDE_HIGH_DIMENSION) {
    warnings.push(`KDE JSD in d = ${d} dimensions is dominated by the bandwidth choice, not the data (kernel density error grows fast with d); use --method noisy (a well-defined target in any d), or fewer columns (--columns)`)
  }
  return {
    raw, stderr: null, warnings,
    params: {bandwidth: {rule: typeof rule === 'number' ? 'fixed' : rule, factor, widths: Array.from(widths)}},
  }
}
