/**
 * Ground cost c(x, y) = ‖x − y‖₂^p for p ∈ {1, 2}. Coordinates are expected already scaled (see ../power-of-two.ts),
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
