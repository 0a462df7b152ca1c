/**
 * Sorting drift's columns: the finite values of a float64 column in ascending order, the same array as
 * `Float64Array.prototype.sort` gives (numeric order, −0 before +0; NaN never reaches it, ±∞ neither), about twice
 * as fast on a million values, which is where drift at scale spent half its time (bench/RESULTS.md, issue 23).
 *
 * How: an IEEE-754 double's bits, read as an unsigned integer with the sign bit flipped for positives and every bit
 * flipped for negatives, order exactly as the numbers do (−0 just below +0), the key of radix sorts of floats
 * (Herf 2001, "Radix Tricks", stereopsis.com/radix.html; Knuth, TAOCP vol. 3, §5.2.5). Two counting passes of 16
 * bits each order the values by the high 32 bits of that key (sign, exponent, 20 bits of mantissa), stable; values
 * that share their high word then sit in contiguous runs, finished by insertion sort (short runs) or the native sort
 * (long ones, such as a column whose values all lie within 2⁻²⁰ relative of each other). Every comparison that
 * decides an order inside a run is the number's own `<`, so the result is the one sorted order of the values.
 */

/** Below this many values the native sort is used directly (the counting arrays would cost more than they save). */
const RADIX_MIN = 1024
/** Runs of equal high words up to this length are finished by insertion sort, longer ones by the native sort. */
const INSERTION_MAX = 32

/** The finite values of `values` (NaN and ±∞ are the missing cells), sorted ascending, and how many were missing. */
export function finiteSorted(values: Float64Array): {sorted: Float64Array; missing: number} {
  let count = 0
  for (let i = 0; i < values.length; i++) if (values[i] - values[i] === 0) count++
  const out = new Float64Array(count)
  let k = 0
  for (let i = 0; i < values.length; i++) if (values[i] - values[i] === 0) out[k++] = values[i]
  return {sorted: sortFloat64InPlace(out), missing: values.length - count}
}

/** Sorts `xs` (no NaN) ascending in place, as `xs.sort()` would, and returns it. */
export function sortFloat64InPlace(xs: Float64Array): Float64Array {
  const n = xs.length
  if (n < RADIX_MIN) return xs.sort()
  // Little-endian words (every platform Node runs on): word 2i is the low half of xs[i], 2i + 1 the high half.
  const words = new Uint32Array(xs.buffer, xs.byteOffset, 2 * n)
  const keys = new Uint32Array(n)
  const low = new Uint32Array(65536),
    high = new Uint32Array(65536)
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1]
    const key = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0
    keys[i] = key
    low[key & 0xffff]++
    high[key >>> 16]++
  }
  let sumLow = 0,
    sumHigh = 0
  for (let b = 0; b < 65536; b++) {
    const a = low[b]
    low[b] = sumLow
    sumLow += a
    const c = high[b]
    high[b] = sumHigh
    sumHigh += c
  }
  const tmp = new Float64Array(n)
  const tmpKeys = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    const key = keys[i]
    const at = low[key & 0xffff]++
    tmp[at] = xs[i]
    tmpKeys[at] = key
  }
  for (let i = 0; i < n; i++) {
    const key = tmpKeys[i]
    const at = high[key >>> 16]++
    xs[at] = tmp[i]
    keys[at] = key
  }
  for (let i = 0; i < n; ) {
    const key = keys[i]
    let j = i + 1
    while (j < n && keys[j] === key) j++
    if (j - i > INSERTION_MAX) xs.subarray(i, j).sort()
    else
      for (let a = i + 1; a < j; a++) {
        const v = xs[a]
        let b = a - 1
        while (b >= i && xs[b] > v) {
          xs[b + 1] = xs[b]
          b--
        }
        xs[b + 1] = v
      }
    i = j
  }
  return xs
}
