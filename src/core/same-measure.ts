import type {SampleSet} from './sampleset.js'

/**
 * Whether P̂ = Q̂ as measures, which every divergence here turns into an exact 0 (W1 without solver rounding or
 * entropic bias, each JSD estimate because both densities are the same function).
 *
 * Weights: absent weights are uniform 1/n; each set's weights are divided by their own sum, so weights given on
 * another scale (2, 2 against none) still match. Rows are paired after sorting by coordinates and then weight, and
 * the sums are taken in that order, so the answer does not depend on row order. Coordinates and normalised weights
 * are compared exactly in float64. Rows are not merged: one point listed twice at ½ each against once at weight 1
 * is the same measure but answers false. False only sends the caller to the ordinary computation, which is right in
 * either case; true is only answered when the measures are equal.
 */
export function sameMeasure(p: SampleSet, q: SampleSet): boolean {
  if (p.n !== q.n || p.d !== q.d) return false
  if (differentSums(p, q)) return false
  const a = sortedRows(p),
    b = sortedRows(q)
  for (let r = 0; r < p.n; r++) {
    if (a.weight[r] !== b.weight[r]) return false
    const i = a.rows[r],
      j = b.rows[r]
    for (let c = 0; c < p.d; c++) if (p.data[i * p.d + c] !== q.data[j * p.d + c]) return false
  }
  return true
}

/**
 * Cheap rejection before the sort: different sets almost always differ in their coordinate sums. Two orderings of
 * one multiset sum to values at most (n−1)·u·Σ|x| apart (recursive summation, u = 2⁻⁵³), so only a larger gap
 * rejects; a non-finite sum decides nothing.
 */
function differentSums(p: SampleSet, q: SampleSet): boolean {
  let sp = 0,
    sq = 0,
    ap = 0,
    aq = 0
  for (const v of p.data) {
    sp += v
    ap += Math.abs(v)
  }
  for (const v of q.data) {
    sq += v
    aq += Math.abs(v)
  }
  if (!Number.isFinite(ap + aq)) return false
  return Math.abs(sp - sq) > 2 * p.data.length * 2 ** -53 * (ap + aq)
}

function sortedRows(s: SampleSet): {rows: number[]; weight: Float64Array} {
  const {d, data} = s
  const w = (i: number) => (s.weights ? s.weights[i] : 1 / s.n)
  const rows = Array.from({length: s.n}, (_, i) => i)
  rows.sort((i, j) => {
    for (let c = 0; c < d; c++)
      if (data[i * d + c] !== data[j * d + c]) return data[i * d + c] < data[j * d + c] ? -1 : 1
    return w(i) - w(j)
  })
  let total = 0
  for (const i of rows) total += w(i)
  return {rows, weight: Float64Array.from(rows, (i) => w(i) / total)}
}
