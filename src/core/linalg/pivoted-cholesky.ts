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
 * Stable for PSD matrices (Higham Thm 10.14). Only the upper triangle of `matrix` (row-major) is read.
 */
export function pivotedCholesky(matrix: Float64Array, n: number, tolerance?: number): PivotedCholesky {
  const a = Float64Array.from(matrix)
  const perm = Int32Array.from({length: n}, (_, i) => i)
  let maxDiag = 0
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, a[i * n + i])
  const tol = tolerance ?? n * 2 ** -52 * maxDiag
  const g = new Float64Array(n * n)
  let rank = 0
  for (let k = 0; k < n; k++) {
    let pivot = k
    for (let i = k + 1; i < n; i++) if (a[i * n + i] > a[pivot * n + pivot]) pivot = i
    if (!(a[pivot * n + pivot] > tol)) break
    if (pivot !== k) swapSymmetric(a, n, k, pivot, perm, g)
    const root = Math.sqrt(a[k * n + k])
    const row = k * n
    g[row + k] = root
    const inv = 1 / root
    for (let j = k + 1; j < n; j++) g[row + j] = a[row + j] * inv
    // Schur complement, upper triangle: a[i][j] −= g_i g_j for k < i ≤ j.
    for (let i = k + 1; i < n; i++) {
      const gi = g[row + i]
      if (gi === 0) continue
      const ri = i * n
      for (let j = i; j < n; j++) a[ri + j] -= gi * g[row + j]
    }
    rank = k + 1
  }
  let residualTrace = 0
  for (let i = rank; i < n; i++) residualTrace += Math.max(0, a[i * n + i])
  return {n, rank, factorT: g.subarray(0, rank * n), perm, tolerance: tol, residualTrace}
}

/**
 * Swaps indices k < p of the symmetric matrix held in the upper triangle of `a` (the trailing block k.. only; rows
 * of the factor computed so far swap their columns k and p too), as LAPACK dsyswapr.
 */
function swapSymmetric(a: Float64Array, n: number, k: number, p: number, perm: Int32Array, g: Float64Array): void {
  const at = (i: number, j: number) => (i <= j ? i * n + j : j * n + i)
  const swap = (x: number, y: number) => {
    const t = a[x]
    a[x] = a[y]
    a[y] = t
  }
  swap(k * n + k, p * n + p)
  for (let j = p + 1; j < n; j++) swap(k * n + j, p * n + j)
  for (let i = k + 1; i < p; i++) swap(k * n + i, at(i, p))
  for (let r = 0; r < k; r++) {
    const t = g[r * n + k]
    g[r * n + k] = g[r * n + p]
    g[r * n + p] = t
  }
  const t = perm[k]
  perm[k] = perm[p]
  perm[p] = t
}
