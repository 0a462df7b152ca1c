/**
 * The kernels' signatures, written once: the public functions of ./index.ts, the TypeScript twin (./twin.ts) and the
 * WebAssembly backend (./wasm.ts) all implement `Kernels`, and none of the three imports another for its types.
 *
 * Shared conventions: x is n×d row-major and rows i0 ≤ i < i1 are processed, writing out[i − i0]; y is m×d row-major
 * and all its m rows are read; C_ij = ‖x_i − y_j‖₂^power.
 */
import type {DistanceTiles} from './distance-f32.js'
import type {DualFilter} from './dual-filter.js'
import type {QuadraticForms} from './quadratic-forms.js'
import type {SymmetricOps} from './symmetric.js'

export type Power = 1 | 2

/**
 * Prepared references y (m×d) for many float64 squared-distance tiles: `tile(x, i0, i1, out)` writes
 * out[(i − i0)·m + j] = ‖x_i − y_j‖² for rows i0..i1 of x, the same value `sqDistTile` gives, bit for bit.
 */
export interface ReferenceTiles {
  readonly m: number
  readonly d: number
  tile(x: Float64Array, i0: number, i1: number, out: Float64Array): void
  /** Releases the prepared references (dispose in the reverse order of creation, as pair operators). */
  dispose(): void
}

/**
 * float64 dot products of rows of x (n×d) with rows of y (m×d), tile by tile: `tile(i0, i1, j0, j1)` (j0 a multiple
 * of 4) returns x_i·y_j for i0 ≤ i < i1, j0 ≤ j < j1 at [(i − i0)·w + (j − j0)], w = j1 − j0 rounded up to 4, each the
 * k-order float64 sum Σ_k x_ik·y_jk (the plain loop's value, bit for bit, for any backend and thread count). The view
 * is valid until the next call or `dispose`. Memory: the operands and one tile, never n×m.
 */
export interface DotTiles {
  readonly n: number
  readonly m: number
  readonly d: number
  tile(i0: number, i1: number, j0: number, j1: number): Float64Array
  /** Releases the prepared operands (dispose in the reverse order of creation, as pair operators). */
  dispose(): void
}

/**
 * The shortlist solver's all-pairs dual check (src/core/ot/shortlist.ts), prepared for one pass over rows of x against
 * all m references y with potentials g (m), C_ij = ‖x_i − y_j‖^power in float64, bit-identical to `sqDistTile` (and
 * its square root). `rows(x, i0, i1, f, tol, K, out)` writes, for each row i of the block:
 *   out.rowMin[i − i0] = min_j (C_ij − g_j),
 *   out.count[i − i0] ≤ K pairs with r = (C_ij − g_j) − f_i < −tol·max(C_ij, |f_i|, |g_j|), most negative first (ties
 *   to the lower j), in out.best / out.bestJ at (i − i0)·K + t,
 * and keeps, across calls, each column's min_i (C_ij − f_i) and the lowest row attaining it (`columns`), so that the
 * rows may be passed in batches in increasing order. Results do not depend on the thread count. Dispose in the
 * reverse order of creation (as pair operators).
 */
export interface DualCheck {
  rows(x: Float64Array, i0: number, i1: number, f: Float64Array, tol: number, K: number, out: DualCheckRows): void
  /** Column minima min_i (C_ij − f_i) over the rows passed so far, and the lowest row attaining each. */
  columns(colMin: Float64Array, colArg: Int32Array): void
  dispose(): void
}

export interface DualCheckRows {
  rowMin: Float64Array
  count: Int32Array
  best: Float64Array
  bestJ: Int32Array
}

export interface PairOperatorOptions {
  /** 'f32' (default on WebAssembly): one-pass f32x4 iterations; 'f64': the float64 row kernels. */
  precision?: 'f32' | 'f64'
  /** Bytes the f32 cost matrix and its transpose may take (4·(n·m + m·n), padded); 0 or less: recompute costs. */
  cacheBytes?: number
}

/**
 * The log-sum-exp row and column reductions of one pair of sets (x: n×d, y: m×d, C_ij = ‖x_i − y_j‖^power), prepared
 * once and reused by every iteration (Sinkhorn half-steps, S_ε self terms, KDE sums):
 *   lseRows: out[i − i0] = log Σ_j exp(h_j − scale·C_ij)   (h has m entries)
 *   lseCols: out[j − j0] = log Σ_i exp(h_i − scale·C_ij)   (h has n entries)
 * `shift` (indexed by the absolute row, or null) is an estimate of each result, e.g. the previous potential; the f32
 * path sums in one pass shifted by it, and falls back to the row's maximum when the estimate is too far off.
 * Precision: the f32 path computes distances, the exponents and exp in float32 and the sums in float64; against the
 * float64 twin its results differ by ≤ ~1e-6·(1 + max|h| + scale·max C) absolute (test/kernels/pair-operator.test.ts).
 */
export interface PairOperator {
  readonly n: number
  readonly m: number
  /** 'f32': f32 exponents; 'mixed': f32 costs and exp, float64 exponents (after refine()); 'f64': float64 throughout. */
  readonly precision: 'f32' | 'mixed' | 'f64'
  /**
   * Moves an f32 operator to float64 exponents (same cached costs, ~1.5× the time), removing the rounding of h that
   * floors the f32 path's accuracy at small ε; returns false when there is nothing finer short of 'f64'.
   */
  refine(): boolean
  /** Bytes held by the cached cost matrices (0 when costs are recomputed on every pass). */
  readonly cachedBytes: number
  lseRows(
    i0: number,
    i1: number,
    h: Float64Array,
    scale: number,
    shift: Float64Array | null,
    out: Float64Array,
    skipSelf?: boolean,
  ): void
  lseCols(j0: number, j1: number, h: Float64Array, scale: number, shift: Float64Array | null, out: Float64Array): void
  /** Releases the prepared operands (operators must be disposed in the reverse order of creation to free memory). */
  dispose(): void
}

/**
 * One backend: what ./index.ts dispatches to. The meaning of each kernel is in the doc comment of its public function
 * in ./index.ts; a new kernel is one more member here, implemented by both backends (docs/architecture.md).
 */
export interface Kernels {
  sqDistTile(
    x: Float64Array,
    i0: number,
    i1: number,
    y: Float64Array,
    j0: number,
    j1: number,
    d: number,
    out: Float64Array,
  ): void
  lseRowsOfNegScaledDist(
    x: Float64Array,
    i0: number,
    i1: number,
    y: Float64Array,
    m: number,
    d: number,
    h: Float64Array,
    scale: number,
    power: Power,
    out: Float64Array,
    skipSelf?: boolean,
  ): void
  minRowsOfCostMinus(
    x: Float64Array,
    i0: number,
    i1: number,
    y: Float64Array,
    m: number,
    d: number,
    h: Float64Array,
    power: Power,
    out: Float64Array,
  ): void
  gibbsRowSums(
    x: Float64Array,
    i0: number,
    i1: number,
    y: Float64Array,
    m: number,
    d: number,
    u: Float64Array,
    v: Float64Array,
    scale: number,
    power: Power,
    mass: Float64Array,
    costs: Float64Array,
  ): void
  weightedCostRows(
    x: Float64Array,
    i0: number,
    i1: number,
    y: Float64Array,
    m: number,
    d: number,
    w: Float64Array,
    power: Power,
    out: Float64Array,
  ): void
  projectRows(
    x: Float64Array,
    i0: number,
    i1: number,
    d: number,
    dirs: Float64Array,
    K: number,
    out: Float64Array,
  ): void
  rowDots(
    a: Float64Array,
    aRows: number,
    b: Float64Array,
    bRows: number,
    len: number,
    out: Float64Array,
    opts?: {symmetric?: boolean; upperA?: boolean},
  ): Float64Array
  /** The row operations of the symmetric eigenvalue and Cholesky loops (./symmetric.ts), on this backend's memory. */
  symmetricOps(): SymmetricOps
  bracketRowsA(
    x: Float64Array,
    n: number,
    y: Float64Array,
    m: number,
    d: number,
    power: Power,
    g: Float64Array,
    u: Float64Array,
    v: Float64Array,
    s: number,
    ft: Float64Array,
    r: Float64Array,
    rc: Float64Array,
  ): void
  bracketColsB(
    x: Float64Array,
    n: number,
    y: Float64Array,
    m: number,
    d: number,
    power: Power,
    ft: Float64Array,
    u: Float64Array,
    v: Float64Array,
    xw: Float64Array,
    s: number,
    gt: Float64Array,
    cx: Float64Array,
  ): void
  bracketRowsC(
    x: Float64Array,
    n: number,
    y: Float64Array,
    m: number,
    d: number,
    power: Power,
    u: Float64Array,
    v: Float64Array,
    yw: Float64Array,
    errC: Float64Array,
    s: number,
    sk: Float64Array,
    skc: Float64Array,
    dot: Float64Array,
  ): void
  pairOperator(
    x: Float64Array,
    n: number,
    y: Float64Array,
    m: number,
    d: number,
    power: Power,
    opts?: PairOperatorOptions,
  ): PairOperator
  /**
   * Threads the row kernels may use (the WebAssembly backend's worker pool; the twin always uses one), and the pairs
   * the calling thread runs alone before the workers start (./pool.ts `startAfterPairs`; default 0).
   */
  setThreads(threads: number, startAfterPairs?: number): void
  /** Row blocks run on worker threads so far (0 on the twin); tests use it to see that a split happened. */
  workerBlocks(): number
  distanceTiles(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DistanceTiles
  referenceTiles(y: Float64Array, m: number, d: number): ReferenceTiles
  quadraticForms(N: number): QuadraticForms
  /** float32 squared-distance tiles in the Gram form ‖a‖² + ‖b‖² − 2a·b, bound by ./distance-f32.ts `gramFrameF32`. */
  gramTiles(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DistanceTiles
  /** float64 dot-product tiles of x against y (DotTiles). */
  dotTiles(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DotTiles
  /** The shortlist solver's all-pairs dual check (DualCheck), prepared for references y with potentials g. */
  dualCheck(y: Float64Array, m: number, d: number, power: Power, g: Float64Array): DualCheck
  /** Its float32 filter for W1 costs (./dual-filter.ts), prepared for x and y. */
  dualFilter(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DualFilter
}
