/**
 * float32 squared-distance tiles with a proven error bound, for the neighbour searches (kNN graphs, ball counts):
 * the float32 value s̃ rules a pair in or out only when the bound decides it, and every undecided pair is recomputed
 * in float64, so a search built on them returns exactly what the float64 scan returns. Both backends (wasm.ts and
 * twin.ts) prepare their operands with `centredF32` and compute s̃ the same way, bit for bit.
 *
 * s̃_ij = Σ_k fl32(ã_ik − b̃_jk)² summed in float32 in k order, with ã = fl32(x − c), b̃ = fl32(y − c) the coordinates
 * centred on the midrange c of both sets (f32 keeps its 24 bits for the spread, not the offset). Against s_ij, the
 * float64 difference form Σ_k (x_ik − y_jk)² that the float64 kernels compute (`sqDistTile`):
 *
 *     (√s̃ − α)/(1 + ρ) ≤ √s ≤ (√s̃ + α)/(1 − ρ),   ρ = (d + 3)·2⁻²³,  α = 2⁻²²·R + 2⁻⁷⁰·√d + 2⁻⁵⁰⁰,
 *
 * R the largest ‖x − c‖ over both sets. Why (u = 2⁻²⁴, Higham 2002, Accuracy and Stability of Numerical Algorithms,
 * §3.1, γ_n = nu/(1 − nu)): rounding a centred coordinate moves each point by ≤ (u + 2⁻⁵³)·‖x − c‖ (+ 2⁻¹⁵⁰·√d
 * for subnormals), so the distance D of the rounded points is within 2·1.0000001u·R (+2⁻¹⁴⁹√d) of the true one; the
 * float32 differences, squares and d-term sum give s̃ = D̃²(1 + θ), |θ| ≤ γ_{d+2}, plus at most d·2⁻¹⁴⁹ of underflow;
 * the float64 s is within γ_{d+2} (u = 2⁻⁵³) of the true square (+2⁻¹⁰⁷⁴·d). ρ and α above are about twice the sum
 * of these. Valid while ρ < 1/8 (d < 2²⁰) and R is finite and below 2¹⁰⁰ (`centredF32` says when not).
 */

/** Centre, radius and margins of one prepared pair of sets (see the file comment). */
export interface F32Frame {
  centre: Float64Array
  /** max ‖x − c‖ over both sets (float64, rounded up). */
  R: number
  rho: number
  alpha: number
  /**
   * Absolute error of s̃ as a squared distance (0 for the difference form above; the Gram form's bound, see
   * `gramFrameF32`): thresholds move by it after the relative margins.
   */
  E: number
  /** False when the bound does not apply (non-finite or huge coordinates, or d too large): use float64 instead. */
  usable: boolean
}

/** The midrange centre of x (n×d) and y (m×d) and the error margins of their float32 distances. */
export function centredF32(x: Float64Array, n: number, y: Float64Array, m: number, d: number): F32Frame {
  const centre = new Float64Array(d)
  let finite = true
  for (let c = 0; c < d; c++) {
    let lo = Infinity,
      hi = -Infinity
    for (let i = 0; i < n; i++) {
      const v = x[i * d + c]
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
    for (let j = 0; j < m; j++) {
      const v = y[j * d + c]
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
    if (!Number.isFinite(lo + hi)) finite = false
    centre[c] = Number.isFinite(lo + hi) ? lo / 2 + hi / 2 : 0
  }
  let r2 = 0
  for (const [z, rows] of [
    [x, n],
    [y, m],
  ] as const)
    for (let i = 0; i < rows; i++) {
      let s = 0
      for (let c = 0; c < d; c++) s += (z[i * d + c] - centre[c]) ** 2
      if (s > r2) r2 = s
    }
  const R = Math.sqrt(r2) * (1 + 1e-9)
  const rho = (d + 3) * 2 ** -23
  const alpha = 2 ** -22 * R + 2 ** -70 * Math.sqrt(d) + 2 ** -500
  return {centre, R, rho, alpha, E: 0, usable: finite && R < 2 ** 100 && rho < 0.125}
}

/**
 * The frame of the Gram-form tiles (`gramTileF32` in ./assembly/kernels.ts, the twin's `gramTiles`), used from
 * GRAM_MIN_D dimensions: t̃_ij = fl(fl(ñ_i + ñ_j) − 2p̃_ij) with ã = fl32(x − c), b̃ = fl32(y − c) centred on the mean
 * c of both sets (which makes max ‖x − c‖ small), ñ = fl32 of the float64 Σ ã_k² and p̃ the k-order float32 sum of the
 * products. With u = 2⁻²⁴, D̃ = ‖ã − b̃‖ and R̃ ≥ max ‖ã‖ (Higham 2002 §3.1: |p̃ − ã·b̃| ≤ γ_d Σ|ã_k b̃_k| ≤ γ_d‖ã‖‖b̃‖,
 * each norm within u(1 + 2⁻²⁸) of ‖ã‖², the final addition and subtraction one rounding each of values ≤ 2R̃², 4R̃²):
 *
 *     |t̃ − D̃²| ≤ (2γ_d + 8.01u)·R̃² + d·2⁻¹⁴⁷ ≤ E = 2·(2d + 10)·2⁻²⁴·R̃² + d·2⁻¹⁴⁶     (twice the sum, as above),
 *
 * an absolute error (cancellation: it does not shrink with D̃). The coordinate rounding is the difference form's
 * (α, same formula), and the float64 s of `exactSqDist` is within γ_{d+2} (u = 2⁻⁵³) of ‖x − y‖², so on distances
 * ρ = (d + 3)·2⁻⁵² covers it twice. Valid while 4R̃² stays below float32's overflow (R < 2⁶⁰) and d < 2²⁰.
 */
export function gramFrameF32(x: Float64Array, n: number, y: Float64Array, m: number, d: number): F32Frame {
  const centre = new Float64Array(d)
  let finite = true
  for (const [z, rows] of [
    [x, n],
    [y, m],
  ] as const)
    for (let i = 0; i < rows; i++) for (let c = 0; c < d; c++) centre[c] += z[i * d + c]
  for (let c = 0; c < d; c++) {
    centre[c] /= n + m
    if (!Number.isFinite(centre[c])) {
      finite = false
      centre[c] = 0
    }
  }
  let r2 = 0
  for (const [z, rows] of [
    [x, n],
    [y, m],
  ] as const)
    for (let i = 0; i < rows; i++) {
      let s = 0
      for (let c = 0; c < d; c++) {
        const t = z[i * d + c] - centre[c]
        s += t * t
      }
      if (s > r2) r2 = s
    }
  if (!Number.isFinite(r2)) finite = false
  const R = Math.sqrt(r2) * (1 + 1e-9)
  const Rt = R * (1 + 2 ** -22) + 2 ** -140
  const rho = (d + 3) * 2 ** -52
  const alpha = 2 ** -22 * R + 2 ** -70 * Math.sqrt(d) + 2 ** -500
  const E = 2 * (2 * d + 10) * 2 ** -24 * Rt * Rt + d * 2 ** -146
  return {centre, R, rho, alpha, E, usable: finite && R < 2 ** 60 && d < 2 ** 20}
}

/** From this many dimensions the neighbour searches use the Gram-form tiles (2 operations per coordinate, not 3). */
export const GRAM_MIN_D = 64

/** ñ_i = fl32(Σ_k ã_ik²) of `rows` float32 rows (the sum in float64, in k order): the Gram tiles' squared norms. */
export function squaredNormsF32(rowsF32: Float32Array, rows: number, d: number, out: Float32Array): void {
  for (let i = 0; i < rows; i++) {
    let s = 0
    for (let c = 0; c < d; c++) {
      const v = rowsF32[i * d + c]
      s += v * v
    }
    out[i] = s
  }
}

/** Relative slack on every threshold: far above float64 rounding of the threshold arithmetic, far below ρ. */
const SLACK = 1e-9

/**
 * Thresholds on s̃ that decide a comparison of the float64 s with a limit L (a squared distance), for one frame:
 * `inside(L)`: s̃ ≤ inside(L) proves s ≤ L(1 − 1e-9) (so also fl(√s) ≤ √L for a radius r with L = r·r);
 * `outside(L)`: s̃ > outside(L) proves s > L(1 + 1e-9) (so also fl(√s) > r). Between the two: recompute in float64.
 */
export function insideThreshold(f: F32Frame, L: number): number {
  if (!(L >= 0)) return -Infinity
  if (L === Infinity) return Infinity
  const r = Math.sqrt(L) * (1 - SLACK) * (1 - f.rho) - f.alpha
  return r <= 0 ? -Infinity : r * r * (1 - SLACK) - f.E
}
export function outsideThreshold(f: F32Frame, L: number): number {
  if (L === Infinity || Number.isNaN(L)) return Infinity
  const r = Math.sqrt(Math.max(0, L)) * (1 + SLACK) * (1 + f.rho) + f.alpha
  return r * r * (1 + SLACK) + f.E
}

/**
 * Squared-distance tiles of one prepared pair (x: n×d queries, y: m×d references). `tile(i0, i1, j0, j1)` returns
 * s̃ for rows i0..i1 of x against references j0..j1 (j0 a multiple of 8) as a row-major view with row stride
 * `roundUp8(j1 − j0)` (entries past j1 are padding); the view is valid until the next call or `dispose`.
 */
export interface DistanceTiles {
  readonly n: number
  readonly m: number
  readonly d: number
  readonly frame: F32Frame
  tile(i0: number, i1: number, j0: number, j1: number): Float32Array
  /**
   * The entries of `tile(i0, i1, j0, j1)` with s̃_ij ≤ T[i − i0] (the same values, bit for bit), per row in increasing
   * j: row r has count[r] of them, the c-th with reference index j[r·w + c] and value s[r·w + c], w = roundUp8(j1 − j0).
   * Padding references (from j1 to j0 + w) may be listed: callers stop at j1. A search whose thresholds only shrink
   * reads far fewer entries than the tile (a kNN scan: about k·ln(n/k) per query). Views valid until the next call.
   */
  below(i0: number, i1: number, j0: number, j1: number, T: Float32Array): TileListing
  /** Releases the prepared operands (dispose in the reverse order of creation, as pair operators). */
  dispose(): void
}

/** What `DistanceTiles.below` returns. */
export interface TileListing {
  j: Int32Array
  s: Float32Array
  count: Int32Array
}

export const roundUp8 = (v: number): number => (v + 7) & ~7

/**
 * Writes fl32(z − c) of `rows` rows into `rowsOut` (row-major) and into `panels` (references packed in panels of 8:
 * panels[(p·d + k)·8 + lane] = row 8p + lane, padding rows 0), either of which may be omitted.
 */
export function placeF32(
  z: Float64Array,
  rows: number,
  d: number,
  centre: Float64Array,
  rowsOut: Float32Array | undefined,
  panels: Float32Array | undefined,
): void {
  if (panels) panels.fill(0, 0, roundUp8(rows) * d)
  for (let i = 0; i < rows; i++) {
    const p = (i >> 3) * d * 8 + (i & 7)
    for (let c = 0; c < d; c++) {
      const v = z[i * d + c] - centre[c]
      if (rowsOut) rowsOut[i * d + c] = v
      if (panels) panels[p + c * 8] = v
    }
  }
}
