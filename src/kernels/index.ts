/**
 * The numeric kernels every hot loop shares (Sinkhorn, c-transforms, the bracket, Gaussian-kernel densities).
 * Stable API: call these, not the backends. Each runs on the SIMD WebAssembly build (src/kernels/assembly/, compiled
 * by `npm run build`) when it has loaded, else on the plain TypeScript twin (./twin.ts); the two agree to ≤ 1e-12
 * relative in float64 (test/kernels/twin.test.ts). See ./README.md.
 *
 * Shared conventions: x is n×d row-major and rows i0 ≤ i < i1 are processed, writing out[i − i0]; y is m×d row-major
 * and all its m rows are read; C_ij = ‖x_i − y_j‖₂^power. Scale coordinates near 1 first (divide by a power of two,
 * as src/core/power-of-two.ts does) so squares cannot overflow. Nothing allocates an n×m matrix: only rows are reduced.
 */
import {defaultThreads, MAX_THREADS} from './pool.js'
import {pivotedCholeskyWith, type SymmetricOps, tridiagonalizeWith} from './symmetric.js'

export {defaultThreads, MAX_THREADS}

import type {DistanceTiles} from './distance-f32.js'
import type {QuadraticForms} from './quadratic-forms.js'
import * as twin from './twin.js'
import {loadWasmKernels} from './wasm.js'

export type Power = 1 | 2

export interface Kernels {
  sqDistTile: typeof twin.sqDistTile
  lseRowsOfNegScaledDist: typeof twin.lseRowsOfNegScaledDist
  minRowsOfCostMinus: typeof twin.minRowsOfCostMinus
  gibbsRowSums: typeof twin.gibbsRowSums
  weightedCostRows: typeof twin.weightedCostRows
  projectRows: typeof twin.projectRows
  rowDots: typeof twin.rowDots
  /** The row operations of the symmetric eigenvalue and Cholesky loops (./symmetric.ts), on this backend's memory. */
  symmetricOps: () => SymmetricOps
  bracketRowsA: typeof twin.bracketRowsA
  bracketColsB: typeof twin.bracketColsB
  bracketRowsC: typeof twin.bracketRowsC
  pairOperator: (
    x: Float64Array,
    n: number,
    y: Float64Array,
    m: number,
    d: number,
    power: Power,
    opts?: PairOperatorOptions,
  ) => PairOperator
  /** Threads the row kernels may use (the WebAssembly backend's worker pool; the twin always uses one). */
  setThreads: (threads: number) => void
  /** Row blocks run on worker threads so far (0 on the twin); tests use it to see that a split happened. */
  workerBlocks: () => number
  distanceTiles: typeof twin.distanceTiles
  referenceTiles: typeof twin.referenceTiles
  quadraticForms: (N: number) => QuadraticForms
  dualCheck: typeof twin.dualCheck
}

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

const wasm = loadWasmKernels()
let active: Kernels = wasm ?? twin

/** Which backend runs: 'wasm' (SIMD WebAssembly) or 'ts' (the plain TypeScript twin). */
export function kernelBackend(): 'wasm' | 'ts' {
  return active === twin ? 'ts' : 'wasm'
}

/** Chooses the backend (tests and benchmarks); 'wasm' throws if the WebAssembly build is missing. */
export function setKernelBackend(which: 'wasm' | 'ts'): void {
  if (which === 'wasm' && !wasm) throw new Error('internal: the WebAssembly kernels are not built (run npm run build)')
  active = which === 'wasm' ? wasm! : twin
}

let threads = defaultThreads()
wasm?.setThreads(threads)

/**
 * Sets how many threads the WebAssembly row kernels use (default: the available parallelism; 1 = this thread only).
 * Results are byte-identical for any count (see ./pool.ts).
 */
export function setKernelThreads(count: number): void {
  threads = Math.max(1, Math.min(MAX_THREADS, Math.floor(count)))
  wasm?.setThreads(threads)
}

/** The thread count the row kernels use now (1 on the TypeScript twin). */
export function kernelThreads(): number {
  return active === twin ? 1 : threads
}

/** Row blocks the active backend has run on worker threads so far. */
export function kernelWorkerBlocks(): number {
  return active.workerBlocks()
}

/** The WebAssembly kernels, or undefined when the build is missing. */
export const wasmKernels: Kernels | undefined = wasm
/** The TypeScript twins. */
export const tsKernels: Kernels = twin

/** out[(i−i0)(j1−j0) + (j−j0)] = ‖x_i − y_j‖² for i0 ≤ i < i1, j0 ≤ j < j1 (a tile of squared distances). */
export function sqDistTile(
  x: Float64Array,
  i0: number,
  i1: number,
  y: Float64Array,
  j0: number,
  j1: number,
  d: number,
  out: Float64Array,
): void {
  active.sqDistTile(x, i0, i1, y, j0, j1, d, out)
}

/**
 * out[i−i0] = log Σ_j exp(h_j − scale·‖x_i − y_j‖^power), max-then-sum (no overflow, no underflow to −∞ unless the
 * sum is empty). skipSelf leaves out j = i (leave-one-out when x and y are the same set).
 * Sinkhorn: f_i = −ε·LSE_j(log b_j + (g_j − C_ij)/ε) is h = log b + g/ε, scale = 1/ε.
 * Gaussian KDE: log Σ_j w_j exp(−‖x−y_j‖²/(2σ²)) is h = log w, scale = 1/(2σ²), power = 2.
 */
export function lseRowsOfNegScaledDist(
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
  skipSelf = false,
): void {
  active.lseRowsOfNegScaledDist(x, i0, i1, y, m, d, h, scale, power, out, skipSelf)
}

/** out[i−i0] = min_j (‖x_i − y_j‖^power − h_j): the exact c-transform (ε → 0 limit of the LSE). */
export function minRowsOfCostMinus(
  x: Float64Array,
  i0: number,
  i1: number,
  y: Float64Array,
  m: number,
  d: number,
  h: Float64Array,
  power: Power,
  out: Float64Array,
): void {
  active.minRowsOfCostMinus(x, i0, i1, y, m, d, h, power, out)
}

/** mass[i−i0] = Σ_j P_ij and costs[i−i0] = Σ_j P_ij·C_ij for the Gibbs plan P_ij = exp(u_i + v_j − scale·C_ij). */
export function gibbsRowSums(
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
): void {
  active.gibbsRowSums(x, i0, i1, y, m, d, u, v, scale, power, mass, costs)
}

/** out[i−i0] = Σ_j w_j·‖x_i − y_j‖^power. */
export function weightedCostRows(
  x: Float64Array,
  i0: number,
  i1: number,
  y: Float64Array,
  m: number,
  d: number,
  w: Float64Array,
  power: Power,
  out: Float64Array,
): void {
  active.weightedCostRows(x, i0, i1, y, m, d, w, power, out)
}

/**
 * The certified bracket's three fused float64 passes over all pairs (src/core/ot/sinkhorn.ts, certifiedBracket), with
 * the plan K_ij = E((u_i + v_j) − s·C_ij) bit-identical across passes (see assembly/kernels.ts):
 *   A (rows):    ft_i = min_j (C_ij − g_j),  r_i = Σ_j K_ij,  rc_i = Σ_j K_ij C_ij
 *   B (columns): gt_j = min_i (C_ij − ft_i), cx_j = Σ_i xw_i K_ij
 *   C (rows):    sk_i = Σ_j yw_j K_ij,  skc_i = Σ_j yw_j K_ij C_ij,  dot_i = Σ_j errC_j C_ij
 */
export function bracketRowsA(...a: Parameters<Kernels['bracketRowsA']>): void {
  active.bracketRowsA(...a)
}
export function bracketColsB(...a: Parameters<Kernels['bracketColsB']>): void {
  active.bracketColsB(...a)
}
export function bracketRowsC(...a: Parameters<Kernels['bracketRowsC']>): void {
  active.bracketRowsC(...a)
}

/** A prepared pair operator on the active backend (see PairOperator). */
export function pairOperator(
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  power: Power,
  opts?: PairOperatorOptions,
): PairOperator {
  return active.pairOperator(x, n, y, m, d, power, opts)
}

/**
 * out[i·bRows + j] = Σ_t a[i·len + t]·b[j·len + t] in float64 (A Bᵀ of row-major matrices): covariances, products of
 * the Fréchet distance, KID's kernel matrices. `symmetric` (b = a): j ≥ i computed and mirrored; `upperA`: a[i][t] = 0
 * for t < i, skipped. Threaded on the WebAssembly backend; byte-identical for any thread count.
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
  return active.rowDots(a, aRows, b, bRows, len, out, opts)
}

/** Householder tridiagonalisation of a symmetric matrix (upper triangle) into d and e (./symmetric.ts). */
export function tridiagonalize(m: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  tridiagonalizeWith(active.symmetricOps(), m, n, d, e)
}

/** Pivoted Cholesky Πᵀ A Π ≈ L Lᵀ of a PSD matrix (./symmetric.ts; src/core/linalg/pivoted-cholesky.ts). */
export function pivotedCholeskyFactor(
  matrix: Float64Array,
  n: number,
  tolerance?: number,
): ReturnType<typeof pivotedCholeskyWith> {
  return pivotedCholeskyWith(active.symmetricOps(), matrix, n, tolerance)
}

/** out[(i−i0)·K + k] = Σ_c x_ic·dirs_kc: rows of x (n×d) projected on K directions (dirs K×d row-major). */
export function projectRows(
  x: Float64Array,
  i0: number,
  i1: number,
  d: number,
  dirs: Float64Array,
  K: number,
  out: Float64Array,
): void {
  active.projectRows(x, i0, i1, d, dirs, K, out)
}

export {type DistanceTiles, type F32Frame, insideThreshold, outsideThreshold, roundUp8} from './distance-f32.js'

/**
 * float32 squared-distance tiles of x (n×d queries) against y (m×d references) on the active backend, with the error
 * bound that lets neighbour searches decide most pairs in float32 and recompute the rest in float64 (./distance-f32.ts).
 */
export function distanceTiles(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DistanceTiles {
  return active.distanceTiles(x, n, y, m, d)
}

/** Prepared float64 references for repeated `sqDistTile`-identical tiles against all of them (see ReferenceTiles). */
export function referenceTiles(y: Float64Array, m: number, d: number): ReferenceTiles {
  return active.referenceTiles(y, m, d)
}

export {QF_TILE, type QuadraticForms, quadraticFormsBytes} from './quadratic-forms.js'

/**
 * A symmetric N×N float32 matrix prepared for many 0/1 quadratic forms lᵀ M l on the active backend (the permutation
 * tests; ./quadratic-forms.ts). Dispose it before creating another prepared operand (a stack, as pair operators).
 */
export function quadraticForms(N: number): QuadraticForms {
  return active.quadraticForms(N)
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

/** A prepared all-pairs dual check on the active backend (see DualCheck). */
export function dualCheck(y: Float64Array, m: number, d: number, power: Power, g: Float64Array): DualCheck {
  return active.dualCheck(y, m, d, power, g)
}
