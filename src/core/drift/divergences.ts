/**
 * Divergences between two discrete distributions given as counts (or frequencies) over the same bins or categories.
 * Each normalises its inputs to proportions first.
 */

function proportions(counts: ArrayLike<number>): Float64Array {
  let total = 0
  for (let i = 0; i < counts.length; i++) total += counts[i]
  const p = new Float64Array(counts.length)
  for (let i = 0; i < counts.length; i++) p[i] = counts[i] / total
  return p
}

/**
 * Jensen–Shannon divergence in nats, JSD = ½ KL(p ‖ m) + ½ KL(q ‖ m) with m = (p + q)/2 and 0 ln 0 = 0
 * (Lin 1991, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37(1)); the square of
 * scipy.spatial.distance.jensenshannon(p, q). Between 0 and ln 2.
 */
export function jsdOfCounts(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const p = proportions(a),
    q = proportions(b)
  let total = 0
  for (let i = 0; i < p.length; i++) {
    const m = 0.5 * (p[i] + q[i])
    if (p[i] > 0) total += 0.5 * p[i] * Math.log(p[i] / m)
    if (q[i] > 0) total += 0.5 * q[i] * Math.log(q[i] / m)
  }
  return Math.min(Math.LN2, Math.max(0, total))
}

/** Total variation distance ½ Σ |p_i − q_i| (between 0 and 1). */
export function tvdOfCounts(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const p = proportions(a),
    q = proportions(b)
  let total = 0
  for (let i = 0; i < p.length; i++) total += Math.abs(p[i] - q[i])
  return 0.5 * total
}

/** The proportion floor of the PSI: an empty bin would make ln(q/p) infinite. */
export const PSI_FLOOR = 1e-4

/**
 * Population stability index Σ (q_i − p_i) ln(q_i/p_i) over bins, each proportion floored at 1e-4 (the usual
 * credit-scoring convention; Yurdakul 2018, "Statistical properties of population stability index", §2).
 */
export function psiOfCounts(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const p = proportions(a),
    q = proportions(b)
  let total = 0
  for (let i = 0; i < p.length; i++) {
    const pi = Math.max(p[i], PSI_FLOOR),
      qi = Math.max(q[i], PSI_FLOOR)
    total += (qi - pi) * Math.log(qi / pi)
  }
  return total
}
