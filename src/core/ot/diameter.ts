import type {SampleSet} from '../sampleset.js'

/** Largest (n+m)² the exact diameter scans; beyond it a centroid-based upper bound is returned. */
const EXACT_DIAMETER_PAIRS = 1e8

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
    let best = 0
    for (let u = 0; u < total; u++)
      for (let v = u + 1; v < total; v++) {
        let s = 0
        for (let c = 0; c < d; c++) {
          const t = pt(u, c) - pt(v, c)
          s += t * t
        }
        if (s > best) best = s
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
