import type {SampleSet} from '../sampleset.js'

/**
 * Ground cost c(x, y) = ‖x − y‖₂^p for p ∈ {1, 2}. Coordinates are expected already scaled (see `scaleForCost`),
 * so squaring cannot overflow.
 */
export function groundCost(a: Float64Array, i: number, b: Float64Array, j: number, d: number, p: 1 | 2): number {
  let s = 0
  const ai = i * d,
    bj = j * d
  for (let k = 0; k < d; k++) {
    const t = a[ai + k] - b[bj + k]
    s += t * t
  }
  return p === 2 ? s : Math.sqrt(s)
}

/**
 * A power of two 2^e close to the largest |coordinate| of P ∪ Q. Dividing by it is exact in floating point and
 * brings coordinates near 1, so that ‖x − y‖² cannot overflow for inputs up to 1e200 or underflow for 1e-200;
 * W_p is positively homogeneous of degree 1, so the answer is multiplied back by the same power of two.
 */
export function costScale(p: SampleSet, q: SampleSet): number {
  let m = 0
  for (const s of [p, q])
    for (let i = 0; i < s.data.length; i++) {
      const a = Math.abs(s.data[i])
      if (a > m) m = a
    }
  if (m === 0 || !Number.isFinite(m)) return 1
  return 2 ** Math.round(Math.log2(m))
}

/** Divides every coordinate by `scale` (a power of two: exact). */
export function scaled(set: SampleSet, scale: number): Float64Array {
  if (scale === 1) return set.data
  const out = new Float64Array(set.data.length)
  for (let i = 0; i < out.length; i++) out[i] = set.data[i] / scale
  return out
}
