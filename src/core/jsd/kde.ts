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
 * Fewest (effective) points per set for which the KDE JSD is trusted: below it the estimate is flagged unreliable.
 * On the Gaussian panel of bench/jsd-panel.mjs (d = 1–3) 200 points a side keep every estimate within
 * max(0.02 nats, 35 %) of the quadrature truth; 100 do not (bench/RESULTS.md "KDE JSD panel").
 */
export const KDE_MIN_POINTS = 200

/**
 * Largest gap in nats between the two plug-in forms of the KDE JSD (the bounded entropy form that is reported and
 * the leave-one-out log-ratio form) before the estimate is flagged unreliable. Both estimate the same JSD when the
 * kernel densities are right; on the panel of bench/jsd-panel.mjs with ≥ 200 points a side (shifts 0, 0.5, 1) the gap
 * stays below 0.07 (0.061 on the shifted panel), while a bandwidth far too small (e.g. 0.01 on unit-variance data) opens it to several nats.
 */
export const KDE_FORM_GAP = 0.1

/**
 * Share of the mass lying where no kernel of its own set reaches (≳ 38 bandwidths from every other point, where
 * exp(−½s) underflows) above which the estimate is flagged: there the kernel density says nothing.
 */
const ISOLATED_SHARE = 0.01

/**
 * KDE JSD (docs/design.md "JSD", docs/estimators.md "KDE JSD"). Each set gets its own Gaussian kernel density with a
 * diagonal bandwidth from its own size and spread (Scott 1992 §6.3: h_c = n^(−1/(d+4))·s_c; a fixed width is the same
 * for both; a column constant in one set uses the spread of P ∪ Q, `constantColumns`), so 10 points against 2 500 are not smoothed with the 2 510-point width. With η̂(z) = p̂(z)/(p̂(z)+q̂(z))
 * the classifier posterior of the mixture M = ½(P+Q), the JSD is the mutual information between a point of M and its
 * label, JSD = ln 2 − E_M[h(η(Z))] with h the binary entropy in nats (Lin 1991, IEEE Trans. Inf. Theory 37(1) §III;
 * the plug-in "resubstitution" form), estimated as
 *   JSD ≈ ½ Σ_i a_i (ln 2 − h(η̂₋ᵢ(x_i))) + ½ Σ_j b_j (ln 2 − h(η̂₋ⱼ(y_j))),
 * every term in [0, ln 2], so the estimate lies in [0, ln 2] by construction. η̂₋ᵢ uses the leave-one-out density of
 * the point's own set, p̂₋ᵢ(x_i) = Σ_{k≠i} a_k φ_{H_P}(x_i − x_k)/(1 − a_i) (no self-term), and the other set's
 * full density. The log-ratio form ½ Σ_i a_i log(2p̂₋ᵢ/(p̂₋ᵢ+q̂)) + ½ Σ_j b_j log(2q̂₋ⱼ/(p̂+q̂₋ⱼ)) (the estimator
 * before issue 19) is computed alongside as a check: the two agree when the densities are right, and their gap is
 * what `unreliable` is judged on (KDE_FORM_GAP), with sets smaller than KDE_MIN_POINTS. Log-sum-exp throughout; the
 * kernels' common 2π factor cancels, the per-set −Σ log h_c does not and is included.
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
  const total = p.n + q.n
  // Every point's two densities sum a kernel over all points: (n+m)² pairs.
  ensureAffordable(`KDE JSD on ${p.n} + ${q.n} points in ${d} dimensions`, pairWork(total * total, d))
  const wp = kernelWidths(p.data, p.n, d, rule),
    wq = kernelWidths(q.data, q.n, d, rule)
  constantColumns(p, q, wp, wq)
  let logNormP = 0,
    logNormQ = 0
  for (let c = 0; c < d; c++) {
    logNormP -= Math.log(wp.widths[c])
    logNormQ -= Math.log(wq.widths[c])
  }
  // Both sets in the units of each set's bandwidth: that set's kernel becomes exp(−½‖u − v‖²).
  const scaled = (data: Float64Array, widths: Float64Array) => {
    const out = new Float64Array(data.length)
    for (let i = 0; i < data.length; i++) out[i] = data[i] / widths[i % d]
    return out
  }
  const xP = scaled(p.data, wp.widths),
    yP = scaled(q.data, wp.widths),
    xQ = scaled(p.data, wq.widths),
    yQ = scaled(q.data, wq.widths)
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
    ownSelf: Float64Array,
    otherAtOwn: Float64Array,
    otherPts: Float64Array,
    nOwn: number,
    nOther: number,
    logOwn: Float64Array,
    logOther: Float64Array,
    normOwn: number,
    normOther: number,
  ): SideSums => {
    const self = pairOperator(ownSelf, nOwn, ownSelf, nOwn, d, 2),
      cross = pairOperator(otherAtOwn, nOwn, otherPts, nOther, d, 2)
    try {
      return sideSums(self, cross, nOwn, logOwn, logOther, normOwn, normOther)
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
    normOwn: number,
    normOther: number,
  ): SideSums => {
    const s: SideSums = {entropy: 0, entropySq: 0, logRatio: 0, isolated: 0}
    for (let i0 = 0; i0 < nOwn; i0 += CHUNK) {
      const i1 = Math.min(nOwn, i0 + CHUNK)
      self.lseRows(i0, i1, logOwn, 0.5, null, lOwn, true)
      cross.lseRows(i0, i1, logOther, 0.5, null, lOther)
      for (let i = i0; i < i1; i++) {
        const wi = Math.exp(logOwn[i])
        // A point carrying all of its set's weight has no leave-one-out density: it contributes nothing.
        if (wi >= 1) continue
        // No kernel of its own set reaches the point (≳ 38 bandwidths from all of them): no evidence there.
        if (lOwn[i - i0] === -Infinity) {
          s.isolated += wi
          continue
        }
        const lp = lOwn[i - i0] - Math.log1p(-wi) + normOwn,
          lq = lOther[i - i0] + normOther
        const t = Math.LN2 - binaryEntropy(lp, lq)
        s.entropy += wi * t
        s.entropySq += wi * t * t
        s.logRatio += wi * logRatioToMixture(lp, lq)
      }
      done += i1 - i0
      onProgress?.(done, total)
    }
    return s
  }
  const a = side(xP, xQ, yQ, p.n, q.n, logA, logB, logNormP, logNormQ)
  const b = side(yQ, yP, xP, q.n, p.n, logB, logA, logNormQ, logNormP)
  onProgress?.(total, total)
  // Every term is in [0, ln 2] and the weights of a side sum to ≤ 1, so this is in [0, ln 2] up to the rounding of
  // the weights' sum (≤ 1 + n·ε), which the min removes.
  const raw = Math.min(Math.LN2, 0.5 * a.entropy + 0.5 * b.entropy)
  const logRatio = 0.5 * a.logRatio + 0.5 * b.logRatio
  // Per-point standard error of the reported form (sampling only: it ignores the smoothing bias and the dependence
  // between points through the densities), ½√(Var_P/n_eff + Var_Q/m_eff).
  const nP = effectiveSize(p),
    nQ = effectiveSize(q)
  const varOf = (s: SideSums) => Math.max(0, s.entropySq - s.entropy * s.entropy)
  const stderr = 0.5 * Math.sqrt(varOf(a) / nP + varOf(b) / nQ)
  const gap = Math.abs(raw - logRatio)
  const warnings: string[] = []
  const reasons: string[] = []
  if (Math.min(nP, nQ) < KDE_MIN_POINTS)
    reasons.push(
      `${Math.min(nP, nQ) === nP ? 'P' : 'Q'} has ${fmt(Math.min(nP, nQ))} ${p.weights || q.weights ? 'effective ' : ''}points, fewer than the ${KDE_MIN_POINTS} a kernel density needs to be trusted here`,
    )
  if (!(gap <= KDE_FORM_GAP))
    reasons.push(
      `its two plug-in forms disagree by ${fmt(gap)} nats (entropy form ${fmt(raw)}, leave-one-out log-ratio form ${fmt(logRatio)}; more than ${KDE_FORM_GAP}): the kernel densities are off${typeof rule === 'number' ? ` — the ${opt('bandwidth')} given may be far too small or too large for these data` : ''}`,
    )
  const isolated = 0.5 * a.isolated + 0.5 * b.isolated
  if (isolated > ISOLATED_SHARE)
    reasons.push(
      `${fmt(100 * isolated)}% of the mass lies where no kernel of its own set reaches (the bandwidth is far too small for these data)`,
    )
  if (d >= KDE_HIGH_DIMENSION) {
    warnings.push(
      `KDE JSD in d = ${d} dimensions is dominated by the bandwidth choice, not the data (kernel density error grows fast with d); use ${opt('jsd.method')} noisy (a well-defined target in any d), or fewer columns (${opt('columns')})`,
    )
  }
  const ruleName = typeof rule === 'number' ? 'fixed' : rule
  return {
    raw,
    stderr,
    warnings,
    ...(reasons.length > 0 ? {unreliable: reasons.join('; ')} : {}),
    params: {
      bandwidth: {
        rule: ruleName,
        p: {factor: wp.factor, widths: Array.from(wp.widths)},
        q: {factor: wq.factor, widths: Array.from(wq.widths)},
      },
      check: {logRatio, gap, tolerance: KDE_FORM_GAP},
    },
  }
}

/**
 * A column constant within one set (zero spread, e.g. WGAN Example 1's lines x = 0 and x = 1) has no width of its
 * own: it takes the set's factor × the column's spread in P ∪ Q, so two sets on parallel lines 1 apart are not
 * blurred together by a unit width. Only a column constant in P ∪ Q keeps width 1 (every point shares its value,
 * so the kernel factor is the same for all pairs and cancels).
 */
function constantColumns(
  p: SampleSet,
  q: SampleSet,
  wp: ReturnType<typeof kernelWidths>,
  wq: ReturnType<typeof kernelWidths>,
): void {
  if (wp.factor === null || wq.factor === null) return
  const d = p.d
  for (let c = 0; c < d; c++) {
    if (wp.spread[c] > 0 && wq.spread[c] > 0) continue
    let sum = 0
    for (const s of [p, q]) for (let i = 0; i < s.n; i++) sum += s.data[i * d + c]
    const total = p.n + q.n
    const mean = sum / total
    let ss = 0
    for (const s of [p, q]) for (let i = 0; i < s.n; i++) ss += (s.data[i * d + c] - mean) ** 2
    const pooled = Math.sqrt(ss / (total - 1))
    if (!(pooled > 0)) continue
    if (!(wp.spread[c] > 0)) wp.widths[c] = wp.factor * pooled
    if (!(wq.spread[c] > 0)) wq.widths[c] = wq.factor * pooled
  }
}

interface SideSums {
  /** Σ w·(ln 2 − h(η̂)), Σ w·(ln 2 − h(η̂))², Σ w·log(2p̂/(p̂+q̂)), and the mass of points no own kernel reaches. */
  entropy: number
  entropySq: number
  logRatio: number
  isolated: number
}

/**
 * h(η) = −η ln η − (1−η) ln(1−η) in nats for η = p/(p+q), from log p and log q without overflow (q = 0 gives 0).
 * With t = log q − log p: ln η = −log1p(e^t), ln(1−η) = t − log1p(e^t) (mirrored for t > 0 so e^t never overflows).
 */
export function binaryEntropy(lp: number, lq: number): number {
  let t = lq - lp
  if (t === -Infinity || t === Infinity) return 0
  if (t > 0) t = -t
  // Now t ≤ 0: the larger of η, 1−η is e^{l1}, the smaller e^{l2}.
  const l1 = -Math.log1p(Math.exp(t)),
    l2 = t + l1
  // h ≤ ln 2 exactly; exp(−ln 2) rounds to 0.5 + 1 ulp, which would put h an ulp above it.
  return Math.min(Math.LN2, -(Math.exp(l1) * l1 + Math.exp(l2) * l2))
}

/** Kish's effective sample size (Σw)²/Σw² (n when unweighted). */
export function effectiveSize(s: SampleSet): number {
  if (!s.weights) return s.n
  let sum = 0,
    sq = 0
  for (let i = 0; i < s.n; i++) {
    sum += s.weights[i]
    sq += s.weights[i] * s.weights[i]
  }
  return sq > 0 ? (sum * sum) / sq : 0
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString()
}
