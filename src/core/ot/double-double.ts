/**
 * Double-double arithmetic: a value held as hi + lo with |lo| ≤ ulp(hi)/2, about 106 bits (Dekker 1971, "A
 * floating-point technique for extending the available precision", §5–6; Knuth's TwoSum, TAOCP vol. 2 §4.2.2).
 * Used where float64 cancellation is the error: the cumulative masses of exact W1 in 1-D (./exact1d.ts).
 */
export interface DD {
  hi: number
  lo: number
}

/** s + e = a + b exactly (Knuth's TwoSum). */
function twoSum(a: number, b: number, out: DD): DD {
  const s = a + b
  const bb = s - a
  out.hi = s
  out.lo = a - (s - bb) + (b - bb)
  return out
}

const SPLIT = 134217729 // 2^27 + 1

/** a·b = p + e exactly (Dekker's product, no FMA needed). */
function twoProduct(a: number, b: number, out: DD): DD {
  const p = a * b
  let c = SPLIT * a
  const ah = c - (c - a),
    al = a - ah
  c = SPLIT * b
  const bh = c - (c - b),
    bl = b - bh
  out.hi = p
  out.lo = ah * bh - p + ah * bl + al * bh + al * bl
  return out
}

const tmp: DD = {hi: 0, lo: 0}

/** acc += v in place (accurate to ~2^-106 relative per step). */
export function ddAdd(acc: DD, v: number): void {
  twoSum(acc.hi, v, tmp)
  const lo = tmp.lo + acc.lo
  const hi = tmp.hi + lo
  acc.lo = lo - (hi - tmp.hi)
  acc.hi = hi
}

/** x − y, rounded once to float64. */
export function ddDiff(x: DD, y: DD): number {
  twoSum(x.hi, -y.hi, tmp)
  return tmp.hi + (tmp.lo + (x.lo - y.lo))
}

/** x / y as a double-double (one Newton correction of the float quotient). */
export function ddDiv(x: DD, y: DD): DD {
  const q1 = x.hi / y.hi
  twoProduct(q1, y.hi, tmp)
  // r = x − q1·y, with the product's error and q1·y.lo
  const r = x.hi - tmp.hi - tmp.lo + x.lo - q1 * y.lo
  const q2 = r / y.hi
  const hi = q1 + q2
  return {hi, lo: q2 - (hi - q1)}
}

/** x ≤ y for normalised double-doubles. */
export function ddLessEq(x: DD, y: DD): boolean {
  return x.hi < y.hi || (x.hi === y.hi && x.lo <= y.lo)
}
