import {chi2Sf} from '../stats/chi2.js'

/**
 * The p-value of Pearson's chi-square test of independence on the 2 × K table of category counts (row 0: P, row 1:
 * Q), as scipy.stats.chi2_contingency with its defaults: expected counts from the margins, dof = K − 1, Yates'
 * continuity correction when dof = 1 (each |observed − expected| reduced by up to ½), p = P(χ²_dof > statistic).
 * K = 1 (one category on both sides) has dof 0 and p = 1. Every category has a positive total by construction.
 */
export function chi2ContingencyPValue(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
): {statistic: number; dof: number; pValue: number} {
  const k = p.length
  const dof = k - 1
  if (dof === 0) return {statistic: 0, dof, pValue: 1}
  let np = 0,
    nq = 0
  for (let i = 0; i < k; i++) {
    np += p[i]
    nq += q[i]
  }
  const total = np + nq
  let statistic = 0
  for (let i = 0; i < k; i++) {
    const col = p[i] + q[i]
    for (const [observed, rowTotal] of [
      [p[i], np],
      [q[i], nq],
    ]) {
      const expected = (rowTotal * col) / total
      let diff = Math.abs(observed - expected)
      if (dof === 1) diff = Math.max(0, diff - Math.min(0.5, diff))
      statistic += (diff * diff) / expected
    }
  }
  return {statistic, dof, pValue: chi2Sf(dof, statistic)}
}
