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
import {defaultThreads, MAX_THREADS, WORKER_START_PAIRS} from './pool.js'
import {pivotedCholeskyWith, tridiagonalizeWith} from './symmetric.js'

export {defaultThreads, MAX_THREADS}

import type {DistanceTiles} from './distance-f32.js'
import type {DualFilter} from './dual-filter.js'
import type {QuadraticForms} from './quadratic-forms.js'
import * as twin from './twin.js'
import type {DotTiles, DualCheck, Kernels, PairOperator, ReferenceTiles} from './types.js'
import {loadWasmKernels} from './wasm.js'

export type {
  DotTiles,
  DualCheck,
  DualCheckRows,
  Kernels,
  PairOperator,
  PairOperatorOptions,
  Power,
  ReferenceTiles,
} from './types.js'

const wasm = loadWasmKernels()
/** The twin as a backend: its exports are checked against `Kernels` here, once. */
const twinKernels: Kernels = twin
let active: Kernels = wasm ?? twinKernels

/** Which backend runs: 'wasm' (SIMD WebAssembly) or 'ts' (the plain TypeScript twin). */
export function kernelBackend(): 'wasm' | 'ts' {
  return active === twinKernels ? 'ts' : 'wasm'
}

/** Chooses the backend (tests and benchmarks); 'wasm' throws if the WebAssembly build is missing. */
export function setKernelBackend(which: 'wasm' | 'ts'): void {
  if (which === 'wasm' && !wasm) throw new Error('internal: the WebAssembly kernels are not built (run npm run build)')
  active = which === 'wasm' ? wasm! : twinKernels
}

let threads = defaultThreads()
wasm?.setThreads(threads, WORKER_START_PAIRS)

/**
 * Sets how many threads the WebAssembly row kernels use (default: the available parallelism; 1 = this thread only).
 * A count the caller `chose` starts its workers at the first call large enough to split; the default starts them
 * once WORKER_START_PAIRS of work has run on this thread, so small runs never pay for starting threads (./pool.ts).
 * Results are byte-identical for any count and either start (see ./pool.ts).
 */
export function setKernelThreads(count: number, chosen = true): void {
  threads = Math.max(1, Math.min(MAX_THREADS, Math.floor(count)))
  wasm?.setThreads(threads, chosen ? 0 : WORKER_START_PAIRS)
}

/** The thread count the row kernels use now (1 on the TypeScript twin). */
export function kernelThreads(): number {
  return active === twinKernels ? 1 : threads
}

/** Row blocks the active backend has run on worker threads so far. */
export function kernelWorkerBlocks(): number {
  return active.workerBlocks()
}

/** The WebAssembly kernels, or undefined when the build is missing. */
export const wasmKernels: Kernels | undefined = wasm
/** The TypeScript twins. */
export const tsKernels: Kernels = twinKernels

/** out[(i−i0)(j1−j0) + (j−j0)] = ‖x_i − y_j‖² for i0 ≤ i < i1, j0 ≤ j < j1 (a tile of squared distances). */
export function sqDistTile(...a: Parameters<Kernels['sqDistTile']>): void {
  active.sqDistTile(...a)
}

/**
 * out[i−i0] = log Σ_j exp(h_j − scale·‖x_i − y_j‖^power), max-then-sum (no overflow, no underflow to −∞ unless the
 * sum is empty). skipSelf leaves out j = i (leave-one-out when x and y are the same set).
 * Sinkhorn: f_i = −ε·LSE_j(log b_j + (g_j − C_ij)/ε) is h = log b + g/ε, scale = 1/ε.
 * Gaussian KDE: log Σ_j w_j exp(−‖x−y_j‖²/(2σ²)) is h = log w, scale = 1/(2σ²), power = 2.
 */
export function lseRowsOfNegScaledDist(...a: Parameters<Kernels['lseRowsOfNegScaledDist']>): void {
  active.lseRowsOfNegScaledDist(...a)
}

/** out[i−i0] = min_j (‖x_i − y_j‖^power − h_j): the exact c-transform (ε → 0 limit of the LSE). */
export function minRowsOfCostMinus(...a: Parameters<Kernels['minRowsOfCostMinus']>): void {
  active.minRowsOfCostMinus(...a)
}

/** mass[i−i0] = Σ_j P_ij and costs[i−i0] = Σ_j P_ij·C_ij for the Gibbs plan P_ij = exp(u_i + v_j − scale·C_ij). */
export function gibbsRowSums(...a: Parameters<Kernels['gibbsRowSums']>): void {
  active.gibbsRowSums(...a)
}

/** out[i−i0] = Σ_j w_j·‖x_i − y_j‖^power. */
export function weightedCostRows(...a: Parameters<Kernels['weightedCostRows']>): void {
  active.weightedCostRows(...a)
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
export function pairOperator(...a: Parameters<Kernels['pairOperator']>): PairOperator {
  return active.pairOperator(...a)
}

/**
 * out[i·bRows + j] = Σ_t a[i·len + t]·b[j·len + t] in float64 (A Bᵀ of row-major matrices): covariances, products of
 * the Fréchet distance, KID's kernel matrices. `symmetric` (b = a): j ≥ i computed and mirrored; `upperA`: a[i][t] = 0
 * for t < i, skipped. Threaded on the WebAssembly backend; byte-identical for any thread count.
 */
export function rowDots(...a: Parameters<Kernels['rowDots']>): Float64Array {
  return active.rowDots(...a)
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
export function projectRows(...a: Parameters<Kernels['projectRows']>): void {
  active.projectRows(...a)
}

export {
  type DistanceTiles,
  type F32Frame,
  GRAM_MIN_D,
  insideThreshold,
  outsideThreshold,
  roundUp8,
} from './distance-f32.js'

/**
 * float32 squared-distance tiles of x (n×d queries) against y (m×d references) on the active backend, with the error
 * bound that lets neighbour searches decide most pairs in float32 and recompute the rest in float64 (./distance-f32.ts).
 */
export function distanceTiles(...a: Parameters<Kernels['distanceTiles']>): DistanceTiles {
  return active.distanceTiles(...a)
}

/** Prepared float64 references for repeated `sqDistTile`-identical tiles against all of them (see ReferenceTiles). */
export function referenceTiles(...a: Parameters<Kernels['referenceTiles']>): ReferenceTiles {
  return active.referenceTiles(...a)
}

export {QF_TILE, type QuadraticForms, quadraticFormsBytes} from './quadratic-forms.js'

/**
 * A symmetric N×N float32 matrix prepared for many 0/1 quadratic forms lᵀ M l on the active backend (the permutation
 * tests; ./quadratic-forms.ts). Dispose it before creating another prepared operand (a stack, as pair operators).
 */
export function quadraticForms(...a: Parameters<Kernels['quadraticForms']>): QuadraticForms {
  return active.quadraticForms(...a)
}

/**
 * float32 squared-distance tiles in the Gram form ‖a‖² + ‖b‖² − 2a·b (two operations per coordinate) with its
 * absolute error bound (./distance-f32.ts `gramFrameF32`), on the active backend: the same contract as
 * `distanceTiles`, for high dimensions (GRAM_MIN_D), where distances are not small against the points' spread.
 */
export function gramDistanceTiles(...a: Parameters<Kernels['gramTiles']>): DistanceTiles {
  return active.gramTiles(...a)
}

/** Prepared float64 dot-product tiles of x against y on the active backend (see DotTiles). */
export function dotTiles(...a: Parameters<Kernels['dotTiles']>): DotTiles {
  return active.dotTiles(...a)
}

/** A prepared all-pairs dual check on the active backend (./types.ts DualCheck). */
export function dualCheck(...a: Parameters<Kernels['dualCheck']>): DualCheck {
  return active.dualCheck(...a)
}

export type {DualFilter} from './dual-filter.js'

/** The dual check's float32 filter for W1 costs on the active backend (./dual-filter.ts). */
export function dualFilter(...a: Parameters<Kernels['dualFilter']>): DualFilter {
  return active.dualFilter(...a)
}
