import {sqDistTile} from '../../kernels/index.js'
import type {SampleSet} from '../sampleset.js'

/** Largest (n+m)² the exact diameter scans; beyond it a centroid-based upper bound is returned. */
const EXACT_DIAMETER_PAIRS = 1e8
/** Distances per tile of the exact scan (16 MB of float64). */
const TILE_VALUES = 1 << 21

/**
 * diam(supp P̂ ∪ supp Q̂) = max ‖u − v‖ over all pairs of points in either set (the C of Arjovsky & Bottou Thm 3.3
 * is this plus 2R). Exact by an O((n+m)²·d) scan where affordable; otherwise the upper bound 2·max‖u − c‖ about the
 * pooled centroid c (triangle inequality), labelled `exact: false` — still valid where an upper bound is what is needed.
 * Coordinates are scaled by a power of two first so the squares cannot overflow.
 */
export function diameter(p: SampleSet, q: SampleSet): {value: number; exact: boolean} {
  const d = p.d
  const total = p.n + q.n
  let scale = 0
  for (const s of [p, q]) for (const v of s.data) scale = Math.max(scale, Math.abs(v))
  if (scale === 0) return {value: 0, exact: true}
  scale = 2 ** Math.round(Math.log2(scale))
  const pt = (k: number, c: number) => (k < p.n ? p.data[k * d + c] : q.data[(k - p.n) * d + c]) / scale
  if (total * total <= EXACT_DIAMETER_PAIRS) {
    // Rows u0..u1 against columns u0..total in tiles on the pairwise kernels (SIMD, worker threads): each squared
    // distance is summed over the coordinates in order, as a scalar loop would, so the maximum is the same bits.
    const z = new Float64Array(total * d)
    for (let u = 0; u < total; u++) for (let c = 0; c < d; c++) z[u * d + c] = pt(u, c)
    const rows = Math.max(1, Math.min(total, Math.floor(TILE_VALUES / total)))
    const out = new Float64Array(rows * total)
    let best = 0
    for (let u0 = 0; u0 < total; u0 += rows) {
      const u1 = Math.min(total, u0 + rows),
        w = total - u0
      sqDistTile(z, u0, u1, z, u0, total, d, out)
      for (let r = 0; r < u1 - u0; r++) for (let j = r + 1; j < w; j++) if (out[r * w + j] > best) best = out[r * w + j]
    }
    return {value: Math.sqrt(best) * scale, exact: true}
  }
  const centre = new Float64Array(d)
  for (let u = 0; u < total; u++) for (let c = 0; c < d; c++) centre[c] += pt(u, c) / total
  let far = 0
  for (let u = 0; u < total; u++) {
    let s = 0
    for (let c = 0; c < d; c++) s += (pt(u, c) - centre[c]) ** 2
    far = Math.max(far, s)
  }
  return {value: 2 * Math.sqrt(far) * scale, exact: false}
}
