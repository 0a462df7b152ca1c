import type {SymmetricEigen} from '../../../src/core/linalg/tridiagonal-ql.js'

/**
 * Eigen-decomposition of a real symmetric n×n matrix (row-major) by the cyclic Jacobi method
 * (Golub & Van Loan, Matrix Computations, 4th ed., §8.5, Alg. 8.5.3, with the stable rotation of Alg. 8.5.1).
 * Chosen over QR iteration because local PCA only needs small matrices (n ≤ ~130), and Jacobi attains high
 * relative accuracy on the small eigenvalues, which are exactly the normal (off-manifold) directions we measure.
 * Stops when the off-diagonal Frobenius norm is below 1e-15 of the total norm, or after 100 sweeps.
 * The input is not modified.
 */
export function symmetricEigen(matrix: Float64Array, n: number): SymmetricEigen {
  if (matrix.length !== n * n) throw new Error(`internal: symmetricEigen got ${matrix.length} entries for n = ${n}`)
  const a = Float64Array.from(matrix)
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  let total = 0
  for (let i = 0; i < n * n; i++) total += a[i] * a[i]
  const tol = 1e-30 * total
  let sweeps = 0
  for (; sweeps < 100; sweeps++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * a[p * n + q] * a[p * n + q]
    if (off <= tol || off === 0) break
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]
        if (apq === 0) continue
        const app = a[p * n + p],
          aqq = a[q * n + q]
        const tau = (aqq - app) / (2 * apq)
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau))
        const c = 1 / Math.sqrt(1 + t * t)
        const s = t * c
        // A ← JᵀAJ, touching only rows/columns p and q.
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p],
            akq = a[k * n + q]
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k],
            aqk = a[q * n + k]
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        a[p * n + q] = 0
        a[q * n + p] = 0
        // V ← VJ, stored transposed (rows are eigenvectors).
        for (let k = 0; k < n; k++) {
          const vp = v[p * n + k],
            vq = v[q * n + k]
          v[p * n + k] = c * vp - s * vq
          v[q * n + k] = s * vp + c * vq
        }
      }
    }
  }
  const order = Array.from({length: n}, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i] || i - j)
  const values = new Float64Array(n)
  const vectors = new Float64Array(n * n)
  order.forEach((src, r) => {
    values[r] = a[src * n + src]
    vectors.set(v.subarray(src * n, src * n + n), r * n)
  })
  return {values, vectors, sweeps}
}
