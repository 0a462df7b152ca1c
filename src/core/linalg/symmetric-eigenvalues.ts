import {tridiagonalize} from '../../kernels/index.js'

/**
 * Eigenvalues (no vectors) of a real symmetric n×n matrix, row-major (only the upper triangle is read), ascending.
 *
 * Householder reduction to tridiagonal form (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 8.3.1; the
 * reflector as LAPACK dlarfg), then the implicit QL iteration with Wilkinson's shift on the tridiagonal (EISPACK tql1,
 * Bowdler, Martin, Reinsch & Wilkinson 1968, as src/core/linalg/tridiagonal-ql.ts's tql2 without the vectors).
 * Both are backward stable: the values are the exact eigenvalues of A + E with ‖E‖₂ ≤ c·n·ε·‖A‖₂ for a modest c
 * (Golub & Van Loan §8.3.3, §8.3.6), so by Weyl's theorem each is within c·n·ε·‖A‖₂ of the true one — the rounding
 * bound the Fréchet distance states for eigenvalues of a PSD matrix that come out below 0.
 *
 * Speed: step k's rank-2 update of the trailing block and step k + 1's matrix–vector product are fused into one pass
 * over the upper triangle (each element is read and written once per step, not three times), about n³ multiply-adds
 * in all; that pass is src/kernels/symmetric.ts's (SIMD WebAssembly, or its TypeScript twin). The matrix is scaled by a power of two first (exact), so squares cannot overflow.
 */
export function symmetricEigenvalues(matrix: Float64Array, n: number): Float64Array {
  if (matrix.length !== n * n)
    throw new Error(`internal: symmetricEigenvalues got ${matrix.length} entries for n = ${n}`)
  const diag = new Float64Array(n)
  const off = new Float64Array(n)
  if (n === 0) return diag
  let big = 0
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) big = Math.max(big, Math.abs(matrix[i * n + j]))
  if (!Number.isFinite(big)) throw new Error('internal: symmetricEigenvalues got a non-finite entry')
  if (big === 0) return diag
  const scale = 2 ** Math.round(Math.log2(big))
  const a = new Float64Array(n * n)
  for (let k = 0; k < a.length; k++) a[k] = matrix[k] / scale
  tridiagonalize(a, n, diag, off)
  const values = tridiagonalEigenvalues(diag, off)
  for (let k = 0; k < n; k++) values[k] *= scale
  return values
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix with diagonal `d` and off-diagonal `e` (e[i] couples i and i + 1;
 * e[n−1] unused) by implicit QL with Wilkinson shifts, ascending. Inputs are not modified.
 */
export function tridiagonalEigenvalues(diagonal: Float64Array, offDiagonal: Float64Array): Float64Array {
  const n = diagonal.length
  const d = Float64Array.from(diagonal)
  const e = new Float64Array(n)
  for (let i = 0; i < n - 1; i++) e[i] = offDiagonal[i]
  let f = 0,
    tst1 = 0,
    iterations = 0
  const eps = 2 ** -52
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]))
    let m = l
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break
      m++
    }
    if (m > l) {
      do {
        if (++iterations > 60 * n) throw new Error('internal: tridiagonal QL did not converge')
        let g = d[l]
        let p = (d[l + 1] - g) / (2 * e[l])
        let r = hypot(p, 1)
        if (p < 0) r = -r
        d[l] = e[l] / (p + r)
        d[l + 1] = e[l] * (p + r)
        const dl1 = d[l + 1]
        let h = g - d[l]
        for (let i = l + 2; i < n; i++) d[i] -= h
        f += h
        p = d[m]
        let c = 1,
          c2 = c,
          c3 = c,
          s = 0,
          s2 = 0
        const el1 = e[l + 1]
        for (let i = m - 1; i >= l; i--) {
          c3 = c2
          c2 = c
          s2 = s
          g = c * e[i]
          h = c * p
          r = hypot(p, e[i])
          e[i + 1] = s * r
          s = e[i] / r
          c = p / r
          p = c * d[i] - s * g
          d[i + 1] = h + s * (c * g + s * d[i])
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1
        e[l] = s * p
        d[l] = c * p
      } while (Math.abs(e[l]) > eps * tst1)
    }
    d[l] += f
    e[l] = 0
  }
  return d.sort()
}

/** √(a² + b²) without overflow or underflow. */
function hypot(a: number, b: number): number {
  const x = Math.abs(a),
    y = Math.abs(b)
  const big = Math.max(x, y)
  if (big === 0) return 0
  const small = Math.min(x, y)
  const t = small / big
  return big * Math.sqrt(1 + t * t)
}
