import {kolmogorovSf} from './kolmogorov.js'

/** SciPy's `MAX_AUTO_N`: `method='auto'` is exact when both samples have at most this many values. */
export const KS_EXACT_MAX_N = 10000

/** The two-sample Kolmogorov–Smirnov test of two sorted samples. */
export interface KsResult {
  /** D = sup_t |F_P(t) − F_Q(t)|. */
  statistic: number
  /** Two-sided p-value. */
  pValue: number
  method: 'exact' | 'asymp'
}

/**
 * The two-sample KS test exactly as `scipy.stats.ks_2samp(x, y)` with its defaults (two-sided, method='auto'):
 * D from the two empirical CDFs (ties included, as SciPy's searchsorted(side='right')); the exact null distribution
 * when max(m, n) ≤ 10 000 (Hodges 1958, "The significance probability of the Smirnov two-sample test", Ark. Mat.
 * 3(43), with Viehmann's 1 − p recursion, arXiv:2102.08037), else the one-sample distribution `kstwo` at
 * n = round(mn/(m+n)) (./kolmogorov.ts). `xs` and `ys` must be sorted ascending, without NaN.
 */
export function ks2samp(xs: Float64Array, ys: Float64Array): KsResult {
  const n1 = xs.length,
    n2 = ys.length
  if (n1 === 0 || n2 === 0) throw new Error('internal: ks2samp of an empty sample')
  // max over the merged values of |i·n2 − j·n1|, an exact integer (i, j: values ≤ t in each sample).
  let i = 0,
    j = 0,
    maxUp = 0,
    maxDown = 0
  while (i < n1 || j < n2) {
    const t = j >= n2 || (i < n1 && xs[i] <= ys[j]) ? xs[i] : ys[j]
    while (i < n1 && xs[i] <= t) i++
    while (j < n2 && ys[j] <= t) j++
    const diff = i * n2 - j * n1
    if (diff > maxUp) maxUp = diff
    if (-diff > maxDown) maxDown = -diff
  }
  return ks2sampOfMaxDiff(n1, n2, Math.max(maxUp, maxDown))
}

/**
 * ks2samp from the sample sizes and max |i·n2 − j·n1| over the merged values (the exact integer ks2samp finds, or
 * ./merge.ts mergeStatistics beside W1): the statistic and its p-value.
 */
export function ks2sampOfMaxDiff(n1: number, n2: number, maxDiff: number): KsResult {
  if (n1 === 0 || n2 === 0) throw new Error('internal: ks2samp of an empty sample')
  // SciPy forms i/n1 − j/n2 in floating point; the rational maxDiff/(n1·n2) agrees with it to ~1e-16 relative.
  const d = maxDiff / n1 / n2
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const g = gcd(n1, n2)
    // d·lcm(n1, n2) = maxDiff / g exactly: every i·n2 − j·n1 is a multiple of g.
    const h = Math.round(maxDiff / g)
    const lcm = (n1 / g) * n2
    const exactD = h / lcm
    if (h === 0) return {statistic: exactD, pValue: 1, method: 'exact'}
    const p = n1 === n2 ? outsideSquare(n1, h) : outsideInside(n1, n2, g, h)
    if (p >= 0 && p <= 1) return {statistic: exactD, pValue: p, method: 'exact'}
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1]
  const en = (m * n) / (m + n)
  return {statistic: d, pValue: Math.min(1, Math.max(0, kolmogorovSf(roundHalfEven(en), d))), method: 'asymp'}
}

/**
 * P(D_{n,n} ≥ h/n) = 2 Σ_k (−1)^{k+1} C(2n, n − kh)/C(2n, n), in SciPy's Horner form (`_compute_prob_outside_square`)
 * to avoid the cancellation of the alternating sum.
 */
function outsideSquare(n: number, h: number): number {
  let P = 0
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1)
    P = p1 * (1 - P)
  }
  return 2 * P
}

/**
 * The share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm(m,n), computed directly as
 * 1 − p by Viehmann's recursion over one sliding column (SciPy's `_compute_outer_prob_inside_method`).
 */
function outsideInside(a: number, b: number, g: number, h: number): number {
  const m = Math.max(a, b),
    n = Math.min(a, b)
  const mg = m / g,
    ng = n / g
  let minj = 0
  let maxj = Math.min(Math.ceil(h / mg), n + 1)
  let curlen = maxj - minj
  const lenA = Math.min(2 * maxj + 2, n + 1)
  const A = new Float64Array(Math.max(lenA, n + 2)).fill(1)
  for (let k = minj; k < maxj; k++) A[k] = 0
  for (let i = 1; i <= m; i++) {
    const lastminj = minj,
      lastlen = curlen
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n)
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1)
    if (maxj <= minj) return 1
    let val = minj === 0 ? 0 : 1
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j)
      A[jj] = val
    }
    curlen = maxj - minj
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen))
  }
  return A[maxj - minj - 1]
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

/** NumPy's round (half to even), which SciPy applies to mn/(m+n). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}
