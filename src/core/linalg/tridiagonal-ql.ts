/** Result of a symmetric eigen-decomposition: eigenvalues in descending order, eigenvectors as rows. */
export interface SymmetricEigen {
  /** Eigenvalues λ₁ ≥ λ₂ ≥ … ≥ λₙ. */
  values: Float64Array
  /** Row-major n×n: row r is the unit eigenvector of values[r]. */
  vectors: Float64Array
  /** Iterations used (Jacobi sweeps, or QL iterations). */
  sweeps: number
}

/**
 * Eigen-decomposition of a real symmetric n×n matrix (row-major) by Householder reduction to tridiagonal form and
 * the implicit QL algorithm (EISPACK tred2/tql2, Bowdler, Martin, Reinsch & Wilkinson 1968; Wilkinson & Reinsch,
 * Handbook for Automatic Computation II, 1971; as transcribed in JAMA). About (4/3 + 6)n³ flops against cyclic
 * Jacobi's ~10 sweeps × 3n³: the local-PCA step runs thousands of 64×64 problems, where this is ~8× faster.
 * Cyclic Jacobi (test/core/linalg/jacobi.ts) is the reference twin the tests compare against.
 * Returns eigenvalues descending and eigenvectors as rows.
 */
export function symmetricEigenQL(matrix: Float64Array, n: number): SymmetricEigen {
  if (matrix.length !== n * n) throw new Error(`internal: symmetricEigenQL got ${matrix.length} entries for n = ${n}`)
  const V = Float64Array.from(matrix) // V[i*n + j] = V[i][j]
  const d = new Float64Array(n)
  const e = new Float64Array(n)
  tred2(V, d, e, n)
  // QL rotates pairs of eigenvector columns; on the transpose these are contiguous rows (several times faster).
  const W = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) W[i * n + k] = V[k * n + i]
  const sweeps = tql2(W, d, e, n)
  const order = Array.from({length: n}, (_, i) => i).sort((i, j) => d[j] - d[i] || i - j)
  const values = new Float64Array(n)
  const vectors = new Float64Array(n * n)
  order.forEach((src, r) => {
    values[r] = d[src]
    vectors.set(W.subarray(src * n, src * n + n), r * n)
  })
  return {values, vectors, sweeps}
}

function tred2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j]
  for (let i = n - 1; i > 0; i--) {
    let scale = 0,
      h = 0
    for (let k = 0; k < i; k++) scale += Math.abs(d[k])
    if (scale === 0) {
      e[i] = d[i - 1]
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j]
        V[i * n + j] = 0
        V[j * n + i] = 0
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale
        h += d[k] * d[k]
      }
      let f = d[i - 1]
      let g = Math.sqrt(h)
      if (f > 0) g = -g
      e[i] = scale * g
      h -= f * g
      d[i - 1] = f - g
      for (let j = 0; j < i; j++) e[j] = 0
      for (let j = 0; j < i; j++) {
        f = d[j]
        V[j * n + i] = f
        g = e[j] + V[j * n + j] * f
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j] * d[k]
          e[k] += V[k * n + j] * f
        }
        e[j] = g
      }
      f = 0
      for (let j = 0; j < i; j++) {
        e[j] /= h
        f += e[j] * d[j]
      }
      const hh = f / (h + h)
      for (let j = 0; j < i; j++) e[j] -= hh * d[j]
      for (let j = 0; j < i; j++) {
        f = d[j]
        g = e[j]
        for (let k = j; k <= i - 1; k++) V[k * n + j] -= f * e[k] + g * d[k]
        d[j] = V[(i - 1) * n + j]
        V[i * n + j] = 0
      }
    }
    d[i] = h
  }
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i]
    V[i * n + i] = 1
    const h = d[i + 1]
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1] / h
      for (let j = 0; j <= i; j++) {
        let g = 0
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1] * V[k * n + j]
        for (let k = 0; k <= i; k++) V[k * n + j] -= g * d[k]
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j]
    V[(n - 1) * n + j] = 0
  }
  V[(n - 1) * n + n - 1] = 1
  e[0] = 0
}

/**
 * Eigenvalues only of the symmetric tridiagonal matrix with diagonal `diagonal` and off-diagonal `offDiagonal`
 * (entry i couples i and i + 1; the last is unused), ascending: tql2 below without the eigenvector updates (EISPACK's
 * tql1), so O(n²) instead of O(n³). Inputs are not modified.
 */
export function tridiagonalEigenvalues(diagonal: Float64Array, offDiagonal: Float64Array): Float64Array {
  const n = diagonal.length
  const d = Float64Array.from(diagonal)
  // tql2 takes tred2's convention, e[i] coupling i − 1 and i.
  const e = new Float64Array(n)
  for (let i = 0; i < n - 1; i++) e[i + 1] = offDiagonal[i]
  tql2(undefined, d, e, n)
  return d.sort()
}

/**
 * Implicit QL on the tridiagonal (d, e); W holds the eigenvectors as rows (W = Vᵀ of tred2), or is undefined when
 * only the eigenvalues are wanted.
 */
function tql2(W: Float64Array | undefined, d: Float64Array, e: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]
  e[n - 1] = 0
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
        if (++iterations > 60 * n) throw new Error('internal: tql2 did not converge')
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
          if (W === undefined) continue
          const ri = i * n,
            rj = ri + n
          for (let k = 0; k < n; k++) {
            h = W[rj + k]
            const wi = W[ri + k]
            W[rj + k] = s * wi + c * h
            W[ri + k] = c * wi - s * h
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1
        e[l] = s * p
        d[l] = c * p
      } while (Math.abs(e[l]) > eps * tst1)
    }
    d[l] += f
    e[l] = 0
  }
  return iterations
}

/** √(a² + b²) without overflow or underflow (Math.hypot is several times slower in V8). */
function hypot(a: number, b: number): number {
  const x = Math.abs(a),
    y = Math.abs(b)
  const big = Math.max(x, y)
  if (big === 0) return 0
  const small = Math.min(x, y)
  const t = small / big
  return big * Math.sqrt(1 + t * t)
}
