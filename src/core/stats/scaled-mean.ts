/**
 * The mean of finite values whose plain sum overflows float64 (values near ±1e308): Σ (xᵢ/n), compensated
 * (Neumaier), never exceeds max |xᵢ| in magnitude, so it stays finite where Σ xᵢ / n is ∞/n or ∞ − ∞ = NaN. Callers
 * use it only when the ordinary mean is not finite, so results on ordinary data keep their last digits.
 * Non-finite cells (missing values) are skipped; `null` when there is none left.
 */
export function scaledMean(values: ArrayLike<number>): number | null {
  let count = 0
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) count++
  if (count === 0) return null
  let sum = 0,
    c = 0
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    if (!Number.isFinite(x)) continue
    const y = x / count
    const t = sum + y
    c += Math.abs(sum) >= Math.abs(y) ? sum - t + y : y - t + sum
    sum = t
  }
  return sum + c
}
