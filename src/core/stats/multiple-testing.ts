import {OptionError} from '../errors.js'

/** The corrections for testing many columns at once: family-wise (Holm), false discovery rate (BH), or none. */
export const CORRECTIONS = ['holm', 'bh', 'none'] as const
export type Correction = (typeof CORRECTIONS)[number]

/** Holm's step-down procedure: it controls the family-wise error rate under any dependence between the tests. */
export const DEFAULT_CORRECTION: Correction = 'holm'

/** A correction named by the user, checked. */
export function parseCorrection(name: string): Correction {
  if ((CORRECTIONS as readonly string[]).includes(name)) return name as Correction
  throw new OptionError('correction', name, `must be one of ${CORRECTIONS.join(', ')}; got '${name}'`)
}

/** The indices of `p` by increasing p-value, ties by position (the adjusted values do not depend on the tie order). */
function ascending(p: ArrayLike<number>): number[] {
  return Array.from({length: p.length}, (_, i) => i).sort((i, j) => p[i] - p[j] || i - j)
}

/**
 * Holm's step-down adjusted p-values (Holm 1979, "A simple sequentially rejective multiple test procedure",
 * Scand. J. Statist. 6(2), 65–70): with p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted, p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎).
 * Rejecting p̃ < α keeps the probability of any false rejection ≤ α, whatever the dependence between the tests.
 * Computed as statsmodels.stats.multitest.multipletests(p, method='holm') does (the product, a running maximum, then
 * the clip at 1), so the values agree to the last bit or so (test/core/stats/reference/multitest.py).
 */
export function holm(p: ArrayLike<number>): Float64Array {
  const m = p.length
  const order = ascending(p)
  const out = new Float64Array(m)
  let running = 0
  order.forEach((index, k) => {
    running = Math.max(running, p[index] * (m - k))
    out[index] = Math.min(1, running)
  })
  return out
}

/**
 * Benjamini–Hochberg step-up adjusted p-values (Benjamini & Hochberg 1995, "Controlling the false discovery rate: a
 * practical and powerful approach to multiple testing", J. R. Statist. Soc. B 57(1), 289–300): with p₍₁₎ ≤ … ≤ p₍ₘ₎,
 * p̃₍ᵢ₎ = min(1, min_{j ≥ i} p₍ⱼ₎·m/j). Rejecting p̃ ≤ α keeps the expected share of false rejections among the
 * rejections ≤ α for independent (or positively dependent) tests. Computed as multipletests(p, method='fdr_bh'):
 * p₍ⱼ₎ / (j/m), a running minimum from the top, then the clip at 1.
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const m = p.length
  const order = ascending(p)
  const out = new Float64Array(m)
  let running = Infinity
  for (let k = m - 1; k >= 0; k--) {
    running = Math.min(running, p[order[k]] / ((k + 1) / m))
    out[order[k]] = Math.min(1, running)
  }
  return out
}

/** The adjusted p-values of `p` under `correction` (`none`: a copy of p). */
export function adjustPValues(p: ArrayLike<number>, correction: Correction): Float64Array {
  if (correction === 'holm') return holm(p)
  if (correction === 'bh') return benjaminiHochberg(p)
  return Float64Array.from(p)
}
