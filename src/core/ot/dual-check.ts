import {type DualFilter, dualCheck} from '../../kernels/index.js'
import {exactSqDist} from '../knn/index.js'
import type {PointCosts} from './transport-costs.js'

/**
 * The shortlist solver's all-pairs dual check (./shortlist.ts, step 3), in two forms that find the same violating
 * pairs: `allPairsCheck`, the fused float64 kernel over every pair, which also gives the c-transforms f^c, g^c the
 * certificate needs; and `filteredCheck`, a float32 pass (../../kernels/dual-filter.ts) that lists a superset of the
 * pairs with a negative reduced cost, recomputed here in float64 with the float64 kernel's own operations and order,
 * in about half the time (for W1 costs).
 */

/** Most violating arcs one violating row adds per round (and each violating column its most violating one). */
export interface DualCheckOptions {
  /** A pair violates when C_ij − f_i − g_j < −tol·max(|C_ij|, |f_i|, |g_j|). */
  tol: number
  /** Violating pairs kept per row (the K most violating, ties by the lower column). */
  perRow: number
}

/** Whether the reduced cost r = C − f − g violates, relative to the terms that made it. */
export function violates(r: number, c: number, f: number, g: number, tol: number): boolean {
  return r < -tol * Math.max(Math.abs(c), Math.abs(f), Math.abs(g))
}

/** Rows per batch of about 2·10⁷ pairs (a progress step; the kernels' scratch is O(batch·K)). */
function batchRows(n: number, m: number): number {
  return Math.max(4, Math.min(n, Math.ceil(2e7 / m)))
}

/**
 * One pass over all n·m pairs in the fused float64 kernel `dualCheck` (rows split over the worker threads; the result
 * does not depend on the thread count): g^c_i = min_j (C_ij − g_j) into gc, f^c_j = min_i (C_ij − f_i) into fc, each
 * row's `perRow` most violating pairs (`violates`) and each column's most violating one, returned as sorted unique
 * keys i·m + j.
 */
export function allPairsCheck(
  pts: PointCosts,
  f: Float64Array,
  g: Float64Array,
  gc: Float64Array,
  fc: Float64Array,
  opts: DualCheckOptions,
  onRows?: (done: number) => void,
): Float64Array {
  const {x, n, y, m, d, power} = pts
  const K = opts.perRow
  const check = dualCheck(y, m, d, power, g)
  const batch = batchRows(n, m)
  const out = {
    rowMin: new Float64Array(batch),
    count: new Int32Array(batch),
    best: new Float64Array(batch * K),
    bestJ: new Int32Array(batch * K),
  }
  const keys: number[] = []
  // The row attaining each f^c_j: a column's most violating pair, also added (it matters when n ≪ m, where a few rows
  // adding K each took 40 rounds for 100 × 100 000).
  const fcArg = new Int32Array(m)
  let reported = 0
  try {
    for (let i0 = 0; i0 < n; i0 += batch) {
      const i1 = Math.min(n, i0 + batch)
      check.rows(x, i0, i1, f, opts.tol, K, out)
      for (let i = i0; i < i1; i++) {
        gc[i] = out.rowMin[i - i0]
        const count = out.count[i - i0]
        for (let k = 0; k < count; k++) keys.push(i * m + out.bestJ[(i - i0) * K + k])
      }
      if (onRows && i1 - reported >= n / 20) {
        reported = i1
        onRows(i1)
      }
    }
    check.columns(fc, fcArg)
  } finally {
    check.dispose()
  }
  columnViolators(fc, fcArg, f, g, opts.tol, m, keys)
  return sortedUnique(keys)
}

/** Listed columns a row may hold before `filteredCheck` scans that row in full (rows of many near-ties are rare). */
const FILTER_ROW_CAP = 256

/**
 * The violating pairs of `allPairsCheck` (the same keys, bit for bit), from the float32 filter: every pair with
 * C_ij < f_i + g_j is listed (../../kernels/dual-filter.ts), and every violating pair, row minimum that can violate or
 * column minimum that can violate has a negative reduced cost in float64, hence C_ij < f_i + g_j exactly (a rounded
 * difference is negative only if the exact one is). Each listed pair is recomputed with the float64 kernel's operations
 * (`exactSqDist`, the correctly rounded square root, (C − g) − f for rows, C − f for columns) in increasing j per row
 * and increasing i per column, so the K most violating per row and each column's minimum come out as the kernel's.
 * Rows listing more than FILTER_ROW_CAP columns are scanned in full in float64. Only for W1 costs (power 1).
 * Returns undefined, and the caller runs `allPairsCheck`, when the filter cannot bound these potentials or more than
 * 1/64 of the rows (and more than 4) overflow (many ties: the full check is then cheaper).
 * Does not give f^c or g^c: the last round's check, which certifies, is always `allPairsCheck`.
 */
export function filteredCheck(
  pts: PointCosts,
  filter: DualFilter,
  f: Float64Array,
  g: Float64Array,
  opts: DualCheckOptions,
  onRows?: (done: number) => void,
): Float64Array | undefined {
  const {x, n, y, m, d} = pts
  if (!filter.potentials(f, g)) return undefined
  const K = opts.perRow,
    tol = opts.tol,
    cap = FILTER_ROW_CAP
  const batch = batchRows(n, m)
  const listed = new Int32Array(batch * cap),
    count = new Int32Array(batch)
  const colMin = new Float64Array(m).fill(Infinity),
    colArg = new Int32Array(m).fill(-1)
  const best = new Float64Array(K),
    bestJ = new Int32Array(K)
  const keys: number[] = []
  let overflowed = 0,
    reported = 0
  for (let i0 = 0; i0 < n; i0 += batch) {
    const i1 = Math.min(n, i0 + batch)
    filter.rows(i0, i1, cap, listed, count)
    for (let i = i0; i < i1; i++) {
      const fi = f[i],
        listedHere = count[i - i0]
      const full = listedHere > cap
      if (full && ++overflowed > Math.max(4, n / 64)) return undefined
      const seen = full ? m : listedHere
      let kept = 0
      for (let t = 0; t < seen; t++) {
        const j = full ? t : listed[(i - i0) * cap + t]
        const c = Math.sqrt(exactSqDist(x, i, y, j, d))
        const v = c - fi
        if (v < colMin[j]) {
          colMin[j] = v
          colArg[j] = i
        }
        const r = c - g[j] - fi
        if (!violates(r, c, fi, g[j], tol)) continue
        kept = keepMostViolating(best, bestJ, kept, K, r, j)
      }
      for (let k = 0; k < kept; k++) keys.push(i * m + bestJ[k])
    }
    if (onRows && i1 - reported >= n / 20) {
      reported = i1
      onRows(i1)
    }
  }
  columnViolators(colMin, colArg, f, g, tol, m, keys)
  return sortedUnique(keys)
}

/**
 * Inserts (r, j) into the K most violating pairs so far, best[0..kept) ascending, ties kept in arrival order (the
 * kernel's `dcConsider`); returns the new count.
 */
function keepMostViolating(
  best: Float64Array,
  bestJ: Int32Array,
  kept: number,
  K: number,
  r: number,
  j: number,
): number {
  if (kept === K && !(r < best[kept - 1])) return kept
  let k = kept < K ? kept++ : kept - 1
  while (k > 0 && best[k - 1] > r) {
    best[k] = best[k - 1]
    bestJ[k] = bestJ[k - 1]
    k--
  }
  best[k] = r
  bestJ[k] = j
  return kept
}

/** Each column's most violating pair (at its minimum C_ij − f_i, row colArg[j]) when it violates, as keys i·m + j. */
function columnViolators(
  colMin: Float64Array,
  colArg: Int32Array,
  f: Float64Array,
  g: Float64Array,
  tol: number,
  m: number,
  keys: number[],
): void {
  for (let j = 0; j < m; j++) {
    const i = colArg[j]
    if (i < 0) continue
    const r = colMin[j] - g[j]
    if (r < 0 && violates(r, r + f[i] + g[j], f[i], g[j], tol)) keys.push(i * m + j)
  }
}

/** Keys sorted ascending with duplicates removed. */
function sortedUnique(keys: number[]): Float64Array {
  const sorted = Float64Array.from(keys).sort()
  let u = 0
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[u++] = sorted[k]
  return sorted.slice(0, u)
}
