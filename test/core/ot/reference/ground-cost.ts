/**
 * Ground cost c(x, y) = ‖x − y‖₂^p for p ∈ {1, 2}, one pair at a time: the reference solver's cost in the tests (the
 * solvers themselves use the row kernels of src/kernels). Coordinates are expected scaled near 1.
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
