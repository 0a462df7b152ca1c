/**
 * The O(n³) loops of the symmetric eigenvalue and Cholesky routines of src/core/linalg (pivoted-cholesky.ts,
 * symmetric-eigenvalues.ts, where the algorithms and their sources are described), written once over a small set
 * of row operations: the TypeScript twin below, or the WebAssembly SIMD kernels `tridiagRows` and `choleskyUpdate`
 * (./assembly/kernels.ts) on arrays that live in the module's memory (./wasm.ts). Only the row passes differ
 * between backends (the SIMD ones sum in two lanes), so both give the same values to rounding.
 */
export interface SymmetricOps {
  /** A zeroed array of `count` float64 (in WebAssembly memory on that backend). */
  alloc(count: number): Float64Array
  /** Householder pass over rows i0..n−1 of a: a_ij −= v_i w_j + w_i v_j (j ≥ i); if next, p2 += B·v2 (upper triangle). */
  tridiagRows(
    a: Float64Array,
    n: number,
    i0: number,
    v: Float64Array,
    w: Float64Array,
    v2: Float64Array,
    p2: Float64Array,
    next: boolean,
  ): void
  /** a_ij −= g_i g_j for k < i ≤ j < n, with g = factor row k (factor.subarray(k·n, k·n + n)). */
  choleskyUpdate(a: Float64Array, n: number, k: number, factor: Float64Array): void
  /** Frees what alloc gave (the WebAssembly scratch). */
  release(): void
}

export const twinSymmetricOps = (): SymmetricOps => ({
  alloc: (count) => new Float64Array(count),
  tridiagRows(a, n, i0, v, w, v2, p2, next) {
    for (let i = i0; i < n; i++) {
      const row = i * n
      const vi = v[i],
        wi = w[i]
      if (next) {
        const ui = v2[i]
        let aij = a[row + i] - (vi * wi + wi * vi)
        a[row + i] = aij
        let s = aij * ui
        for (let j = i + 1; j < n; j++) {
          aij = a[row + j] - (vi * w[j] + wi * v[j])
          a[row + j] = aij
          s += aij * v2[j]
          p2[j] += aij * ui
        }
        p2[i] += s
      } else for (let j = i; j < n; j++) a[row + j] -= vi * w[j] + wi * v[j]
    }
  },
  choleskyUpdate(a, n, k, factor) {
    const row = k * n
    for (let i = k + 1; i < n; i++) {
      const gi = factor[row + i]
      if (gi === 0) continue
      const ri = i * n
      for (let j = i; j < n; j++) a[ri + j] -= gi * factor[row + j]
    }
  },
  release() {},
})

/**
 * Householder tridiagonalisation of the symmetric matrix `m` (upper triangle; Golub & Van Loan Alg. 8.3.1 with
 * dlarfg's reflector), diagonal into `d`, superdiagonal into e[0..n−2]. Step k's rank-2 update and step k + 1's
 * product are fused into one `tridiagRows` pass over the trailing upper triangle.
 */
export function tridiagonalizeWith(
  ops: SymmetricOps,
  m: Float64Array,
  n: number,
  d: Float64Array,
  e: Float64Array,
): void {
  const a = ops.alloc(n * n)
  a.set(m)
  let v = ops.alloc(n),
    v2 = ops.alloc(n),
    p = ops.alloc(n),
    p2 = ops.alloc(n)
  const w = ops.alloc(n)
  // The reflector of step k from row k right of the diagonal: H = I − τ v vᵀ, v[k+1] = 1, H x = β e₁.
  const reflect = (k: number, into: Float64Array): number => {
    const row = k * n
    const x0 = a[row + k + 1]
    let ss = 0
    for (let j = k + 2; j < n; j++) ss += a[row + j] * a[row + j]
    into.fill(0, 0, k + 1)
    into[k + 1] = 1
    if (ss === 0) {
      into.fill(0, k + 2, n)
      e[k] = x0
      return 0
    }
    const norm = Math.sqrt(x0 * x0 + ss)
    const beta = x0 >= 0 ? -norm : norm
    const inv = 1 / (x0 - beta)
    for (let j = k + 2; j < n; j++) into[j] = a[row + j] * inv
    e[k] = beta
    return (beta - x0) / beta
  }
  if (n >= 3) {
    let tau = reflect(0, v)
    const zero = ops.alloc(n)
    // p = B v over the trailing block 1..n−1 (a pass with v = w = 0 changes nothing and accumulates the product).
    ops.tridiagRows(a, n, 1, zero, zero, v, p, true)
    for (let k = 0; k <= n - 3; k++) {
      d[k] = a[k * n + k]
      // w = τ p − (τ² pᵀv / 2) v; the update is B ← B − v wᵀ − w vᵀ (Golub & Van Loan eq. 8.3.2).
      let pv = 0
      for (let j = k + 1; j < n; j++) {
        p[j] *= tau
        pv += p[j] * v[j]
      }
      const half = (tau * pv) / 2
      for (let j = k + 1; j < n; j++) w[j] = p[j] - half * v[j]
      const r1 = (k + 1) * n
      const v1 = v[k + 1],
        w1 = w[k + 1]
      for (let j = k + 1; j < n; j++) a[r1 + j] -= v1 * w[j] + w1 * v[j]
      const next = k + 1 <= n - 3
      const tau2 = next ? reflect(k + 1, v2) : 0
      if (next) p2.fill(0)
      ops.tridiagRows(a, n, k + 2, v, w, v2, p2, next)
      ;[v, v2] = [v2, v]
      ;[p, p2] = [p2, p]
      tau = tau2
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2]
    e[n - 2] = a[(n - 2) * n + n - 1]
  }
  d[n - 1] = a[(n - 1) * n + n - 1]
  e[n - 1] = 0
  ops.release()
}

/** Pivoted Cholesky (src/core/linalg/pivoted-cholesky.ts has the algorithm's description and sources). */
export function pivotedCholeskyWith(
  ops: SymmetricOps,
  matrix: Float64Array,
  n: number,
  tolerance: number | undefined,
): {rank: number; factorT: Float64Array; perm: Int32Array; tolerance: number; residualTrace: number} {
  const a = ops.alloc(n * n)
  a.set(matrix)
  const g = ops.alloc(n * n)
  const perm = Int32Array.from({length: n}, (_, i) => i)
  let maxDiag = 0
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, a[i * n + i])
  const tol = tolerance ?? n * 2 ** -52 * maxDiag
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
    ops.choleskyUpdate(a, n, k, g)
    rank = k + 1
  }
  let residualTrace = 0
  for (let i = rank; i < n; i++) residualTrace += Math.max(0, a[i * n + i])
  const factorT = Float64Array.from(g.subarray(0, rank * n))
  ops.release()
  return {rank, factorT, perm, tolerance: tol, residualTrace}
}

/**
 * Swaps indices k < p of the symmetric matrix held in the upper triangle of `a` (trailing block k.. only; the factor
 * rows computed so far swap their columns k and p), as LAPACK dsyswapr.
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
