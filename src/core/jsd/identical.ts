import type {SampleSet} from '../sampleset.js'

/**
 * Whether P̂ and Q̂ are the same measure: the same points with the same weights, in any order. Then every JSD
 * this tool computes is exactly 0 (the two smoothed or estimated densities are the same function).
 */
export function sameMeasure(p: SampleSet, q: SampleSet): boolean {
  if (p.n !== q.n || p.d !== q.d) return false
  const d = p.d
  const order = (s: SampleSet) => {
    const idx = Array.from({length: s.n}, (_, i) => i)
    const w = (i: number) => (s.weights ? s.weights[i] : 1 / s.n)
    idx.sort((i, j) => {
      for (let c = 0; c < d; c++) {
        const t = s.data[i * d + c] - s.data[j * d + c]
        if (t !== 0) return t
      }
      return w(i) - w(j)
    })
    return {idx, w}
  }
  const a = order(p),
    b = order(q)
  for (let r = 0; r < p.n; r++) {
    const i = a.idx[r],
      j = b.idx[r]
    if (a.w(i) !== b.w(j)) return false
    for (let c = 0; c < d; c++) if (p.data[i * d + c] !== q.data[j * d + c]) return false
  }
  return true
}
