import {scaledMean} from './scaled-mean.js'

/** min, mean, max and sum of a column's finite values (NaN cells — missing — are counted, not summed). */
export interface ColumnSummary {
  min: number | null
  mean: number | null
  max: number | null
  sum: number | null
  missing: number
}

/**
 * Summarises one column in a single pass; the sum is compensated (Neumaier) so that `sum` matches a
 * float64 reference to the last digits even over a million rows. `null` when no value is finite.
 */
export function columnSummary(values: ArrayLike<number>): ColumnSummary {
  let min = Infinity,
    max = -Infinity,
    sum = 0,
    c = 0,
    count = 0,
    missing = 0
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    if (!Number.isFinite(x)) {
      missing++
      continue
    }
    if (x < min) min = x
    if (x > max) max = x
    const t = sum + x
    c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum
    sum = t
    count++
  }
  if (count === 0) return {min: null, mean: null, max: null, sum: null, missing}
  const total = sum + c
  // Near ±1e308 the sum overflows (∞, or NaN once the compensation meets ∞ − ∞) while the mean exists.
  if (!Number.isFinite(total)) return {min, mean: scaledMean(values), max, sum: null, missing}
  return {min, mean: total / count, max, sum: total, missing}
}
