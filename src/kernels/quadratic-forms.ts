/**
 * Many quadratic forms lᵀ M l of 0/1 vectors l (given as the sorted indices where l = 1) over one symmetric N×N
 * matrix M with a zero diagonal, stored once in float32: the permutation two-sample tests (src/core/twosample) re-sum
 * the pooled distances (or kernel values) within one group for each of B relabellings. The WebAssembly backend
 * (assembly/kernels.ts `quadFormsPanels`) stores the upper 128×128 tiles and runs all B forms as one blocked
 * matrix–vectors product on the worker pool, ~N²·B/2 multiply-adds in f32x4 lanes (each tile's 128-term partial sums
 * in float32, everything above in float64); this TypeScript twin gathers the entries and sums in float64. Both read
 * the same float32 entries, so they agree to the float32 partial sums' rounding (≤ ~1e-6 relative, not bit for bit).
 */
export interface QuadraticForms {
  readonly N: number
  /** Bytes the stored matrix takes. */
  readonly bytes: number
  /**
   * Sets the entries (i, j) and (j, i) for rows i0 ≤ i < i1 and columns j ≥ i0, from float64 values rounded to
   * float32: `rows` is (i1 − i0) × (N − i0) row-major (column j at j − i0; the diagonal is ignored). i0 is a multiple of
   * QF_TILE and i1 ≤ i0 + QF_TILE, so filling every panel in turn fills the matrix from its upper triangle.
   */
  setRows(i0: number, i1: number, rows: Float64Array): void
  /** Replaces every off-diagonal entry v by fl32(f(v)) (e.g. distances → Gaussian kernel values). */
  map(f: (v: number) => number): void
  /** Σ_j M_ij of the stored entries for every row, in float64. */
  rowSums(): Float64Array
  /** Σ_{i, j ∈ G} M_ij (both orders) for each group G of sorted indices. */
  forms(groups: Uint32Array[]): Float64Array
  dispose(): void
}

/** The tile size of the WebAssembly layout (rows per panel); setRows takes at most one panel at a time. */
export const QF_TILE = 128

/** Bytes the WebAssembly layout takes for N points (the upper tiles, 4 bytes each); the twin takes 4N². */
export function quadraticFormsBytes(N: number): number {
  const nt = Math.ceil(N / 128)
  return ((nt * (nt + 1)) / 2) * 128 * 128 * 4
}

/** The TypeScript twin: the full matrix in float32, forms gathered row by row in float64. */
export function quadraticFormsTwin(N: number): QuadraticForms {
  const M = new Float32Array(N * N)
  return {
    N,
    bytes: 4 * N * N,
    setRows(i0, i1, rows) {
      const w = N - i0
      for (let i = i0; i < i1; i++)
        for (let j = i0; j < N; j++) M[i * N + j] = M[j * N + i] = i === j ? 0 : rows[(i - i0) * w + j - i0]
    },
    map(f) {
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (i !== j) M[i * N + j] = f(M[i * N + j])
    },
    rowSums() {
      const out = new Float64Array(N)
      for (let i = 0; i < N; i++) {
        let s = 0
        for (let j = 0; j < N; j++) s += M[i * N + j]
        out[i] = s
      }
      return out
    },
    forms(groups) {
      return Float64Array.from(groups, (g) => {
        let total = 0
        for (let a = 0; a < g.length; a++) {
          const base = g[a] * N
          let row = 0
          for (let c = 0; c < g.length; c++) row += M[base + g[c]]
          total += row
        }
        return total
      })
    },
    dispose() {},
  }
}
