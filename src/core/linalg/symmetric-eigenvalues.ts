import {tridiagonalize} from '../../kernels/index.js'
import {tridiagonalEigenvalues} from './tridiagonal-ql.js'

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
