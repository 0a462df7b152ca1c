/** A bandwidth rule name, or an explicit bandwidth in input units (the same in every dimension). */
export type BandwidthRule = 'scott' | 'silverman' | number

/**
 * Scott's factor n^(−1/(d+4)) and Silverman's (n(d+2)/4)^(−1/(d+4)) (Scott 1992 §6.3; Silverman 1986 §4.3.2;
 * the factors of scipy.stats.gaussian_kde). They multiply the data's spread — unlike sklearn's
 * KernelDensity, which uses the bare factor (scikit-learn#25623).
 */
export function bandwidthFactor(rule: 'scott' | 'silverman', n: number, d: number): number {
  return rule === 'scott' ? n ** (-1 / (d + 4)) : ((n * (d + 2)) / 4) ** (-1 / (d + 4))
}

/**
 * Per-dimension Gaussian kernel widths h_c = factor · s_c, with s_c the standard deviation of column c in the
 * pooled rows (a diagonal version of scipy's factor² · covariance). Being diagonal, it needs no matrix inverse and so
 * works for data on a lower-dimensional subspace, where scipy's full-covariance KDE raises (scipy#10205).
 * A column with zero pooled spread gets h_c = 1: every point shares its value, so its kernel factor is the same
 * for all pairs and cancels in the density ratios the JSD uses.
 * `data` holds `rows` rows of `d` values, already scaled so that squares cannot overflow.
 */
export function kernelWidths(
  data: Float64Array,
  rows: number,
  d: number,
  rule: BandwidthRule,
): {widths: Float64Array; factor: number | null; spread: Float64Array} {
  const spread = new Float64Array(d)
  for (let c = 0; c < d; c++) {
    let mean = 0
    for (let i = 0; i < rows; i++) mean += data[i * d + c]
    mean /= rows
    let ss = 0
    for (let i = 0; i < rows; i++) ss += (data[i * d + c] - mean) ** 2
    spread[c] = rows > 1 ? Math.sqrt(ss / (rows - 1)) : 0
  }
  const widths = new Float64Array(d)
  if (typeof rule === 'number') {
    widths.fill(rule)
    return {widths, factor: null, spread}
  }
  const factor = bandwidthFactor(rule, rows, d)
  for (let c = 0; c < d; c++) widths[c] = spread[c] > 0 ? factor * spread[c] : 1
  return {widths, factor, spread}
}
