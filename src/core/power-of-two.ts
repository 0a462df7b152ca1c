/**
 * A power of two 2^e near the largest |coordinate| of the given arrays. Dividing by it is exact in floating point
 * and brings coordinates near 1, so that squared distances cannot overflow (inputs up to 1e200) or underflow
 * (inputs near 1e-200); distances are positively homogeneous, so they are multiplied back by the same factor.
 */
export function powerOfTwoScale(...arrays: Float64Array[]): number {
  let m = 0
  for (const a of arrays)
    for (let i = 0; i < a.length; i++) {
      const x = Math.abs(a[i])
      if (x > m) m = x
    }
  if (m === 0 || !Number.isFinite(m)) return 1
  const e = Math.round(Math.log2(m))
  return e === 0 ? 1 : 2 ** e
}

/** `a / scale` (exact for a power of two); the same array when scale is 1. */
export function divided(a: Float64Array, scale: number): Float64Array {
  if (scale === 1) return a
  const out = new Float64Array(a.length)
  for (let i = 0; i < a.length; i++) out[i] = a[i] / scale
  return out
}
