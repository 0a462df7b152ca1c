import {sqDistTile} from '../../kernels/index.js'

/** Rows per query block and per reference block: a 64×256 tile of float64 is 128 KiB, within L2. */
export const QUERY_BLOCK = 64
export const REFERENCE_BLOCK = 256

/**
 * Squared Euclidean distances between rows a[aStart..aStart+aCount) and b[bStart..bStart+bCount) (row-major, d
 * columns) into out[i*bCount + j], as Σ_k (a_k − b_k)² in float64. The difference form (not ‖a‖²+‖b‖²−2a·b) is
 * deliberate: it is exactly 0 for duplicate points and exactly symmetric, so `<=` ball tests on identical sets
 * agree bit for bit with the radii computed from the same function (docs/estimators.md "Precision, recall, density, coverage").
 * Plain TypeScript reference for the tile kernel (`sqDistTile` in src/kernels, SIMD WebAssembly), which `scanPairs`
 * uses; the tests hold the two to bit-for-bit agreement.
 */
export function squaredDistanceTile(
  a: Float64Array,
  aStart: number,
  aCount: number,
  b: Float64Array,
  bStart: number,
  bCount: number,
  d: number,
  out: Float64Array,
): void {
  for (let i = 0; i < aCount; i++) {
    const ai = (aStart + i) * d
    const row = i * bCount
    for (let j = 0; j < bCount; j++) {
      const bj = (bStart + j) * d
      let s = 0
      for (let k = 0; k < d; k++) {
        const t = a[ai + k] - b[bj + k]
        s += t * t
      }
      out[row + j] = s
    }
  }
}

/**
 * Visits every (query, reference) pair block by block: `visit(q0, qCount, r0, rCount, tile)` receives the
 * squared-distance tile of queries q0.. against references r0.. (tile[i*rCount + j]). References are visited in
 * increasing index order for every query, which the kNN tie rule relies on. Memory: one tile, never n×m.
 */
export function scanPairs(
  reference: Float64Array,
  n: number,
  queries: Float64Array,
  m: number,
  d: number,
  visit: (q0: number, qCount: number, r0: number, rCount: number, tile: Float64Array) => void,
  onProgress?: (done: number, total: number) => void,
): void {
  const tile = new Float64Array(QUERY_BLOCK * REFERENCE_BLOCK)
  for (let q0 = 0; q0 < m; q0 += QUERY_BLOCK) {
    const qCount = Math.min(QUERY_BLOCK, m - q0)
    for (let r0 = 0; r0 < n; r0 += REFERENCE_BLOCK) {
      const rCount = Math.min(REFERENCE_BLOCK, n - r0)
      // The kernel copies (and transposes) the y operand it is given: pass exactly this reference block.
      sqDistTile(queries, q0, q0 + qCount, reference.subarray(r0 * d, (r0 + rCount) * d), 0, rCount, d, tile)
      visit(q0, qCount, r0, rCount, tile)
    }
    onProgress?.(q0 + qCount, m)
  }
}
