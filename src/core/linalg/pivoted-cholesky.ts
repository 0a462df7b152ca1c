import {pivotedCholeskyFactor} from '../../kernels/index.js'

/** A pivoted Cholesky factorisation Πᵀ A Π ≈ L Lᵀ of a symmetric positive semi-definite matrix. */
export interface PivotedCholesky {
  /** Order of A. */
  n: number
  /** Numerical rank r: the steps taken before every remaining pivot fell to the tolerance. */
  rank: number
  /** Lᵀ, row-major r×n: row k is column k of L, zero left of k (upper trapezoidal). */
  factorT: Float64Array
  /** perm[k] = the row of A that is row k of Πᵀ A Π. */
  perm: Int32Array
  /** The tolerance the pivots were compared with. */
  tolerance: number
  /** trace of the remainder Πᵀ A Π − L Lᵀ (a PSD Schur complement): the sum of the pivots left out, ≤ (n − r)·tolerance. */
  residualTrace: number
}

/**
 * Cholesky with complete (diagonal) pivoting, outer-product form (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., §10.3, Alg. 10.2; LAPACK dpstf2): at step k the largest remaining diagonal entry of the Schur
 * complement is the pivot; it stops when that entry is ≤ tolerance (default n·ε·max diag A, dpstrf's default), so a
 * singular covariance (n ≤ d points) gets a rank-r factor instead of a failure or a square root of a negative number.
 * Stable for PSD matrices (Higham Thm 10.14). Only the upper triangle of `matrix` (row-major) is read. The loop is
 * src/kernels/symmetric.ts's (its Schur-complement update runs in the SIMD kernel).
 */
export function pivotedCholesky(matrix: Float64Array, n: number, tolerance?: number): PivotedCholesky {
  return {n, ...pivotedCholeskyFactor(matrix, n, tolerance)}
}
