/**
 * Exact W_p between two weighted 1-D empirical measures from their quantile functions:
 * W_p^p = ∫₀¹ |F⁻¹(t) − G⁻¹(t)|^p dt, evaluated exactly by merging the two sorted step functions
 * (Villani 2009, Remark 2.19; the formula SciPy's wasserstein_distance uses for p = 1).
 * O((n+m) log(n+m)); ties and zero weights need no special case.
 *
 * @param x values of P, with weights wx (summing to 1)
 * @param y values of Q, with weights wy (summing to 1)
 * @returns W_p (the p-th root already taken)
 */
export function exactW1D(x: Float64Array, wx: Float64Array, y: Float64Array, wy: Float64Array, p: 1 | 2 = 1): number {
  // Uniform weights need no permutation: sort the values themselves (native typed-array sort, several times faster).
  if (isUniform(wx) && isUniform(wy)) {
    // Equal sizes: the quantile functions step together, so W_p^p = (1/n) Σ |x_(i) − y_(i)|^p (sorted order).
    if (x.length === y.length) return sortedPairs(Float64Array.from(x).sort(), Float64Array.from(y).sort(), p)
    return quantileMerge(
      Float64Array.from(x).sort(),
      wx,
      identity(x.length),
      Float64Array.from(y).sort(),
      wy,
      identity(y.length),
      p,
    )
  }
  return quantileMerge(x, wx, order(x), y, wy, order(y), p)
}

function quantileMerge(
  x: Float64Array,
  wx: Float64Array,
  ox: Uint32Array,
  y: Float64Array,
  wy: Float64Array,
  oy: Uint32Array,
  p: 1 | 2,
): number {
  let i = 0,
    j = 0
  let rx = wx[ox[0]],
    ry = wy[oy[0]]
  let total = 0
  while (i < ox.length && j < oy.length) {
    const step = Math.min(rx, ry)
    const gap = Math.abs(x[ox[i]] - y[oy[j]])
    total += step * (p === 2 ? gap * gap : gap)
    rx -= step
    ry -= step
    // Advance whichever quantile step is used up; on a float tie advance both.
    if (rx <= 1e-15 * Math.max(1, step)) {
      i++
      if (i < ox.length) rx = wx[ox[i]]
    }
    if (ry <= 1e-15 * Math.max(1, step)) {
      j++
      if (j < oy.length) ry = wy[oy[j]]
    }
  }
  return p === 2 ? Math.sqrt(total) : total
}

function sortedPairs(xs: Float64Array, ys: Float64Array, p: 1 | 2): number {
  let total = 0
  for (let i = 0; i < xs.length; i++) {
    const gap = Math.abs(xs[i] - ys[i])
    total += p === 2 ? gap * gap : gap
  }
  total /= xs.length
  return p === 2 ? Math.sqrt(total) : total
}

function isUniform(w: Float64Array): boolean {
  for (let i = 1; i < w.length; i++) if (w[i] !== w[0]) return false
  return true
}

function identity(n: number): Uint32Array {
  const idx = new Uint32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  return idx
}

function order(v: Float64Array): Uint32Array {
  const idx = new Uint32Array(v.length)
  for (let i = 0; i < idx.length; i++) idx[i] = i
  return idx.sort((a, b) => v[a] - v[b] || a - b)
}
