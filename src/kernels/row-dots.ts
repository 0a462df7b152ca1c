/** Length of the inner-dimension chunks: 4 packed rows of this many float64 (16 KB) stay in L1 while a row block streams. */
const CHUNK = 512

/**
 * The TypeScript twin of the WebAssembly `dotRowsF64` (./assembly/kernels.ts); results agree to rounding (the SIMD
 * kernel sums t in two lanes). All dot products of the rows of two row-major matrices, in float64: out[i·bRows + j] = Σ_t a[i·len + t]·b[j·len + t]
 * (i < aRows, j < bRows), i.e. A Bᵀ. It is the one dense product the fidelity metrics need: a covariance
 * (rows = centred coordinates, len = points: Xᵀ X), the products of the Fréchet distance's eigenproblem, and KID's
 * kernel matrices (rows = points, len = d).
 *
 * `symmetric` (a and b the same matrix): only j ≥ i is computed and the lower half mirrored, so the result is exactly
 * symmetric. `upperA`: a[i][t] = 0 for t < i (an upper-trapezoidal factor), so those products are skipped.
 * The inner dimension is cut in chunks of CHUNK; each chunk is packed four rows at a time (zero-padded) and summed by a
 * 4 × 4 register block (16 running sums, 8 loads per 16 multiply-adds), and chunk sums are added to `out` in
 * chunk order: the result depends only on the inputs, never on timing.
 */
export function rowDots(
  a: Float64Array,
  aRows: number,
  b: Float64Array,
  bRows: number,
  len: number,
  out: Float64Array,
  opts: {symmetric?: boolean; upperA?: boolean} = {},
): Float64Array {
  const symmetric = opts.symmetric === true
  const upperA = opts.upperA === true
  const A4 = Math.ceil(aRows / 4) * 4
  const B4 = Math.ceil(bRows / 4) * 4
  const acc = new Float64Array(A4 * B4)
  const pa = new Float64Array(A4 * CHUNK)
  const pb = symmetric ? pa : new Float64Array(B4 * CHUNK)
  for (let t0 = 0; t0 < len; t0 += CHUNK) {
    const T = Math.min(CHUNK, len - t0)
    // Rows i ≥ t0 + T of an upper-trapezoidal a are zero on this whole chunk (upperA): the row loop stops before them.
    const iEnd = upperA ? Math.min(A4, Math.ceil(Math.min(aRows, t0 + T) / 4) * 4) : A4
    pack(a, aRows, len, t0, T, pa)
    if (!symmetric) pack(b, bRows, len, t0, T, pb)
    for (let i = 0; i < iEnd; i += 4) {
      const i0 = i * T,
        i1 = i0 + T,
        i2 = i1 + T,
        i3 = i2 + T
      for (let j = symmetric ? i : 0; j < B4; j += 4) {
        const j0 = j * T,
          j1 = j0 + T,
          j2 = j1 + T,
          j3 = j2 + T
        let c00 = 0,
          c01 = 0,
          c02 = 0,
          c03 = 0,
          c10 = 0,
          c11 = 0,
          c12 = 0,
          c13 = 0,
          c20 = 0,
          c21 = 0,
          c22 = 0,
          c23 = 0,
          c30 = 0,
          c31 = 0,
          c32 = 0,
          c33 = 0
        for (let t = 0; t < T; t++) {
          const a0 = pa[i0 + t],
            a1 = pa[i1 + t],
            a2 = pa[i2 + t],
            a3 = pa[i3 + t]
          const b0 = pb[j0 + t],
            b1 = pb[j1 + t],
            b2 = pb[j2 + t],
            b3 = pb[j3 + t]
          c00 += a0 * b0
          c01 += a0 * b1
          c02 += a0 * b2
          c03 += a0 * b3
          c10 += a1 * b0
          c11 += a1 * b1
          c12 += a1 * b2
          c13 += a1 * b3
          c20 += a2 * b0
          c21 += a2 * b1
          c22 += a2 * b2
          c23 += a2 * b3
          c30 += a3 * b0
          c31 += a3 * b1
          c32 += a3 * b2
          c33 += a3 * b3
        }
        const r0 = i * B4 + j,
          r1 = r0 + B4,
          r2 = r1 + B4,
          r3 = r2 + B4
        acc[r0] += c00
        acc[r0 + 1] += c01
        acc[r0 + 2] += c02
        acc[r0 + 3] += c03
        acc[r1] += c10
        acc[r1 + 1] += c11
        acc[r1 + 2] += c12
        acc[r1 + 3] += c13
        acc[r2] += c20
        acc[r2 + 1] += c21
        acc[r2 + 2] += c22
        acc[r2 + 3] += c23
        acc[r3] += c30
        acc[r3 + 1] += c31
        acc[r3 + 2] += c32
        acc[r3 + 3] += c33
      }
    }
  }
  for (let i = 0; i < aRows; i++) {
    const from = i * B4,
      to = i * bRows
    if (symmetric) {
      for (let j = i; j < bRows; j++) out[to + j] = out[j * bRows + i] = acc[from + j]
    } else out.set(acc.subarray(from, from + bRows), to)
  }
  return out
}

/** Columns t0..t0+T of the rows of m (rows × len) into `into` as rows of length T, zero rows up to a multiple of 4. */
function pack(m: Float64Array, rows: number, len: number, t0: number, T: number, into: Float64Array): void {
  const rows4 = Math.ceil(rows / 4) * 4
  for (let r = 0; r < rows; r++) into.set(m.subarray(r * len + t0, r * len + t0 + T), r * T)
  into.fill(0, rows * T, rows4 * T)
}
