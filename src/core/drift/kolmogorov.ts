/**
 * The distribution of the one-sample two-sided Kolmogorov–Smirnov statistic D_n, as SciPy's `kstwo` computes it
 * (scipy/stats/_ksstats.py, `_kolmogn`, following Simard & L'Ecuyer 2011, "Computing the two-sided
 * Kolmogorov–Smirnov distribution", J. Stat. Softw. 39(11)). Only the survival function is needed here: it is the
 * large-sample p-value of the two-sample test with n = round(m·n/(m+n)) (`ks2samp` in ./ks.ts).
 */

import {smirnovSf} from './smirnov.js'

const E128 = 2 ** 128
const EM128 = 2 ** -128
const MIN_LOG = -708
const SQRT2PI = Math.sqrt(2 * Math.PI)
const PI2 = Math.PI ** 2,
  PI4 = Math.PI ** 4,
  PI6 = Math.PI ** 6
/** B_{2j}/(2j(2j−1)) for j = 8..1 (Stirling's series), as SciPy's `_STIRLING_COEFFS`. */
const STIRLING = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
]

const clip = (p: number) => Math.min(1, Math.max(0, p))

/**
 * P(D_n > x) for the one-sample two-sided statistic: Ruben–Gambino closed forms at the ends, 2·smirnov(n, x) where
 * the one-sided tails cannot overlap (x ≥ 0.5) or the Miller approximation is exact to double precision
 * (n x² ≥ 2.2 for n > 140, ≥ 4 for n ≤ 140), the Durbin matrix (Marsaglia–Tsang–Wang 2003) or Pomeranz (1974) for
 * small n, and Pelz–Good (1976) otherwise. The case split is SciPy's, so the values agree with `kstwo.sf`.
 */
export function kolmogorovSf(n: number, x: number): number {
  if (!(Number.isInteger(n) && n > 0)) throw new Error(`internal: kolmogorovSf needs a positive integer n, got ${n}`)
  if (x >= 1) return 0
  if (x <= 0) return 1
  const t = n * x
  if (t <= 1) {
    if (t <= 0.5) return 1
    let cdf: number
    if (n <= 140) {
      cdf = 1
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1)
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1))
    }
    return clip(1 - cdf)
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n)
  if (x >= 0.5) return clip(2 * smirnovSf(n, x))
  const nx2 = t * x
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip(1 - durbinMatrixCdf(n, x))
    if (nx2 <= 4) return clip(1 - pomeranzCdf(n, x))
    return clip(2 * smirnovSf(n, x))
  }
  if (nx2 >= 370) return 0
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x))
  let cdf: number
  if (nx2 >= 18) cdf = 1
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdf = durbinMatrixCdf(n, x)
  else cdf = pelzGoodCdf(n, x)
  return clip(1 - cdf)
}

/** ln(n!/nⁿ) by Stirling's series with n ln n removed up front (no cancellation). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n
  let poly = 0
  for (const c of STIRLING) poly = poly * (rn / n) + c
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly
}

/**
 * P(D_n ≤ d) by Durbin's matrix method in the form of Marsaglia, Tsang & Wang (2003), "Evaluating Kolmogorov's
 * distribution", J. Stat. Softw. 8(18): with d = (k − h)/n, the (k, k) entry of (n!/nⁿ)·Hⁿ for a (2k−1)² matrix H,
 * powers by squaring with a separate binary exponent against overflow.
 */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1
  const nd = n * d
  if (nd <= 0.5) return 0
  const k = Math.ceil(nd)
  const h = k - nd
  const m = 2 * k - 1
  let H: Float64Array = new Float64Array(m * m)
  const v = new Float64Array(m)
  const w = new Float64Array(m)
  let fac = 1
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac
    fac /= j
    v[j - 1] = (1 - h ** j) * fac
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m
  v[m - 1] = (1 + tt) * fac
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1]
  for (let r = 0; r < m; r++) H[r * m] = v[r]
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]
  let P: Float64Array = new Float64Array(m * m)
  for (let i = 0; i < m; i++) P[i * m + i] = 1
  let nn = n,
    expnt = 0,
    hExpnt = 0
  while (nn > 0) {
    if (nn % 2) {
      P = matmul(P, H, m)
      expnt += hExpnt
    }
    H = matmul(H, H, m)
    hExpnt *= 2
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > E128) {
      for (let i = 0; i < H.length; i++) H[i] /= E128
      hExpnt += 128
    }
    nn = Math.floor(nn / 2)
  }
  let p = P[(k - 1) * m + (k - 1)]
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n
    if (Math.abs(p) < EM128) {
      p *= E128
      expnt -= 128
    }
  }
  return expnt !== 0 ? p * 2 ** expnt : p
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]
      if (ail === 0) continue
      for (let j = 0; j < m; j++) c[i * m + j] += ail * b[l * m + j]
    }
  }
  return c
}

/** Row limits [j1, j2] of Pomeranz's recursion for row i (SciPy's `_pomeranz_compute_j1j2`). */
function pomeranzLimits(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number, j2: number
  if (i === 0) {
    j1 = -ll - ceilf - 1
    j2 = ll + ceilf - 1
  } else {
    const half = Math.floor((i + 1) / 2),
      odd = (i + 1) % 2
    if (odd === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1
        j2 = n + ll + ceilf - 1
      } else {
        j1 = half - 1 - ll - roundf - 1
        j2 = half + ll - 1 + ceilf - 1
      }
    } else {
      j1 = half - 1 - ll - 1
      j2 = half + ll + roundf - 1
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)]
}

/**
 * P(D_n ≤ x) by Pomeranz's recursion (Pomeranz 1974, "Exact cumulative distribution of the Kolmogorov–Smirnov
 * statistic for small samples", CACM 17(12); as restructured by Simard & L'Ecuyer 2011 §2.2): each row is the
 * previous one convolved with truncated Poisson weights; n! times the last entry of the last row.
 */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x
  const ll = Math.floor(t)
  const f = t - ll
  const g = Math.min(f, 1 - f)
  const ceilf = f > 0 ? 1 : 0
  const roundf = f > 0.5 ? 1 : 0
  const npwrs = 2 * (ll + 1)
  const gpower = new Float64Array(npwrs),
    twogpower = new Float64Array(npwrs),
    onem2gpower = new Float64Array(npwrs)
  gpower[0] = twogpower[0] = onem2gpower[0] = 1
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * (g / n)) / m
    twogpower[m] = (twogpower[m - 1] * ((2 * g) / n)) / m
    onem2gpower[m] = (onem2gpower[m - 1] * ((1 - 2 * g) / n)) / m
  }
  let V0 = new Float64Array(npwrs),
    V1 = new Float64Array(npwrs)
  V1[0] = 1
  let V0s = 0,
    V1s = 0,
    expnt = 0
  let [j1, j2] = pomeranzLimits(0, n, ll, ceilf, roundf)
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1
    const swap = V0
    V0 = V1
    V1 = swap
    const s = V0s
    V0s = V1s
    V1s = s
    V1.fill(0)
    ;[j1, j2] = pomeranzLimits(i, n, ll, ceilf, roundf)
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower
    const ln2 = j2 - k1 + 1
    if (ln2 > 0) {
      // The convolution of V0[k1 − V0s .. + ln2) with pwrs[0 .. ln2), entries conv_start .. conv_start + conv_len.
      const base = k1 - V0s
      const convStart = j1 - k1,
        convLen = j2 - j1 + 1
      let max = 0
      for (let c = 0; c < convLen; c++) {
        const at = convStart + c
        let sum = 0
        for (let a = Math.max(0, at - ln2 + 1); a <= Math.min(at, ln2 - 1); a++) sum += V0[base + a] * pwrs[at - a]
        V1[c] = sum
        if (sum > max) max = sum
      }
      if (max > 0 && max < EM128) {
        for (let c = 0; c < V1.length; c++) V1[c] *= E128
        expnt -= 128
      }
      V1s = V0s + j1 - k1
    }
  }
  let ans = V1[n - V1s]
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > E128) {
      ans *= EM128
      expnt += 128
    }
    ans *= m
  }
  return expnt !== 0 ? ans * 2 ** expnt : ans
}

/**
 * The Pelz–Good (1976) asymptotic series for P(D_n ≤ x): Li-Chien/Korolyuk's K0 + K1/√n + K2/n + K3/n^1.5 at
 * z = x√n, each term rewritten with Jacobi theta functions for small z (Simard & L'Ecuyer 2011, eq. (5)).
 */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const z = Math.sqrt(n) * x
  const z2 = z * z,
    z3 = z2 * z,
    z4 = z2 * z2,
    z6 = z4 * z2
  const qlog = -PI2 / 8 / z2
  if (qlog < MIN_LOG) return 0
  let q = Math.exp(qlog)
  const k1a = -z2,
    k1b = PI2 / 4
  const k2a = 6 * z6 + 2 * z4,
    k2b = ((2 * z4 - 5 * z2) * PI2) / 4,
    k2c = (PI4 * (1 - 2 * z2)) / 16
  const k3d = (PI6 * (5 - 30 * z2)) / 64,
    k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4,
    k3a = -30 * z6 - 90 * z ** 8
  const K = [0, 0, 0, 0]
  const maxk = Math.ceil((16 * z) / Math.PI)
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1
    const m2 = m * m,
      m4 = m2 * m2,
      m6 = m4 * m2
    const qpower = q ** (8 * k)
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6]
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i]
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10]
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / div[i]
  q = Math.exp(-PI2 / 2 / z2)
  let k2extra = 0,
    k3extra = 0
  const sqrt3z = Math.sqrt(3) * z
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k
    const qp = q ** k2
    k2extra += k2 * qp
    k3extra += (sqrt3z + Math.PI * k) * (sqrt3z - Math.PI * k) * k2 * qp
  }
  K[2] += (k2extra * PI2 * SQRT2PI) / (-36 * z3)
  K[3] += (k3extra * PI2 * SQRT2PI) / (216 * z6)
  let sum = 0
  for (let i = 0; i < 4; i++) sum += K[i] / n ** (i / 2)
  return sum
}
