/**
 * W1 and the KS statistic of two sorted samples from one merge of them, instead of one merge each (./w1.ts,
 * ./ks.ts): both walk the merged distinct values t in order with i, j = the values ≤ t in each sample.
 * - W1 = Σ |i/n − j/m| · (t − t_prev) over the merged support (i, j counted before t; Villani 2009, Remark 2.19),
 *   the terms of ./w1.ts w1SortedPlain in the same order, so the same float64 sum.
 * - KS: the largest |i·m − j·n| (i, j counted through t), an exact integer, as ./ks.ts ks2samp finds it.
 * The caller uses w1Sorted instead when n = m (its quantile-difference form) or when this sum overflowed.
 */
export function mergeStatistics(xs: Float64Array, ys: Float64Array): {w1: number; ksMaxDiff: number} {
  const n = xs.length,
    m = ys.length
  let i = 0,
    j = 0,
    total = 0,
    maxUp = 0,
    maxDown = 0
  let prev = Math.min(xs[0], ys[0])
  // While both have values left: t is the smaller head (both when equal), its term added with i, j before t, then
  // every copy of t passed. The same t, i, j and terms as the general loop below, in one comparison per step (−0
  // and +0 are equal to `<=`, so the sign of a zero t changes no term).
  while (i < n && j < m) {
    const x = xs[i],
      y = ys[j]
    const t = Math.min(x, y)
    total += Math.abs(i / n - j / m) * (t - prev)
    if (x <= t) {
      i++
      while (i < n && xs[i] <= t) i++
    }
    if (y <= t) {
      j++
      while (j < m && ys[j] <= t) j++
    }
    const diff = i * m - j * n
    if (diff > maxUp) maxUp = diff
    if (-diff > maxDown) maxDown = -diff
    prev = t
  }
  while (i < n || j < m) {
    const t = j >= m || (i < n && xs[i] <= ys[j]) ? xs[i] : ys[j]
    total += Math.abs(i / n - j / m) * (t - prev)
    while (i < n && xs[i] <= t) i++
    while (j < m && ys[j] <= t) j++
    const diff = i * m - j * n
    if (diff > maxUp) maxUp = diff
    if (-diff > maxDown) maxDown = -diff
    prev = t
  }
  return {w1: total, ksMaxDiff: Math.max(maxUp, maxDown)}
}
