/**
 * The one data type every layer agrees on: an empirical measure P̂ = Σ wᵢ δ_{xᵢ} over n points in R^d.
 */
export interface SampleSet {
  /** Number of points (rows). */
  n: number
  /** Dimension of each point (columns). */
  d: number
  /** Row-major n×d coordinates: point i is data[i*d .. i*d+d). */
  data: Float64Array
  /** Column names, length d. */
  columns: string[]
  /** Optional non-negative weights, length n, normalised to sum 1. Absent means uniform 1/n. */
  weights?: Float64Array
  /** Where the set came from (a path, or '-' for stdin, or a generator name). */
  source: string
}

/** Builds a SampleSet from row-major data, checking that the shape adds up. */
export function makeSampleSet(
  data: Float64Array,
  n: number,
  d: number,
  columns: string[],
  source = '',
  weights?: Float64Array,
): SampleSet {
  if (data.length !== n * d) throw new Error(`internal: data length ${data.length} is not ${n}×${d}`)
  if (columns.length !== d) throw new Error(`internal: ${columns.length} column names for d = ${d}`)
  return weights ? {n, d, data, columns, weights, source} : {n, d, data, columns, source}
}

/** The weights as an array (uniform 1/n when none were given). */
export function weightsOf(set: SampleSet): Float64Array {
  return set.weights ?? new Float64Array(set.n).fill(1 / set.n)
}

/** The rows listed in `rows`, in that order, as a new SampleSet (weights renormalised). */
export function subset(set: SampleSet, rows: ArrayLike<number>, source = set.source): SampleSet {
  const {d} = set
  const data = new Float64Array(rows.length * d)
  for (let r = 0; r < rows.length; r++) data.set(set.data.subarray(rows[r] * d, rows[r] * d + d), r * d)
  let weights: Float64Array | undefined
  if (set.weights) {
    weights = new Float64Array(rows.length)
    let total = 0
    for (let r = 0; r < rows.length; r++) total += weights[r] = set.weights[rows[r]]
    for (let r = 0; r < rows.length; r++) weights[r] /= total
  }
  return makeSampleSet(data, rows.length, d, set.columns.slice(), source, weights)
}
