import {type PairOperator, pairOperator} from '../../kernels/index.js'
import {InputError, OptionError, opt} from '../errors.js'
import type {SampleSet} from '../sampleset.js'
import {type BandwidthRule, kernelWidths} from '../stats/bandwidth.js'
import {ensureAffordable, pairWork} from '../work-budget.js'
import {logRatioToMixture, logWeightsOf} from './mixture.js'
import type {Estimate} from './types.js'

/** Dimension beyond which a KDE JSD mostly reflects the bandwidth, not the data (docs/estimators.md "KDE JSD"). */
export const KDE_HIGH_DIMENSION = 6

/**
 * KDE JSD (docs/design.md "JSD", docs/estimators.md "KDE JSD"): Gaussian kernel densities p̂, q̂ with one diagonal bandwidth from the
 * pooled sample, and
 *   JSD ≈ ½ Σ_i a_i log(2p̂₋ᵢ(x_i)/(p̂₋ᵢ(x_i)+q̂(x_i))) + ½ Σ_j b_j log(2q̂₋ⱼ(y_j)/(p̂(y_j)+q̂₋ⱼ(y_j)))
 * with leave-one-out p̂₋ᵢ(x_i) = Σ_{k≠i} a_k φ_H(x_i − x_k)/(1 − a_i) at a sample's own set (removes the self-term
 * bias), log-sum-exp throughout. Kernel normalisers cancel in the ratios and are never computed.
 */
export function kdeJsd(
  p: SampleSet,
  q: SampleSet,
  rule: BandwidthRule = 'scott',
  onProgress?: (done: number, total: number) => void,
): Estimate {
  if (p.n < 2 || q.n < 2)
    throw new InputError(
      `KDE JSD needs at least 2 points in each set (leave-one-out); got ${p.n} and ${q.n} — add points or use ${opt('jsd.method')} noisy`,
    )
  if (typeof rule === 'number' && !(rule > 0 && Number.isFinite(rule)))
    throw new OptionError('bandwidth', rule, `must be scott, silverman or a positive number, got ${rule}`)
  const d = p.d
  const pooled = new Float64Array(p.data.length + q.data.length)
  pooled.set(p.data)
  pooled.set(q.data, p.data.length)
  const total = p.n + q.n
  // Every point's leave-one-out density sums a kernel over all points: (n+m)² pairs.
  ensureAffordable(`KDE JSD on ${p.n} + ${q.n} points in ${d} dimensions`, pairWork(total * total, d))
  const {widths, factor} = kernelWidths(pooled, total, d, rule)
  // Work in bandwidth units: the kernel becomes exp(−½‖u − v‖²).
  for (let i = 0; i < total; i++) for (let c = 0; c < d; c++) pooled[i * d + c] /= widths[c]
  const x = pooled.subarray(0, p.data.length),
    y = pooled.subarray(p.data.length)
  const logA = logWeightsOf(p.n, p.weights),
    logB = logWeightsOf(q.n, q.weights)
  const CHUNK = 256
  const lOwn = new Float64Array(CHUNK),
    lOther = new Float64Array(CHUNK)
  let done = 0
  // Rows in chunks through the shared pair operators (one-pass f32x4 with float64 sums when WebAssembly is built):
  // log Σ_j w_j exp(−½‖u − v_j‖²). Their f32 rounding moves each log-density by ≲ 1e-6·(1 + ½‖u − v‖²) (the
  // exponent's size): far below the estimator's own error (test/kernels/pair-operator.test.ts).
  const side = (
    own: Float64Array,
    nOwn: number,
    logOwn: Float64Array,
    other: Float64Array,
    nOther: number,
    logOther: Float64Array,
  ): number => {
    const self = pairOperator(own, nOwn, own, nOwn, d, 2),
      cross = pairOperator(own, nOwn, other, nOther, d, 2)
    try {
      return sideSums(self, cross, nOwn, logOwn, logOther)
    } finally {
      cross.dispose()
      self.dispose()
    }
  }
  const sideSums = (
    self: PairOperator,
    cross: PairOperator,
    nOwn: number,
    logOwn: Float64Array,
    logOther: Float64Array,
  ): number => {
    let acc = 0
    for (let i0 = 0; i0 < nOwn; i0 += CHUNK) {
      const i1 = Math.min(nOwn, i0 + CHUNK)
      self.lseRows(i0, i1, logOwn, 0.5, null, lOwn, true)
      cross.lseRows(i0, i1, logOther, 0.5, null, lOther)
      for (let i = i0; i < i1; i++) {
        const wi = Math.exp(logOwn[i])
        // A point carrying all of its set's weight has no leave-one-out density: it contributes nothing.
        if (wi >= 1 || lOwn[i - i0] === -Infinity) continue
        acc += wi * logRatioToMixture(lOwn[i - i0] - Math.log1p(-wi), lOther[i - i0])
      }
      done += i1 - i0
      onProgress?.(done, total)
    }
    return acc
  }
  const raw = 0.5 * side(x, p.n, logA, y, q.n, logB) + 0.5 * side(y, q.n, logB, x, p.n, logA)
  onProgress?.(total, total)
  const warnings: string[] = []
  if (d >= KDE_HIGH_DIMENSION) {
    warnings.push(
      `KDE JSD in d = ${d} dimensions is dominated by the bandwidth choice, not the data (kernel density error grows fast with d); use ${opt('jsd.method')} noisy (a well-defined target in any d), or fewer columns (${opt('columns')})`,
    )
  }
  return {
    raw,
    stderr: null,
    warnings,
    params: {bandwidth: {rule: typeof rule === 'number' ? 'fixed' : rule, factor, widths: Array.from(widths)}},
  }
}
