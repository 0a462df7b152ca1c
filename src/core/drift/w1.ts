/**
 * W1 between the empirical measures of two sorted samples (uniform weights): W1 = ∫ |F_P(t) − F_Q(t)| dt over the
 * merged support (Villani 2009, Remark 2.19; the formula of scipy.stats.wasserstein_distance). The general weighted
 * version is src/core/ot/exact1d.ts; this one takes the already-sorted columns so that drift sorts each column once.
 */
export function w1Sorted(xs: Float64Array, ys: Float64Array): number {
  const n = xs.length,
    m = ys.length
  const w = w1SortedPlain(xs, ys)
  if (Number.isFinite(w)) return w
  // Near ±1e308 a sum of gaps (or one gap t − prev) overflows while W1 itself may be finite. Scaling by a power of
  // two is exact (only cells below ~1e-300 lose bits, and the sum that overflowed means W1 ≥ 1.7e308/(n + m)); at
  // 2⁻⁽⌈log₂(n+m)⌉⁺²⁾ no gap and no sum of n gaps can overflow, so the answer is the same number whenever it is
  // representable, and ∞ only when W1 itself exceeds float64.
  const scale = 2 ** -(Math.ceil(Math.log2(n + m)) + 2)
  return (
    w1SortedPlain(
      xs.map((x) => x * scale),
      ys.map((y) => y * scale),
    ) / scale
  )
}

function w1SortedPlain(xs: Float64Array, ys: Float64Array): number {
  const n = xs.length,
    m = ys.length
  if (n === m) {
    // Equal sizes: the quantile functions step together.
    let total = 0
    for (let i = 0; i < n; i++) total += Math.abs(xs[i] - ys[i])
    return total / n
  }
  let i = 0,
    j = 0,
    total = 0
  let prev = Math.min(xs[0], ys[0])
  while (i < n || j < m) {
    const t = j >= m || (i < n && xs[i] <= ys[j]) ? xs[i] : ys[j]
    // On [prev, t) the CDFs are i/n and j/m.
    total += Math.abs(i / n - j / m) * (t - prev)
    while (i < n && xs[i] <= t) i++
    while (j < m && ys[j] <= t) j++
    prev = t
  }
  return total
}
