/**
 * log(2p/(p+q)) from log p and log q without overflow: the pointwise log-ratio whose mean under P is KL(P‖M),
 * M = ½(P+Q) (DESIGN.md "JSD"). Never exceeds ln 2; log q = −∞ (q = 0) gives exactly ln 2, and lp = lq gives
 * exactly 0 (log1p(1) is ln 2 in IEEE arithmetic).
 */
export function logRatioToMixture(lp: number, lq: number): number {
  const diff = lq - lp
  return diff <= 0 ? Math.LN2 - Math.log1p(Math.exp(diff)) : Math.LN2 - diff - Math.log1p(Math.exp(-diff))
}

/** A finite mixture Σ_j exp(logWeights_j) · K(‖z − c_j‖²) with K(s) = exp(−s·scale), cut to 0 beyond `radius2`. */
export interface Mixture {
  centres: Float64Array
  count: number
  d: number
  logWeights: Float64Array
  /** 1/(2σ²) in the units of `centres`. */
  scale: number
  /** Squared support radius of each component (Infinity: untruncated). */
  radius2: number
}

/**
 * log Σ_j w_j exp(−scale·‖z − c_j‖²) over the components whose ball contains z (‖z − c_j‖² ≤ radius2), by
 * log-sum-exp: first the smallest admissible exponent, then the shifted sum, so no term underflows to a wrong 0
 * or overflows. −∞ when no component's support contains z — the mixture density is then exactly 0 there.
 * `skip` leaves one component out (leave-one-out KDE). `buf` is scratch of length ≥ count.
 * The normaliser of K is the same for every component and is left out: it cancels in every ratio the JSD uses.
 */
export function logMixtureAt(z: Float64Array, zOffset: number, mix: Mixture, skip: number, buf: Float64Array): number {
  const {centres, count, d, logWeights, scale, radius2} = mix
  let best = Infinity
  for (let j = 0; j < count; j++) {
    let s = 0
    const o = j * d
    for (let c = 0; c < d; c++) {
      const t = z[zOffset + c] - centres[o + c]
      s += t * t
    }
    if (s > radius2 || j === skip) {
      buf[j] = Infinity
      continue
    }
    const e = s * scale - logWeights[j]
    buf[j] = e
    if (e < best) best = e
  }
  if (best === Infinity) return -Infinity
  let sum = 0
  for (let j = 0; j < count; j++) {
    const e = buf[j]
    if (e !== Infinity) sum += Math.exp(best - e)
  }
  return Math.log(sum) - best
}

/** Natural-log weights of a set (uniform −ln n when unweighted). */
export function logWeightsOf(n: number, weights?: Float64Array): Float64Array {
  const out = new Float64Array(n)
  if (!weights) return out.fill(-Math.log(n))
  for (let i = 0; i < n; i++) out[i] = weights[i] > 0 ? Math.log(weights[i]) : -Infinity
  return out
}
