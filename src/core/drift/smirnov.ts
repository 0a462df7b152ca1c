/**
 * The survival function of the one-sided Kolmogorov–Smirnov statistic D⁺_n (SciPy's `scipy.special.smirnov`):
 *
 *   P(D⁺_n > x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^{v−1} (1 − x − v/n)^{n−v}
 *
 * (Smirnov 1944; Birnbaum & Tingey 1951, Ann. Math. Statist. 22(4); van Mulbregt 2018, arXiv:1802.06966, whose
 * case split SciPy uses and this follows). SciPy sums in double-double; here each term is formed in logarithms
 * (binomial by running ratios), which keeps ≈ 1e-11 relative accuracy for n up to 10⁶ — far inside the 1e-6 the
 * p-values are checked to.
 */
export function smirnovSf(n: number, x: number): number {
  if (n === 1) return 1 - x
  if (x <= 0) return 1
  if (x >= 1) return 0
  // ⌊n·x⌋ and the remainder of the EXACT product (as SciPy's double-double `modNX`): 10 × 0.8 rounds to 8 in
  // float64, yet 0.8 is slightly above 4/5, so the sum must include the term v = n − 8 − 1.
  const [nx, err] = twoProduct(n, x)
  let nxfl = Math.floor(nx)
  let alpha = nx - nxfl + err
  if (alpha < 0) {
    nxfl -= 1
    alpha += 1
  }
  if (alpha >= 1) {
    nxfl += 1
    alpha = 0
  }
  // x ≤ 1/n: P(D⁺ ≤ x) = x (1 + x)^{n−1}.
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) return clip(1 - x * (1 + x) ** (n - 1))
  // Underflows double: SciPy's MINLOG test, −2nx² < ln(DBL_MIN·…) ≈ −708.4.
  if (-2 * n * x * x < -708.3964185322641) return 0
  if (nxfl >= n - 1) return clip((1 - x) ** n)
  // SciPy's approximation above 10⁶ (there the exact sum is too long): P ≈ exp(−(6nx + 1)² / (18n)).
  if (n > 1_000_000) return clip(Math.exp(-((6 * n * x + 1) ** 2) / 18 / n))
  // The lower sum runs over v with x + v/n < 1 strictly.
  const last = alpha === 0 ? n - nxfl - 2 : n - nxfl - 1
  const nTerms = last + 1
  let logC = 0 // ln C(n, v)
  let sum = 0
  for (let v = 0; v < nTerms; v++) {
    if (v > 0) logC += Math.log((n - v + 1) / v)
    const a = x + v / n
    const term = Math.exp(logC + (v - 1) * Math.log(a) + (n - v) * Math.log1p(-a))
    sum += term
    // SciPy's early exit: the remaining terms cannot move the sum.
    if (term > 0 && 4 * (nTerms - v) * term < Number.EPSILON * sum && v !== nTerms - 1) break
    if (term === 0 && v > n / 2) break
  }
  return clip(x * sum)
}

/** a·b = p + e exactly (Dekker 1971, "A floating-point technique for extending the available precision", §5). */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b
  const split = (v: number) => {
    const c = 134217729 * v
    const hi = c - (c - v)
    return [hi, v - hi]
  }
  const [ah, al] = split(a),
    [bh, bl] = split(b)
  return [p, ah * bh - p + ah * bl + al * bh + al * bl]
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p))
}
