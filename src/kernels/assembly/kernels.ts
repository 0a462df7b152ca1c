// AssemblyScript (0.28.20) SIMD kernels; TypeScript twins and the API are in ../twin.ts and ../index.ts.
// Memory is laid out by the caller (../wasm.ts): x rows as n×d row-major, y TRANSPOSED as d×m (yT[k*m + j]) so one
// f64x2 load covers two consecutive j. Every distance is Σ_k (x_ik − y_jk)² summed in k order, the same float64
// operations as the twin, so distances are bit-identical; only the order of the j-sums differs (two lanes).

// exp(−50) ≈ 2e-22: a million skipped terms change a log-sum-exp by < 1e-15 relative.
const LSE_CUTOFF: f64 = -50

@inline function sqDist2(x: usize, yT: usize, m: i32, d: i32, j: i32): v128 {
  let acc = f64x2.splat(0)
  for (let k = 0; k < d; k++) {
    const t = f64x2.sub(f64x2.splat(load<f64>(x + (<usize>k << 3))), v128.load(yT + ((<usize>k * <usize>m + <usize>j) << 3)))
    acc = f64x2.add(acc, f64x2.mul(t, t))
  }
  return acc
}

@inline function sqDist1(x: usize, yT: usize, m: i32, d: i32, j: i32): f64 {
  let s: f64 = 0
  for (let k = 0; k < d; k++) {
    const t = load<f64>(x + (<usize>k << 3)) - load<f64>(yT + ((<usize>k * <usize>m + <usize>j) << 3))
    s += t * t
  }
  return s
}

@inline function costOf2(x: usize, yT: usize, m: i32, d: i32, j: i32, power: i32): v128 {
  const s = sqDist2(x, yT, m, d, j)
  return power == 2 ? s : f64x2.sqrt(s)
}

@inline function costOf1(x: usize, yT: usize, m: i32, d: i32, j: i32, power: i32): f64 {
  const s = sqDist1(x, yT, m, d, j)
  return power == 2 ? s : Math.sqrt(s)
}

/** out[(i)*(j1−j0) + j − j0] = ‖x_i − y_j‖² for rows 0 ≤ i < rows of x. */
export function sqDistTile(x: usize, rows: i32, yT: usize, m: i32, j0: i32, j1: i32, d: i32, out: usize): void {
  const w = j1 - j0
  for (let i = 0; i < rows; i++) {
    const xi = x + (<usize>(i * d) << 3)
    const o = out + (<usize>(i * w) << 3)
    let j = j0
    for (; j + 1 < j1; j += 2) v128.store(o + (<usize>(j - j0) << 3), sqDist2(xi, yT, m, d, j))
    if (j < j1) store<f64>(o + (<usize>(j - j0) << 3), sqDist1(xi, yT, m, d, j))
  }
}

/** Writes t_j = h_j − scale·C_ij for one row into scratch; returns max_j t_j. */
@inline function negScaledRow(xi: usize, yT: usize, m: i32, d: i32, h: usize, scale: f64, power: i32, scratch: usize): f64 {
  const sc = f64x2.splat(scale)
  let vmax = f64x2.splat(-Infinity)
  let j = 0
  for (; j + 1 < m; j += 2) {
    const t = f64x2.sub(v128.load(h + (<usize>j << 3)), f64x2.mul(sc, costOf2(xi, yT, m, d, j, power)))
    v128.store(scratch + (<usize>j << 3), t)
    vmax = f64x2.max(vmax, t)
  }
  let max = Math.max(f64x2.extract_lane(vmax, 0), f64x2.extract_lane(vmax, 1))
  if (j < m) {
    const t = load<f64>(h + (<usize>j << 3)) - scale * costOf1(xi, yT, m, d, j, power)
    store<f64>(scratch + (<usize>j << 3), t)
    max = Math.max(max, t)
  }
  return max
}

/**
 * The same t_j for four rows at once, sharing each load of y between them (register blocking: four times less
 * traffic through the cache for large d). Distances are summed over k in the same order, so results are identical.
 */
function negScaledRows4(x: usize, yT: usize, m: i32, d: i32, h: usize, scale: f64, power: i32, scratch: usize): void {
  const sc = f64x2.splat(scale)
  const x1 = x + (<usize>d << 3), x2 = x1 + (<usize>d << 3), x3 = x2 + (<usize>d << 3)
  const rowBytes = <usize>m << 3
  let j = 0
  for (; j + 1 < m; j += 2) {
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0)
    for (let k = 0; k < d; k++) {
      const yk = v128.load(yT + ((<usize>k * <usize>m + <usize>j) << 3))
      const kb = <usize>k << 3
      const t0 = f64x2.sub(f64x2.splat(load<f64>(x + kb)), yk)
      const t1 = f64x2.sub(f64x2.splat(load<f64>(x1 + kb)), yk)
      const t2 = f64x2.sub(f64x2.splat(load<f64>(x2 + kb)), yk)
      const t3 = f64x2.sub(f64x2.splat(load<f64>(x3 + kb)), yk)
      a0 = f64x2.add(a0, f64x2.mul(t0, t0))
      a1 = f64x2.add(a1, f64x2.mul(t1, t1))
      a2 = f64x2.add(a2, f64x2.mul(t2, t2))
      a3 = f64x2.add(a3, f64x2.mul(t3, t3))
    }
    if (power != 2) {
      a0 = f64x2.sqrt(a0)
      a1 = f64x2.sqrt(a1)
      a2 = f64x2.sqrt(a2)
      a3 = f64x2.sqrt(a3)
    }
    const hj = v128.load(h + (<usize>j << 3))
    const o = scratch + (<usize>j << 3)
    v128.store(o, f64x2.sub(hj, f64x2.mul(sc, a0)))
    v128.store(o + rowBytes, f64x2.sub(hj, f64x2.mul(sc, a1)))
    v128.store(o + 2 * rowBytes, f64x2.sub(hj, f64x2.mul(sc, a2)))
    v128.store(o + 3 * rowBytes, f64x2.sub(hj, f64x2.mul(sc, a3)))
  }
  if (j < m) {
    const hj = load<f64>(h + (<usize>j << 3))
    for (let r = 0; r < 4; r++) store<f64>(scratch + <usize>r * rowBytes + (<usize>j << 3), hj - scale * costOf1(x + (<usize>(r * d) << 3), yT, m, d, j, power))
  }
}

/** log Σ_j exp(row_j − max) + max over one scratch row, skipping self (index s, or −1) and terms below the cutoff. */
@inline function lseOfRow(row: usize, m: i32, max: f64, s: i32): f64 {
  if (s >= 0 && s < m) {
    store<f64>(row + (<usize>s << 3), -Infinity)
    max = -Infinity
    for (let jj = 0; jj < m; jj++) max = Math.max(max, load<f64>(row + (<usize>jj << 3)))
  }
  if (max == -Infinity) return -Infinity
  // Terms below e^LSE_CUTOFF of the largest are skipped (as in the twin): at small ε that is most of them.
  let s0: f64 = 0, s1: f64 = 0
  let j = 0
  for (; j + 1 < m; j += 2) {
    const t0 = load<f64>(row + (<usize>j << 3)) - max, t1 = load<f64>(row + (<usize>(j + 1) << 3)) - max
    if (t0 > LSE_CUTOFF) s0 += Math.exp(t0)
    if (t1 > LSE_CUTOFF) s1 += Math.exp(t1)
  }
  if (j < m) {
    const t = load<f64>(row + (<usize>j << 3)) - max
    if (t > LSE_CUTOFF) s0 += Math.exp(t)
  }
  return max + Math.log(s0 + s1)
}

/**
 * out[i] = log Σ_j exp(h_j − scale·C_ij); self = index of x's first row in y when skipping j = i, else −1.
 * scratch must hold 4·m doubles (four rows are computed together).
 */
export function lseRows(x: usize, rows: i32, yT: usize, m: i32, d: i32, h: usize, scale: f64, power: i32, out: usize, scratch: usize, self: i32): void {
  const rowBytes = <usize>m << 3
  let i = 0
  for (; i + 3 < rows; i += 4) {
    negScaledRows4(x + (<usize>(i * d) << 3), yT, m, d, h, scale, power, scratch)
    for (let r = 0; r < 4; r++) {
      const row = scratch + <usize>r * rowBytes
      let max: f64 = -Infinity
      for (let jj = 0; jj < m; jj++) max = Math.max(max, load<f64>(row + (<usize>jj << 3)))
      store<f64>(out + (<usize>(i + r) << 3), lseOfRow(row, m, max, self >= 0 ? self + i + r : -1))
    }
  }
  for (; i < rows; i++) {
    const max = negScaledRow(x + (<usize>(i * d) << 3), yT, m, d, h, scale, power, scratch)
    store<f64>(out + (<usize>i << 3), lseOfRow(scratch, m, max, self >= 0 ? self + i : -1))
  }
}

/** out[i] = min_j (C_ij − h_j). */
export function minRows(x: usize, rows: i32, yT: usize, m: i32, d: i32, h: usize, power: i32, out: usize): void {
  for (let i = 0; i < rows; i++) {
    const xi = x + (<usize>(i * d) << 3)
    let vmin = f64x2.splat(Infinity)
    let j = 0
    for (; j + 1 < m; j += 2) vmin = f64x2.min(vmin, f64x2.sub(costOf2(xi, yT, m, d, j, power), v128.load(h + (<usize>j << 3))))
    let min = Math.min(f64x2.extract_lane(vmin, 0), f64x2.extract_lane(vmin, 1))
    if (j < m) min = Math.min(min, costOf1(xi, yT, m, d, j, power) - load<f64>(h + (<usize>j << 3)))
    store<f64>(out + (<usize>i << 3), min)
  }
}

/** mass[i] = Σ_j exp(u_i + v_j − scale·C_ij), costs[i] = Σ_j exp(…)·C_ij. */
export function gibbsRows(x: usize, rows: i32, yT: usize, m: i32, d: i32, u: usize, v: usize, scale: f64, power: i32, mass: usize, costs: usize): void {
  const sc = f64x2.splat(scale)
  for (let i = 0; i < rows; i++) {
    const xi = x + (<usize>(i * d) << 3)
    const ui = f64x2.splat(load<f64>(u + (<usize>i << 3)))
    let s0: f64 = 0, s1: f64 = 0, c0: f64 = 0, c1: f64 = 0
    let j = 0
    for (; j + 1 < m; j += 2) {
      const c = costOf2(xi, yT, m, d, j, power)
      const e = f64x2.sub(f64x2.add(ui, v128.load(v + (<usize>j << 3))), f64x2.mul(sc, c))
      const p0 = Math.exp(f64x2.extract_lane(e, 0)), p1 = Math.exp(f64x2.extract_lane(e, 1))
      s0 += p0
      s1 += p1
      c0 += p0 * f64x2.extract_lane(c, 0)
      c1 += p1 * f64x2.extract_lane(c, 1)
    }
    if (j < m) {
      const c = costOf1(xi, yT, m, d, j, power)
      const p = Math.exp(f64x2.extract_lane(ui, 0) + load<f64>(v + (<usize>j << 3)) - scale * c)
      s0 += p
      c0 += p * c
    }
    store<f64>(mass + (<usize>i << 3), s0 + s1)
    store<f64>(costs + (<usize>i << 3), c0 + c1)
  }
}

/** out[i] = Σ_j w_j C_ij. */
export function weightedCostRows(x: usize, rows: i32, yT: usize, m: i32, d: i32, w: usize, power: i32, out: usize): void {
  for (let i = 0; i < rows; i++) {
    const xi = x + (<usize>(i * d) << 3)
    let acc = f64x2.splat(0)
    let j = 0
    for (; j + 1 < m; j += 2) acc = f64x2.add(acc, f64x2.mul(v128.load(w + (<usize>j << 3)), costOf2(xi, yT, m, d, j, power)))
    let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1)
    if (j < m) s += load<f64>(w + (<usize>j << 3)) * costOf1(xi, yT, m, d, j, power)
    store<f64>(out + (<usize>i << 3), s)
  }
}

/** out[i*K + k] = Σ_c x_ic·dirsT[c*K + k]: two directions per f64x2 lane pair, c summed in order (as the twin). */
export function projectRows(x: usize, rows: i32, d: i32, dirsT: usize, K: i32, out: usize): void {
  for (let i = 0; i < rows; i++) {
    const xi = x + (<usize>(i * d) << 3)
    const o = out + (<usize>(i * K) << 3)
    let k = 0
    for (; k + 1 < K; k += 2) {
      let acc = f64x2.splat(0)
      for (let c = 0; c < d; c++) acc = f64x2.add(acc, f64x2.mul(f64x2.splat(load<f64>(xi + (<usize>c << 3))), v128.load(dirsT + ((<usize>(c * K + k)) << 3))))
      v128.store(o + (<usize>k << 3), acc)
    }
    if (k < K) {
      let s: f64 = 0
      for (let c = 0; c < d; c++) s += load<f64>(xi + (<usize>c << 3)) * load<f64>(dirsT + ((<usize>(c * K + k)) << 3))
      store<f64>(o + (<usize>k << 3), s)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One-pass float32 kernels (f32x4) for the iterations: Sinkhorn half-steps, S_ε self terms, KDE sums.
// Layout (../wasm.ts prepares it once per pair of sets): x rows as n×d f32 row-major, y TRANSPOSED as d×mp f32 with
// mp = m rounded up to a multiple of 4 (padding columns have h = −∞, so they contribute exp(−∞) = 0), or a cached
// cost matrix rows×mp f32. Coordinates are centred before rounding to f32 (translation does not change distances).

// exp(x) for x ≤ ~88 on four lanes: XNNPACK's f32-raddstoreexpminusmax "rr2-p5" recipe. n = round(x·log₂e) by the
// magic bias 0x1.8000FEp23 (its low bits already carry the exponent bias 127, so n's bits shifted left by 23 are
// 2ⁿ), t = x − n·ln 2 with ln 2 split into two constants, 2ⁿ·(1 + t·p(t)) with p of degree 5 (≈ 2 ulp), and 0 below
// −0x1.5D589Ep6 (where 2ⁿ would be subnormal), by an and-not mask (which also maps −∞ and the NaN it makes to 0).
const EXP_LOG2E: f32 = 1.4426950216293335
const EXP_MAGIC: f32 = 12583039.0
const EXP_MINUS_LN2_HI: f32 = -0.693145751953125
const EXP_MINUS_LN2_LO: f32 = -0.0000014286067653301870
const EXP_C1: f32 = 0.99999970197677612
const EXP_C2: f32 = 0.49999150633811951
const EXP_C3: f32 = 0.16667652130126953
const EXP_C4: f32 = 0.041897822171449661
const EXP_C5: f32 = 0.0082892905920743942
const EXP_CUTOFF: f32 = -87.336540222167969

@inline function exp4(x: v128): v128 {
  let n = f32x4.add(f32x4.mul(x, f32x4.splat(EXP_LOG2E)), f32x4.splat(EXP_MAGIC))
  const s = i32x4.shl(n, 23)
  n = f32x4.sub(n, f32x4.splat(EXP_MAGIC))
  let t = f32x4.add(f32x4.mul(n, f32x4.splat(EXP_MINUS_LN2_HI)), x)
  t = f32x4.add(f32x4.mul(n, f32x4.splat(EXP_MINUS_LN2_LO)), t)
  let p = f32x4.add(f32x4.mul(f32x4.splat(EXP_C5), t), f32x4.splat(EXP_C4))
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(EXP_C3))
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(EXP_C2))
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(EXP_C1))
  t = f32x4.mul(t, s)
  const f = f32x4.add(f32x4.mul(t, p), s)
  return v128.andnot(f, f32x4.lt(x, f32x4.splat(EXP_CUTOFF)))
}

/** exp(x) on four f32 lanes (tests compare it with Math.exp). */
export function exp4Test(x: usize, out: usize, count: i32): void {
  for (let j = 0; j < count; j += 4) v128.store(out + (<usize>j << 2), exp4(v128.load(x + (<usize>j << 2))))
}

// A row is accepted when its largest term lies within [shift − 30, shift + 60] of the shift: nothing overflows f32
// (e^88) and the largest term keeps 57 orders of magnitude of room above the flush at e^−87. Otherwise it is summed
// again, shifted by its own maximum (one extra pass, rare when the shift is the previous potential).
const SHIFT_LOW: f32 = -30
const SHIFT_HIGH: f32 = 60

@inline function hmax4(v: v128): f32 {
  return Mathf.max(Mathf.max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), Mathf.max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)))
}

/**
 * Adds the four f32 lanes of e to a f64x2 accumulator. Each lane first sums 16 terms in f32 (64 columns, two
 * accumulators; relative rounding ≤ 16·2⁻²⁴ ≈ 1e-6 at worst, all terms positive), then the row sum goes on in float64,
 * so the rounding does not grow with m.
 */
const FLUSH_MASK = 63
@inline function accumulate(acc: v128, e: v128): v128 {
  return f64x2.add(acc, f64x2.add(f64x2.promote_low_f32x4(e), f64x2.promote_low_f32x4(v128.shuffle<f32>(e, e, 2, 3, 0, 1))))
}

@inline function laneMask(lane: i32): v128 {
  return i32x4.eq(i32x4(0, 1, 2, 3), i32x4.splat(lane))
}

// The sum Σ_j exp(h_j − shift − scale·C_ij) of one row; the largest of its exponents is left in ROW_MAX.
let ROW_MAX: f32 = 0

@inline function rowSumCoords(xi: usize, yT: usize, mp: i32, d: i32, h: usize, scale: f32, power: i32, shift: f32, self: i32): f64 {
  const sc = f32x4.splat(scale), sh = f32x4.splat(shift)
  const selfGroup = self >= 0 ? self & ~3 : -1
  const mask = laneMask(self & 3), ninf = f32x4.splat(-Infinity)
  let acc0 = f64x2.splat(0)
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0)
  let vmax = ninf
  const stride = <usize>mp << 2
  for (let j = 0; j < mp; j += 8) {
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0)
    let yk = yT + (<usize>j << 2)
    for (let k = 0; k < d; k++) {
      const xk = f32x4.splat(load<f32>(xi + (<usize>k << 2)))
      const t0 = f32x4.sub(xk, v128.load(yk)), t1 = f32x4.sub(xk, v128.load(yk, 16))
      c0 = f32x4.add(c0, f32x4.mul(t0, t0))
      c1 = f32x4.add(c1, f32x4.mul(t1, t1))
      yk += stride
    }
    if (power != 2) {
      c0 = f32x4.sqrt(c0)
      c1 = f32x4.sqrt(c1)
    }
    let t0 = f32x4.sub(f32x4.sub(v128.load(h + (<usize>j << 2)), sh), f32x4.mul(sc, c0))
    let t1 = f32x4.sub(f32x4.sub(v128.load(h + (<usize>j << 2), 16), sh), f32x4.mul(sc, c1))
    if (j == selfGroup) t0 = v128.bitselect(ninf, t0, mask)
    else if (j + 4 == selfGroup) t1 = v128.bitselect(ninf, t1, mask)
    vmax = f32x4.pmax(vmax, f32x4.pmax(t0, t1))
    s0 = f32x4.add(s0, exp4(t0))
    s1 = f32x4.add(s1, exp4(t1))
    if ((j & FLUSH_MASK) == FLUSH_MASK - 7) {
      acc0 = accumulate(acc0, f32x4.add(s0, s1))
      s0 = f32x4.splat(0)
      s1 = f32x4.splat(0)
    }
  }
  acc0 = accumulate(acc0, f32x4.add(s0, s1))
  ROW_MAX = hmax4(vmax)
  return f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1)
}

@inline function rowSumCached(ci: usize, mp: i32, h: usize, scale: f32, shift: f32, self: i32): f64 {
  const sc = f32x4.splat(scale), sh = f32x4.splat(shift)
  const selfGroup = self >= 0 ? self & ~3 : -1
  const mask = laneMask(self & 3), ninf = f32x4.splat(-Infinity)
  let acc0 = f64x2.splat(0)
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0)
  let vmax = ninf
  for (let j = 0; j < mp; j += 8) {
    const o = <usize>j << 2
    let t0 = f32x4.sub(f32x4.sub(v128.load(h + o), sh), f32x4.mul(sc, v128.load(ci + o)))
    let t1 = f32x4.sub(f32x4.sub(v128.load(h + o, 16), sh), f32x4.mul(sc, v128.load(ci + o, 16)))
    if (j == selfGroup) t0 = v128.bitselect(ninf, t0, mask)
    else if (j + 4 == selfGroup) t1 = v128.bitselect(ninf, t1, mask)
    vmax = f32x4.pmax(vmax, f32x4.pmax(t0, t1))
    s0 = f32x4.add(s0, exp4(t0))
    s1 = f32x4.add(s1, exp4(t1))
    if ((j & FLUSH_MASK) == FLUSH_MASK - 7) {
      acc0 = accumulate(acc0, f32x4.add(s0, s1))
      s0 = f32x4.splat(0)
      s1 = f32x4.splat(0)
    }
  }
  acc0 = accumulate(acc0, f32x4.add(s0, s1))
  ROW_MAX = hmax4(vmax)
  return f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1)
}

/**
 * out[i] = log Σ_j exp(h_j − scale·C_ij) for rows 0 ≤ i < rows, one pass per row, shifted by shift[i] (an estimate
 * of the result: the previous potential), or by the row's own maximum when the estimate is off (see SHIFT_LOW).
 * x: rows×d f32; yT: d×mp f32 (mp a multiple of 8); h: mp f32; shift, out: f64. self ≥ 0 leaves out j = self + i.
 * cost ≠ 0: C is read from the cached rows×mp f32 matrix at `cost` instead of being computed from x and yT.
 * A row whose terms are all −∞ (or not finite) gets −∞ or NaN; the caller recomputes those in float64.
 */
export function lseRowsF32(x: usize, rows: i32, yT: usize, mp: i32, d: i32, h: usize, scale: f32, power: i32, shift: usize, out: usize, self: i32, cost: usize): void {
  for (let i = 0; i < rows; i++) {
    const s = self >= 0 ? self + i : -1
    let sh = <f32>load<f64>(shift + (<usize>i << 3))
    if (!isFinite(sh)) sh = 0
    let sum: f64 = cost != 0
      ? rowSumCached(cost + (<usize>i * <usize>mp << 2), mp, h, scale, sh, s)
      : rowSumCoords(x + (<usize>(i * d) << 2), yT, mp, d, h, scale, power, sh, s)
    // ROW_MAX is the largest shifted term, max_j (h_j − shift − scale·C_ij).
    const max = ROW_MAX
    if (max == -Infinity || !isFinite(max)) {
      store<f64>(out + (<usize>i << 3), max == -Infinity ? -Infinity : NaN)
      continue
    }
    if (max > SHIFT_HIGH || max < SHIFT_LOW) {
      sh = sh + max
      sum = cost != 0
        ? rowSumCached(cost + (<usize>i * <usize>mp << 2), mp, h, scale, sh, s)
        : rowSumCoords(x + (<usize>(i * d) << 2), yT, mp, d, h, scale, power, sh, s)
    }
    store<f64>(out + (<usize>i << 3), <f64>sh + Math.log(sum))
  }
}

// Mixed precision for the end of ε-scaling: exponents h_j − shift − scale·C_ij formed in float64 (h, shift and scale
// stay float64; C is the same f32 cost), then rounded to f32 for exp4. In the f32 kernels the exponent carries the
// rounding of h_j ≈ g_j/ε, up to 2⁻²⁴·max|g|/ε absolute, which at ε ≈ 1e-4 of the diameter is ~1e-3 and floors the
// plan's marginal error; here only C_ij's own f32 rounding (2⁻²⁴·C_ij/ε, small for the pairs that carry mass) and the
// final rounding of an exponent in [−87, 60] (≤ 5e-6) remain, at about 1.5× the f32 kernel's time.

/** Four exponents (h − shift) − scale·C from four f32 costs, formed in float64, returned as f32x4. */
@inline function mixedExponents(h: usize, sh: v128, sc: v128, c: v128): v128 {
  const lo = f64x2.sub(f64x2.sub(v128.load(h), sh), f64x2.mul(sc, f64x2.promote_low_f32x4(c)))
  const hi = f64x2.sub(f64x2.sub(v128.load(h, 16), sh), f64x2.mul(sc, f64x2.promote_low_f32x4(v128.shuffle<f32>(c, c, 2, 3, 0, 1))))
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5)
}

/** f32 costs of xi against columns j..j+3 of yT (the same operations as rowSumCoords). */
@inline function costs4(xi: usize, yT: usize, mp: i32, d: i32, j: i32, power: i32): v128 {
  let c = f32x4.splat(0)
  let yk = yT + (<usize>j << 2)
  const stride = <usize>mp << 2
  for (let k = 0; k < d; k++) {
    const t = f32x4.sub(f32x4.splat(load<f32>(xi + (<usize>k << 2))), v128.load(yk))
    c = f32x4.add(c, f32x4.mul(t, t))
    yk += stride
  }
  return power != 2 ? f32x4.sqrt(c) : c
}

@inline function rowSumMixed(xi: usize, ci: usize, yT: usize, mp: i32, d: i32, h: usize, scale: f64, power: i32, shift: f64, self: i32): f64 {
  const sc = f64x2.splat(scale), sh = f64x2.splat(shift)
  const selfGroup = self >= 0 ? self & ~3 : -1
  const mask = laneMask(self & 3), ninf = f32x4.splat(-Infinity)
  let acc0 = f64x2.splat(0)
  let s0 = f32x4.splat(0)
  let vmax = ninf
  for (let j = 0; j < mp; j += 4) {
    const c = ci != 0 ? v128.load(ci + (<usize>j << 2)) : costs4(xi, yT, mp, d, j, power)
    let t = mixedExponents(h + (<usize>j << 3), sh, sc, c)
    if (j == selfGroup) t = v128.bitselect(ninf, t, mask)
    vmax = f32x4.pmax(vmax, t)
    s0 = f32x4.add(s0, exp4(t))
    if ((j & FLUSH_MASK) == FLUSH_MASK - 3) {
      acc0 = accumulate(acc0, s0)
      s0 = f32x4.splat(0)
    }
  }
  acc0 = accumulate(acc0, s0)
  ROW_MAX = hmax4(vmax)
  return f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1)
}

/**
 * lseRowsF32 with the exponents formed in float64 (see above): h is mp float64 values (padding −∞), shift and out
 * float64; x, yT or the cached cost as in lseRowsF32.
 */
export function lseRowsMixed(x: usize, rows: i32, yT: usize, mp: i32, d: i32, h: usize, scale: f64, power: i32, shift: usize, out: usize, self: i32, cost: usize): void {
  for (let i = 0; i < rows; i++) {
    const s = self >= 0 ? self + i : -1
    let sh = load<f64>(shift + (<usize>i << 3))
    if (!isFinite(sh)) sh = 0
    const xi = x + (<usize>(i * d) << 2), ci = cost != 0 ? cost + (<usize>i * <usize>mp << 2) : 0
    let sum = rowSumMixed(xi, ci, yT, mp, d, h, scale, power, sh, s)
    const max = ROW_MAX
    if (max == -Infinity || !isFinite(max)) {
      store<f64>(out + (<usize>i << 3), max == -Infinity ? -Infinity : NaN)
      continue
    }
    if (max > SHIFT_HIGH || max < SHIFT_LOW) {
      sh = sh + <f64>max
      sum = rowSumMixed(xi, ci, yT, mp, d, h, scale, power, sh, s)
    }
    store<f64>(out + (<usize>i << 3), sh + Math.log(sum))
  }
}

/** C_ij = ‖x_i − y_j‖^power in f32 for rows 0 ≤ i < rows into out (rows×mp), the cached cost matrix. */
export function costRowsF32(x: usize, rows: i32, yT: usize, mp: i32, d: i32, power: i32, out: usize): void {
  const stride = <usize>mp << 2
  for (let i = 0; i < rows; i++) {
    const xi = x + (<usize>(i * d) << 2), o = out + <usize>i * stride
    for (let j = 0; j < mp; j += 4) {
      let c = f32x4.splat(0)
      let yk = yT + (<usize>j << 2)
      for (let k = 0; k < d; k++) {
        const t = f32x4.sub(f32x4.splat(load<f32>(xi + (<usize>k << 2))), v128.load(yk))
        c = f32x4.add(c, f32x4.mul(t, t))
        yk += stride
      }
      v128.store(o + (<usize>j << 2), power != 2 ? f32x4.sqrt(c) : c)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The certified bracket's three fused float64 passes (../../core/ot/sinkhorn.ts, certifiedBracket). Distances are
// float64, summed over k in order, so C_ij is bit-identical whether computed from row i or from column j
// ((x − y)² = (y − x)² exactly). The plan entries K_ij = E((u_i + v_j) − s·C_ij) use one deterministic exp E, also
// bit-identical in the row and the column passes (float64 addition commutes), so the rounded plan whose cost is the
// upper bound is one well-defined nonnegative matrix: E's accuracy (≈ 1e-10 relative, degree-8 Taylor after the
// ln 2 range reduction) only affects how close that plan is to the Gibbs plan, never the bound's validity.
const D_LOG2E: f64 = 1.4426950408889634
const D_MAGIC: f64 = 6755399441056767.0 // 1.5·2⁵² + 1023: its low mantissa bits become the biased exponent of 2ⁿ
const D_LN2_HI: f64 = 0.6931471803691238
const D_LN2_LO: f64 = 1.9082149292705877e-10
const D_CUTOFF: f64 = -708.0

@inline function exp2d(x: v128): v128 {
  let n = f64x2.add(f64x2.mul(x, f64x2.splat(D_LOG2E)), f64x2.splat(D_MAGIC))
  const s = i64x2.shl(n, 52)
  n = f64x2.sub(n, f64x2.splat(D_MAGIC))
  let t = f64x2.sub(x, f64x2.mul(n, f64x2.splat(D_LN2_HI)))
  t = f64x2.sub(t, f64x2.mul(n, f64x2.splat(D_LN2_LO)))
  let p = f64x2.add(f64x2.mul(f64x2.splat(1.0 / 40320.0), t), f64x2.splat(1.0 / 5040.0))
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 720.0))
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 120.0))
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 24.0))
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0 / 6.0))
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(0.5))
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0))
  p = f64x2.add(f64x2.mul(p, t), f64x2.splat(1.0))
  return v128.andnot(f64x2.mul(p, s), f64x2.lt(x, f64x2.splat(D_CUTOFF)))
}

/** E on two lanes (tests). */
export function exp2dTest(x: usize, out: usize, count: i32): void {
  for (let j = 0; j < count; j += 2) v128.store(out + (<usize>j << 3), exp2d(v128.load(x + (<usize>j << 3))))
}

@inline function hsum2(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1)
}

/**
 * Pass A, rows i of x against all mp (even, padded) columns of yT: ft[i] = min_j (C_ij − g_j) (the c-transform),
 * r[i] = Σ_j K_ij, rc[i] = Σ_j K_ij·C_ij. Padding: g and v = −∞.
 */
export function bracketRowsA(x: usize, rows: i32, yT: usize, mp: i32, d: i32, power: i32, g: usize, u: usize, v: usize, s: f64, ft: usize, r: usize, rc: usize): void {
  const sc = f64x2.splat(s)
  for (let i = 0; i < rows; i++) {
    const xi = x + (<usize>(i * d) << 3)
    const ui = f64x2.splat(load<f64>(u + (<usize>i << 3)))
    let vmin = f64x2.splat(Infinity), sr = f64x2.splat(0), src = f64x2.splat(0)
    for (let j = 0; j < mp; j += 2) {
      const c = costOf2(xi, yT, mp, d, j, power)
      const o = <usize>j << 3
      vmin = f64x2.pmin(vmin, f64x2.sub(c, v128.load(g + o)))
      const e = exp2d(f64x2.sub(f64x2.add(ui, v128.load(v + o)), f64x2.mul(sc, c)))
      sr = f64x2.add(sr, e)
      src = f64x2.add(src, f64x2.mul(e, c))
    }
    store<f64>(ft + (<usize>i << 3), Math.min(f64x2.extract_lane(vmin, 0), f64x2.extract_lane(vmin, 1)))
    store<f64>(r + (<usize>i << 3), hsum2(sr))
    store<f64>(rc + (<usize>i << 3), hsum2(src))
  }
}

/**
 * Pass B, columns j (rows of y) against all np (even, padded) rows of xT: gt[j] = min_i (C_ij − ft_i),
 * cx[j] = Σ_i xw_i·K_ij with K_ij = E((u_i + v_j) − s·C_ij) as in pass A. Padding: ft and u = −∞, xw = 0.
 */
export function bracketColsB(y: usize, cols: i32, xT: usize, np: i32, d: i32, power: i32, ft: usize, u: usize, v: usize, xw: usize, s: f64, gt: usize, cx: usize): void {
  const sc = f64x2.splat(s)
  for (let j = 0; j < cols; j++) {
    const yj = y + (<usize>(j * d) << 3)
    const vj = f64x2.splat(load<f64>(v + (<usize>j << 3)))
    let vmin = f64x2.splat(Infinity), sx = f64x2.splat(0)
    for (let i = 0; i < np; i += 2) {
      const c = costOf2(yj, xT, np, d, i, power)
      const o = <usize>i << 3
      vmin = f64x2.pmin(vmin, f64x2.sub(c, v128.load(ft + o)))
      const e = exp2d(f64x2.sub(f64x2.add(v128.load(u + o), vj), f64x2.mul(sc, c)))
      sx = f64x2.add(sx, f64x2.mul(v128.load(xw + o), e))
    }
    store<f64>(gt + (<usize>j << 3), Math.min(f64x2.extract_lane(vmin, 0), f64x2.extract_lane(vmin, 1)))
    store<f64>(cx + (<usize>j << 3), hsum2(sx))
  }
}

/**
 * Pass C, rows i against the columns: sk[i] = Σ_j yw_j·K_ij, skc[i] = Σ_j yw_j·K_ij·C_ij, dot[i] = Σ_j errC_j·C_ij
 * (the AWR rounding's row sums, cost, and rank-one repair). Padding: v = −∞, yw = errC = 0.
 */
export function bracketRowsC(x: usize, rows: i32, yT: usize, mp: i32, d: i32, power: i32, u: usize, v: usize, yw: usize, errC: usize, s: f64, sk: usize, skc: usize, dot: usize): void {
  const sc = f64x2.splat(s)
  for (let i = 0; i < rows; i++) {
    const xi = x + (<usize>(i * d) << 3)
    const ui = f64x2.splat(load<f64>(u + (<usize>i << 3)))
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0)
    for (let j = 0; j < mp; j += 2) {
      const c = costOf2(xi, yT, mp, d, j, power)
      const o = <usize>j << 3
      const w = f64x2.mul(v128.load(yw + o), exp2d(f64x2.sub(f64x2.add(ui, v128.load(v + o)), f64x2.mul(sc, c))))
      a0 = f64x2.add(a0, w)
      a1 = f64x2.add(a1, f64x2.mul(w, c))
      a2 = f64x2.add(a2, f64x2.mul(v128.load(errC + o), c))
    }
    store<f64>(sk + (<usize>i << 3), hsum2(a0))
    store<f64>(skc + (<usize>i << 3), hsum2(a1))
    store<f64>(dot + (<usize>i << 3), hsum2(a2))
  }
}

// ---------------------------------------------------------------------------------------------------------------
// float32 squared-distance tiles for the neighbour searches (kNN graphs, ball counts, nearest-neighbour σ): the
// callers use them only to rule pairs in or out with a proven margin and recompute every undecided pair in float64
// (../distance-f32.ts states the error bound), so their answers are those of the float64 scan.
// x: query rows, rows×d f32 row-major. yP: references packed in panels of 8 (panel p holds references 8p..8p+7 as
// d groups of 8 lanes: yP[(p·d + k)·8 + lane]). out[i·w + (j − j0)] = Σ_k (x_ik − y_jk)², summed in f32 in k order
// in one lane per pair (so the TypeScript twin, which sums the same way, is bit-identical). j0, j1: multiples of 8.
export function sqDistTileF32(x: usize, rows: i32, yP: usize, j0: i32, j1: i32, d: i32, out: usize, w: i32): void {
  const rowBytes = <usize>d << 2
  const outRow = <usize>w << 2
  let i = 0
  for (; i + 3 < rows; i += 4) {
    const x0 = x + <usize>i * rowBytes, x1 = x0 + rowBytes, x2 = x1 + rowBytes, x3 = x2 + rowBytes
    const o0 = out + <usize>i * outRow, o1 = o0 + outRow, o2 = o1 + outRow, o3 = o2 + outRow
    for (let j = j0; j < j1; j += 8) {
      let a0 = f32x4.splat(0), b0 = f32x4.splat(0), a1 = f32x4.splat(0), b1 = f32x4.splat(0)
      let a2 = f32x4.splat(0), b2 = f32x4.splat(0), a3 = f32x4.splat(0), b3 = f32x4.splat(0)
      let yk = yP + (<usize>j * <usize>d << 2)
      for (let k = 0; k < d; k++) {
        const kb = <usize>k << 2
        const ya = v128.load(yk), yb = v128.load(yk, 16)
        const s0 = v128.load32_splat(x0 + kb), s1 = v128.load32_splat(x1 + kb)
        const s2 = v128.load32_splat(x2 + kb), s3 = v128.load32_splat(x3 + kb)
        let t = f32x4.sub(s0, ya)
        a0 = f32x4.add(a0, f32x4.mul(t, t))
        t = f32x4.sub(s0, yb)
        b0 = f32x4.add(b0, f32x4.mul(t, t))
        t = f32x4.sub(s1, ya)
        a1 = f32x4.add(a1, f32x4.mul(t, t))
        t = f32x4.sub(s1, yb)
        b1 = f32x4.add(b1, f32x4.mul(t, t))
        t = f32x4.sub(s2, ya)
        a2 = f32x4.add(a2, f32x4.mul(t, t))
        t = f32x4.sub(s2, yb)
        b2 = f32x4.add(b2, f32x4.mul(t, t))
        t = f32x4.sub(s3, ya)
        a3 = f32x4.add(a3, f32x4.mul(t, t))
        t = f32x4.sub(s3, yb)
        b3 = f32x4.add(b3, f32x4.mul(t, t))
        yk += 32
      }
      const jb = <usize>(j - j0) << 2
      v128.store(o0 + jb, a0)
      v128.store(o0 + jb, b0, 16)
      v128.store(o1 + jb, a1)
      v128.store(o1 + jb, b1, 16)
      v128.store(o2 + jb, a2)
      v128.store(o2 + jb, b2, 16)
      v128.store(o3 + jb, a3)
      v128.store(o3 + jb, b3, 16)
    }
  }
  for (; i < rows; i++) {
    const x0 = x + <usize>i * rowBytes
    const o0 = out + <usize>i * outRow
    for (let j = j0; j < j1; j += 8) {
      let a0 = f32x4.splat(0), b0 = f32x4.splat(0)
      let yk = yP + (<usize>j * <usize>d << 2)
      for (let k = 0; k < d; k++) {
        const s0 = v128.load32_splat(x0 + (<usize>k << 2))
        let t = f32x4.sub(s0, v128.load(yk))
        a0 = f32x4.add(a0, f32x4.mul(t, t))
        t = f32x4.sub(s0, v128.load(yk, 16))
        b0 = f32x4.add(b0, f32x4.mul(t, t))
        yk += 32
      }
      const jb = <usize>(j - j0) << 2
      v128.store(o0 + jb, a0)
      v128.store(o0 + jb, b0, 16)
    }
  }
}

// float64 squared distances of query rows against references packed in panels of 4 (yP[(p·d + k)·4 + lane]),
// 4 rows × 4 references per step: each lane sums (x_ik − y_jk)² in k order in float64, the operations of
// `sqDistTile`, so the values are bit-identical to it; the register blocking keeps 8 independent sums in flight
// where `sqDistTile` waits on one. out[i·w + j] for 0 ≤ j < mp (mp a multiple of 4; padding columns are garbage).
export function sqDistTileF64P(x: usize, rows: i32, yP: usize, mp: i32, d: i32, out: usize, w: i32): void {
  const rowBytes = <usize>d << 3
  const outRow = <usize>w << 3
  let i = 0
  for (; i + 3 < rows; i += 4) {
    const x0 = x + <usize>i * rowBytes, x1 = x0 + rowBytes, x2 = x1 + rowBytes, x3 = x2 + rowBytes
    const o0 = out + <usize>i * outRow, o1 = o0 + outRow, o2 = o1 + outRow, o3 = o2 + outRow
    for (let j = 0; j < mp; j += 4) {
      let a0 = f64x2.splat(0), b0 = f64x2.splat(0), a1 = f64x2.splat(0), b1 = f64x2.splat(0)
      let a2 = f64x2.splat(0), b2 = f64x2.splat(0), a3 = f64x2.splat(0), b3 = f64x2.splat(0)
      let yk = yP + (<usize>j * <usize>d << 3)
      for (let k = 0; k < d; k++) {
        const kb = <usize>k << 3
        const ya = v128.load(yk), yb = v128.load(yk, 16)
        const s0 = v128.load64_splat(x0 + kb), s1 = v128.load64_splat(x1 + kb)
        const s2 = v128.load64_splat(x2 + kb), s3 = v128.load64_splat(x3 + kb)
        let t = f64x2.sub(s0, ya)
        a0 = f64x2.add(a0, f64x2.mul(t, t))
        t = f64x2.sub(s0, yb)
        b0 = f64x2.add(b0, f64x2.mul(t, t))
        t = f64x2.sub(s1, ya)
        a1 = f64x2.add(a1, f64x2.mul(t, t))
        t = f64x2.sub(s1, yb)
        b1 = f64x2.add(b1, f64x2.mul(t, t))
        t = f64x2.sub(s2, ya)
        a2 = f64x2.add(a2, f64x2.mul(t, t))
        t = f64x2.sub(s2, yb)
        b2 = f64x2.add(b2, f64x2.mul(t, t))
        t = f64x2.sub(s3, ya)
        a3 = f64x2.add(a3, f64x2.mul(t, t))
        t = f64x2.sub(s3, yb)
        b3 = f64x2.add(b3, f64x2.mul(t, t))
        yk += 32
      }
      const jb = <usize>j << 3
      v128.store(o0 + jb, a0)
      v128.store(o0 + jb, b0, 16)
      v128.store(o1 + jb, a1)
      v128.store(o1 + jb, b1, 16)
      v128.store(o2 + jb, a2)
      v128.store(o2 + jb, b2, 16)
      v128.store(o3 + jb, a3)
      v128.store(o3 + jb, b3, 16)
    }
  }
  for (; i < rows; i++) {
    const x0 = x + <usize>i * rowBytes
    const o0 = out + <usize>i * outRow
    for (let j = 0; j < mp; j += 4) {
      let a0 = f64x2.splat(0), b0 = f64x2.splat(0)
      let yk = yP + (<usize>j * <usize>d << 3)
      for (let k = 0; k < d; k++) {
        const s0 = v128.load64_splat(x0 + (<usize>k << 3))
        let t = f64x2.sub(s0, v128.load(yk))
        a0 = f64x2.add(a0, f64x2.mul(t, t))
        t = f64x2.sub(s0, v128.load(yk, 16))
        b0 = f64x2.add(b0, f64x2.mul(t, t))
        yk += 32
      }
      const jb = <usize>j << 3
      v128.store(o0 + jb, a0)
      v128.store(o0 + jb, b0, 16)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Row dot products A Bᵀ in float64 (covariances, the Fréchet distance's products, KID's kernel matrices).
// Layout (../wasm.ts): a is G·4 rows × len2, b is bRows2 × len2, both row-major, zero-padded to len2 (even) and to
// whole groups; out is G·4 × ldo. Row groups of four are processed in a folded order — virtual group g is actual
// group g/2 (g even) or G−1−(g−1)/2 (g odd) — so that contiguous blocks of virtual groups (one per thread) get equal
// work when only j ≥ i (symmetric) or t ≥ i (upper-trapezoidal a) is computed. Loops: t in chunks of ROWDOT_T, b's
// rows in blocks of ROWDOT_JB (kept in L2), then each row group (four a-rows' chunk in L1) against the block's rows
// two at a time, 8 f64x2 sums over t; a chunk's two lanes are added, then added to out in chunk order. Every output depends only on its operands, never on the block split.
const ROWDOT_T: i32 = 256
// Rows of b per block: 64 rows × ROWDOT_T float64 (128 KB) stay in L2 while every row group of a passes over them.
const ROWDOT_JB: i32 = 64

export function dotRowsF64(a: usize, b: usize, out: usize, g0: i32, g1: i32, G: i32, bRows2: i32, len2: i32, ldo: i32, mode: i32): void {
  const symmetric = (mode & 1) != 0
  const upper = (mode & 2) != 0
  for (let tc = 0; tc < len2; tc += ROWDOT_T) {
    const te = min(len2, tc + ROWDOT_T)
    for (let jb = 0; jb < bRows2; jb += ROWDOT_JB) {
      const je = min(bRows2, jb + ROWDOT_JB)
      for (let g = g0; g < g1; g++) {
        const actual = (g & 1) == 0 ? g >> 1 : G - 1 - ((g - 1) >> 1)
        const gi = actual * 4
        // upper: rows gi.. are zero left of gi; symmetric: only j ≥ gi.
        const ts = upper ? max(tc, gi) : tc
        if (ts >= te) continue
        const js = symmetric ? max(jb, gi) : jb
        if (js >= je) continue
        const a0p = a + ((<usize>gi * <usize>len2) << 3)
        const a1p = a0p + (<usize>len2 << 3)
        const a2p = a1p + (<usize>len2 << 3)
        const a3p = a2p + (<usize>len2 << 3)
        const o0 = out + ((<usize>gi * <usize>ldo) << 3)
        const o1 = o0 + (<usize>ldo << 3)
        const o2 = o1 + (<usize>ldo << 3)
        const o3 = o2 + (<usize>ldo << 3)
        for (let j = js; j < je; j += 2) {
          const b0p = b + ((<usize>j * <usize>len2) << 3)
          const b1p = b0p + (<usize>len2 << 3)
          let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0)
          let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0)
          for (let t = ts; t < te; t += 2) {
            const off = <usize>t << 3
            const x0 = v128.load(b0p + off), x1 = v128.load(b1p + off)
            const y0 = v128.load(a0p + off)
            c00 = f64x2.add(c00, f64x2.mul(y0, x0))
            c01 = f64x2.add(c01, f64x2.mul(y0, x1))
            const y1 = v128.load(a1p + off)
            c10 = f64x2.add(c10, f64x2.mul(y1, x0))
            c11 = f64x2.add(c11, f64x2.mul(y1, x1))
            const y2 = v128.load(a2p + off)
            c20 = f64x2.add(c20, f64x2.mul(y2, x0))
            c21 = f64x2.add(c21, f64x2.mul(y2, x1))
            const y3 = v128.load(a3p + off)
            c30 = f64x2.add(c30, f64x2.mul(y3, x0))
            c31 = f64x2.add(c31, f64x2.mul(y3, x1))
          }
          const oj = <usize>j << 3
          store<f64>(o0 + oj, load<f64>(o0 + oj) + (f64x2.extract_lane(c00, 0) + f64x2.extract_lane(c00, 1)))
          store<f64>(o0 + oj + 8, load<f64>(o0 + oj + 8) + (f64x2.extract_lane(c01, 0) + f64x2.extract_lane(c01, 1)))
          store<f64>(o1 + oj, load<f64>(o1 + oj) + (f64x2.extract_lane(c10, 0) + f64x2.extract_lane(c10, 1)))
          store<f64>(o1 + oj + 8, load<f64>(o1 + oj + 8) + (f64x2.extract_lane(c11, 0) + f64x2.extract_lane(c11, 1)))
          store<f64>(o2 + oj, load<f64>(o2 + oj) + (f64x2.extract_lane(c20, 0) + f64x2.extract_lane(c20, 1)))
          store<f64>(o2 + oj + 8, load<f64>(o2 + oj + 8) + (f64x2.extract_lane(c21, 0) + f64x2.extract_lane(c21, 1)))
          store<f64>(o3 + oj, load<f64>(o3 + oj) + (f64x2.extract_lane(c30, 0) + f64x2.extract_lane(c30, 1)))
          store<f64>(o3 + oj + 8, load<f64>(o3 + oj + 8) + (f64x2.extract_lane(c31, 0) + f64x2.extract_lane(c31, 1)))
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Symmetric eigenvalue helpers (../tridiagonal.ts has the algorithms and their twins). Matrices are n×n row-major,
// upper triangle used.

/**
 * One fused pass of Householder tridiagonalisation over rows i0..n−1: a[i][j] −= v_i w_j + w_i v_j (j ≥ i), and when
 * `next` is set, the next step's product p2 = B u accumulated from the updated upper triangle (u = v2): p2_i gets
 * Σ_{j≥i} a_ij u_j and p2_j gets a_ij u_i (j > i).
 */
export function tridiagRows(a: usize, n: i32, i0: i32, v: usize, w: usize, v2: usize, p2: usize, next: i32): void {
  for (let i = i0; i < n; i++) {
    const row = a + ((<usize>i * <usize>n) << 3)
    const oi = <usize>i << 3
    const vi = load<f64>(v + oi), wi = load<f64>(w + oi)
    const viv = f64x2.splat(vi), wiv = f64x2.splat(wi)
    if (next != 0) {
      const ui = load<f64>(v2 + oi)
      const uiv = f64x2.splat(ui)
      const aii = load<f64>(row + oi) - (vi * wi + wi * vi)
      store<f64>(row + oi, aii)
      let sv = f64x2.splat(0)
      let j = i + 1
      for (; j + 1 < n; j += 2) {
        const o = <usize>j << 3
        const x = f64x2.sub(v128.load(row + o), f64x2.add(f64x2.mul(viv, v128.load(w + o)), f64x2.mul(wiv, v128.load(v + o))))
        v128.store(row + o, x)
        sv = f64x2.add(sv, f64x2.mul(x, v128.load(v2 + o)))
        v128.store(p2 + o, f64x2.add(v128.load(p2 + o), f64x2.mul(x, uiv)))
      }
      let s = aii * ui + (f64x2.extract_lane(sv, 0) + f64x2.extract_lane(sv, 1))
      if (j < n) {
        const o = <usize>j << 3
        const x = load<f64>(row + o) - (vi * load<f64>(w + o) + wi * load<f64>(v + o))
        store<f64>(row + o, x)
        s += x * load<f64>(v2 + o)
        store<f64>(p2 + o, load<f64>(p2 + o) + x * ui)
      }
      store<f64>(p2 + oi, load<f64>(p2 + oi) + s)
    } else {
      let j = i
      for (; j + 1 < n; j += 2) {
        const o = <usize>j << 3
        v128.store(row + o, f64x2.sub(v128.load(row + o), f64x2.add(f64x2.mul(viv, v128.load(w + o)), f64x2.mul(wiv, v128.load(v + o)))))
      }
      if (j < n) {
        const o = <usize>j << 3
        store<f64>(row + o, load<f64>(row + o) - (vi * load<f64>(w + o) + wi * load<f64>(v + o)))
      }
    }
  }
}

/** The Schur-complement update of pivoted Cholesky step k: a[i][j] −= g_i g_j for k < i ≤ j < n, g = row k of the factor. */
export function choleskyUpdate(a: usize, n: i32, k: i32, g: usize): void {
  for (let i = k + 1; i < n; i++) {
    const gi = load<f64>(g + (<usize>i << 3))
    if (gi == 0) continue
    const giv = f64x2.splat(gi)
    const row = a + ((<usize>i * <usize>n) << 3)
    let j = i
    for (; j + 1 < n; j += 2) {
      const o = <usize>j << 3
      v128.store(row + o, f64x2.sub(v128.load(row + o), f64x2.mul(giv, v128.load(g + o))))
    }
    if (j < n) {
      const o = <usize>j << 3
      store<f64>(row + o, load<f64>(row + o) - gi * load<f64>(g + o))
    }
  }
}


// Quadratic forms lᵀ M l of many 0/1 vectors l over one symmetric matrix M (the permutation tests of
// src/core/twosample: each relabelling re-sums the pooled distances within one group). M is stored as its upper tiles
// (I ≤ J) of QT×QT float32, row-major in each tile, tile (I, J) at index I·nt − I(I−1)/2 + (J − I); diagonal tiles in
// full; padding rows and columns 0. L holds the vectors in blocks of 8: L[(pb·Np + j)·8 + lane] = l_{8pb+lane}(j).
// For each row panel I listed in `order` (count of them):
//   out[I·Bp + b] = Σ_{J ≥ I} Σ_{r ∈ I} l_b(r) · w_J · fl32(Σ_{j ∈ J} M_rj l_b(j))
// (w = 1 on the diagonal tile, 2 above it, standing for the mirrored tile below), each tile row's 128-term sums in
// f32 lanes, masked by l_b(r), weighted and added in float64 in (J, r) order into the panel's 8-lane accumulators —
// the row mask is applied per tile, so no rows × B matrix of partial sums is kept (at B = 1 000 it took 1 MB per
// thread, twice the L2 of this machine, and made the pass memory-bound: bench/RESULTS.md "Session 27").
// Σ_I out[I·Bp + b] = lᵀ M l. One panel's results depend only on its operands, so any split of the panels over
// threads gives the same bytes.
const QT: i32 = 128

/** acc[0..8) += w · mask ⊙ (a ‖ b) in float64 (a, b: 4 float32 lanes each; mask: the row's 0/1 lanes). */
@inline function addMasked(acc: usize, a: v128, b: v128, la: v128, lb: v128, w: v128): void {
  const x = f32x4.mul(a, la), y = f32x4.mul(b, lb)
  v128.store(acc, f64x2.add(v128.load(acc), f64x2.mul(f64x2.promote_low_f32x4(x), w)))
  v128.store(acc, f64x2.add(v128.load(acc, 16), f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1)), w)), 16)
  v128.store(acc, f64x2.add(v128.load(acc, 32), f64x2.mul(f64x2.promote_low_f32x4(y), w)), 32)
  v128.store(acc, f64x2.add(v128.load(acc, 48), f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(y, y, 2, 3, 0, 1)), w)), 48)
}

export function quadFormsPanels(D: usize, nt: i32, order: usize, count: i32, L: usize, nb: i32, out: usize): void {
  const Bp = nb * 8
  const tileBytes = <usize>(QT * QT) << 2
  const Np = nt * QT
  const rowBytes = <usize>QT << 2
  for (let k = 0; k < count; k++) {
    const I = load<i32>(order + (<usize>k << 2))
    const o = out + (<usize>(I * Bp) << 3)
    memory.fill(o, 0, <usize>Bp << 3)
    for (let J = I; J < nt; J++) {
      const tile = D + <usize>(I * nt - (I * (I - 1)) / 2 + (J - I)) * tileBytes
      const two = J == I ? f64x2.splat(1) : f64x2.splat(2)
      for (let pb = 0; pb < nb; pb++) {
        const Lt = L + ((<usize>pb * <usize>Np + <usize>(J * QT)) << 5)
        const Lr = L + ((<usize>pb * <usize>Np + <usize>(I * QT)) << 5)
        const acc = o + (<usize>pb << 6)
        for (let r = 0; r < QT; r += 4) {
          const d0 = tile + <usize>r * rowBytes, d1 = d0 + rowBytes, d2 = d1 + rowBytes, d3 = d2 + rowBytes
          let a0 = f32x4.splat(0), b0 = f32x4.splat(0), a1 = f32x4.splat(0), b1 = f32x4.splat(0)
          let a2 = f32x4.splat(0), b2 = f32x4.splat(0), a3 = f32x4.splat(0), b3 = f32x4.splat(0)
          for (let j = 0; j < QT; j++) {
            const lj = Lt + (<usize>j << 5)
            const la = v128.load(lj), lb = v128.load(lj, 16)
            const jb = <usize>j << 2
            const s0 = v128.load32_splat(d0 + jb), s1 = v128.load32_splat(d1 + jb)
            const s2 = v128.load32_splat(d2 + jb), s3 = v128.load32_splat(d3 + jb)
            a0 = f32x4.add(a0, f32x4.mul(s0, la))
            b0 = f32x4.add(b0, f32x4.mul(s0, lb))
            a1 = f32x4.add(a1, f32x4.mul(s1, la))
            b1 = f32x4.add(b1, f32x4.mul(s1, lb))
            a2 = f32x4.add(a2, f32x4.mul(s2, la))
            b2 = f32x4.add(b2, f32x4.mul(s2, lb))
            a3 = f32x4.add(a3, f32x4.mul(s3, la))
            b3 = f32x4.add(b3, f32x4.mul(s3, lb))
          }
          const lr = Lr + (<usize>r << 5)
          addMasked(acc, a0, b0, v128.load(lr), v128.load(lr, 16), two)
          addMasked(acc, a1, b1, v128.load(lr, 32), v128.load(lr, 48), two)
          addMasked(acc, a2, b2, v128.load(lr, 64), v128.load(lr, 80), two)
          addMasked(acc, a3, b3, v128.load(lr, 96), v128.load(lr, 112), two)
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// float32 squared distances in the Gram (GEMM) form for the neighbour searches at high dimension (../distance-f32.ts
// `gramFrameF32` states the error bound; callers decide with its margins and recompute undecided pairs in float64):
// out[i·w + (j − j0)] = fl(fl(nx_i + ny_j) − 2·p_ij), p_ij = Σ_k x_ik·y_jk summed in f32 in k order in one lane per
// pair (the TypeScript twin sums the same way, bit-identical). x: rows×d f32 row-major, nx: their squared norms (f32),
// yP: references in panels of 8 as `sqDistTileF32`, ny: their squared norms (f32, indexed by reference, padding 0).
// Two operations per coordinate where the difference form needs three. Loop order: panel of 8 references outer (its
// d·32 bytes stay in L1), four rows at a time inner, 8 f32x4 sums in registers. j0, j1: multiples of 8. xD: scratch
// of 16·d bytes per row (rows & ~3 of them).
export function gramTileF32(x: usize, nx: usize, rows: i32, yP: usize, ny: usize, j0: i32, j1: i32, d: i32, out: usize, w: i32, xD: usize): void {
  const rowBytes = <usize>d << 2
  const outRow = <usize>w << 2
  const panelBytes = <usize>d << 6
  const body = rows & ~3
  // The rows of the 4-row blocks splatted once into scratch xD (row i, coordinate k: the f32x4 (x_ik ×4) at byte
  // ((i >> 2)·d + k)·64 + (i & 3)·16), so the inner loop loads them instead of splatting per reference panel (a
  // load-and-splat shares the FP ports with the multiply-adds here: bench/RESULTS.md "Session 27: fidelity").
  for (let i = 0; i < body; i++) {
    const src = x + <usize>i * rowBytes
    let o = xD + <usize>(i >> 2) * panelBytes + (<usize>(i & 3) << 4)
    for (let k = 0; k < d; k++, o += 64) v128.store(o, v128.load32_splat(src + (<usize>k << 2)))
  }
  for (let j = j0; j < j1; j += 8) {
    const yBase = yP + (<usize>j * <usize>d << 2)
    const nya = v128.load(ny + (<usize>j << 2)), nyb = v128.load(ny + (<usize>j << 2), 16)
    const jb = <usize>(j - j0) << 2
    let i = 0
    for (; i < body; i += 4) {
      let xk = xD + <usize>(i >> 2) * panelBytes
      const xe = xk + panelBytes
      let a0 = f32x4.splat(0), b0 = f32x4.splat(0), a1 = f32x4.splat(0), b1 = f32x4.splat(0)
      let a2 = f32x4.splat(0), b2 = f32x4.splat(0), a3 = f32x4.splat(0), b3 = f32x4.splat(0)
      let yk = yBase
      while (xk < xe) {
        const ya = v128.load(yk), yb = v128.load(yk, 16)
        const s0 = v128.load(xk), s1 = v128.load(xk, 16)
        const s2 = v128.load(xk, 32), s3 = v128.load(xk, 48)
        a0 = f32x4.add(a0, f32x4.mul(s0, ya))
        b0 = f32x4.add(b0, f32x4.mul(s0, yb))
        a1 = f32x4.add(a1, f32x4.mul(s1, ya))
        b1 = f32x4.add(b1, f32x4.mul(s1, yb))
        a2 = f32x4.add(a2, f32x4.mul(s2, ya))
        b2 = f32x4.add(b2, f32x4.mul(s2, yb))
        a3 = f32x4.add(a3, f32x4.mul(s3, ya))
        b3 = f32x4.add(b3, f32x4.mul(s3, yb))
        xk += 64
        yk += 32
      }
      const o0 = out + <usize>i * outRow + jb, o1 = o0 + outRow, o2 = o1 + outRow, o3 = o2 + outRow
      const n0 = v128.load32_splat(nx + (<usize>i << 2)), n1 = v128.load32_splat(nx + (<usize>(i + 1) << 2))
      const n2 = v128.load32_splat(nx + (<usize>(i + 2) << 2)), n3 = v128.load32_splat(nx + (<usize>(i + 3) << 2))
      v128.store(o0, f32x4.sub(f32x4.add(n0, nya), f32x4.add(a0, a0)))
      v128.store(o0, f32x4.sub(f32x4.add(n0, nyb), f32x4.add(b0, b0)), 16)
      v128.store(o1, f32x4.sub(f32x4.add(n1, nya), f32x4.add(a1, a1)))
      v128.store(o1, f32x4.sub(f32x4.add(n1, nyb), f32x4.add(b1, b1)), 16)
      v128.store(o2, f32x4.sub(f32x4.add(n2, nya), f32x4.add(a2, a2)))
      v128.store(o2, f32x4.sub(f32x4.add(n2, nyb), f32x4.add(b2, b2)), 16)
      v128.store(o3, f32x4.sub(f32x4.add(n3, nya), f32x4.add(a3, a3)))
      v128.store(o3, f32x4.sub(f32x4.add(n3, nyb), f32x4.add(b3, b3)), 16)
    }
    for (; i < rows; i++) {
      const x0 = x + <usize>i * rowBytes
      let a0 = f32x4.splat(0), b0 = f32x4.splat(0)
      let yk = yBase
      for (let k = 0; k < d; k++) {
        const s0 = v128.load32_splat(x0 + (<usize>k << 2))
        a0 = f32x4.add(a0, f32x4.mul(s0, v128.load(yk)))
        b0 = f32x4.add(b0, f32x4.mul(s0, v128.load(yk, 16)))
        yk += 32
      }
      const o0 = out + <usize>i * outRow + jb
      const n0 = v128.load32_splat(nx + (<usize>i << 2))
      v128.store(o0, f32x4.sub(f32x4.add(n0, nya), f32x4.add(a0, a0)))
      v128.store(o0, f32x4.sub(f32x4.add(n0, nyb), f32x4.add(b0, b0)), 16)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// float64 dot products of query rows with references in panels of 4 (yP[(p·d + k)·4 + lane], as `sqDistTileF64P`):
// out[(i − r0)·w + (j − j0)] = Σ_k x_ik·y_jk for r0 ≤ i < r0 + rows, summed in float64 in k order in one lane per
// pair, so the value is the plain scalar loop's, bit for bit (the TypeScript twin's), whatever the blocking or thread
// split. KID's kernel matrices, FD's covariance. The query rows come DUPLICATED in panels of 4 (xD: the f64x2
// (x_ik, x_ik) of row i at byte ((i >> 2)·d + k)·64 + (i & 3)·16, written by `packPanels4F64`): a plain v128 load instead
// of a load-and-splat, which on this machine's cores shares the floating-point ports with the multiplies and adds
// (bench/RESULTS.md "Session 27: fidelity": ~1.3× the splatting kernel). Panel outer (its d·32 bytes stream from
// L2), four rows at a time, 8 f64x2 sums; rows before the first panel boundary and after the last one singly.
// j0, j1: multiples of 4.
@inline function dotRow1(xk: usize, yk: usize, d: i32, o: usize): void {
  let a = f64x2.splat(0), b = f64x2.splat(0)
  for (let k = 0; k < d; k++) {
    const s = v128.load(xk)
    a = f64x2.add(a, f64x2.mul(s, v128.load(yk)))
    b = f64x2.add(b, f64x2.mul(s, v128.load(yk, 16)))
    xk += 64
    yk += 32
  }
  v128.store(o, a)
  v128.store(o, b, 16)
}

export function dotTileF64P(xD: usize, r0: i32, rows: i32, yP: usize, j0: i32, j1: i32, d: i32, out: usize, w: i32): void {
  const panelBytes = <usize>d << 6
  const outRow = <usize>w << 3
  const r1 = r0 + rows
  const head = min(r1, (r0 + 3) & ~3)
  const body = max(head, r1 & ~3)
  for (let j = j0; j < j1; j += 4) {
    const yBase = yP + (<usize>j * <usize>d << 3)
    const jb = <usize>(j - j0) << 3
    let i = r0
    for (; i < head; i++)
      dotRow1(xD + <usize>(i >> 2) * panelBytes + (<usize>(i & 3) << 4), yBase, d, out + <usize>(i - r0) * outRow + jb)
    for (; i < body; i += 4) {
      let xk = xD + <usize>(i >> 2) * panelBytes
      const xe = xk + panelBytes
      let a0 = f64x2.splat(0), b0 = f64x2.splat(0), a1 = f64x2.splat(0), b1 = f64x2.splat(0)
      let a2 = f64x2.splat(0), b2 = f64x2.splat(0), a3 = f64x2.splat(0), b3 = f64x2.splat(0)
      let yk = yBase
      while (xk < xe) {
        const ya = v128.load(yk), yb = v128.load(yk, 16)
        const s0 = v128.load(xk), s1 = v128.load(xk, 16)
        const s2 = v128.load(xk, 32), s3 = v128.load(xk, 48)
        a0 = f64x2.add(a0, f64x2.mul(s0, ya))
        b0 = f64x2.add(b0, f64x2.mul(s0, yb))
        a1 = f64x2.add(a1, f64x2.mul(s1, ya))
        b1 = f64x2.add(b1, f64x2.mul(s1, yb))
        a2 = f64x2.add(a2, f64x2.mul(s2, ya))
        b2 = f64x2.add(b2, f64x2.mul(s2, yb))
        a3 = f64x2.add(a3, f64x2.mul(s3, ya))
        b3 = f64x2.add(b3, f64x2.mul(s3, yb))
        xk += 64
        yk += 32
      }
      const o0 = out + <usize>(i - r0) * outRow + jb, o1 = o0 + outRow, o2 = o1 + outRow, o3 = o2 + outRow
      v128.store(o0, a0)
      v128.store(o0, b0, 16)
      v128.store(o1, a1)
      v128.store(o1, b1, 16)
      v128.store(o2, a2)
      v128.store(o2, b2, 16)
      v128.store(o3, a3)
      v128.store(o3, b3, 16)
    }
    for (; i < r1; i++)
      dotRow1(xD + <usize>(i >> 2) * panelBytes + (<usize>(i & 3) << 4), yBase, d, out + <usize>(i - r0) * outRow + jb)
  }
}

// The shortlist solver's all-pairs dual check (src/core/ot/shortlist.ts), fused into the float64 distance tile of
// `sqDistTileF64P` (same panels of 4 references, same k-order sums, so every C_ij is bit-identical to `sqDistTile`
// and to the TypeScript twin), without storing the tile:
//   rowMin[r] = min_j (C_ij − g_j)                          (g^c_i; g padded with −∞ beyond m, so padding never wins)
//   colMin[j], colArg[j] = min over this block's rows of C_ij − f_i, and the first row attaining it (f^c_j, per block:
//                          the caller merges blocks taking the smaller value, then the lower row)
//   each row's K most violating pairs, r = (C_ij − g_j) − f_i < −tol·max(C_ij, |f_i|, |g_j|), most negative first,
//   ties to the lower j (best[r·K + t] = r, bestJ[r·K + t] = j, count[r] ≤ K).
// Minima are taken as `v < min ? v : min` (pmin), the comparisons of the twin's loop, so the results match it exactly.
// C_ij is the squared distance (power 2) or its correctly rounded square root (power 1).

@inline function dcConsider(r: f64, c: f64, fi: f64, gj: f64, tol: f64, j: i32, best: usize, bestJ: usize, cnt: usize, K: i32): void {
  const lim = -tol * Math.max(Math.abs(c), Math.max(Math.abs(fi), Math.abs(gj)))
  if (!(r < lim)) return
  let count = load<i32>(cnt)
  if (count < K || r < load<f64>(best + (<usize>(count - 1) << 3))) {
    let k = count < K ? count++ : count - 1
    while (k > 0 && load<f64>(best + (<usize>(k - 1) << 3)) > r) {
      store<f64>(best + (<usize>k << 3), load<f64>(best + (<usize>(k - 1) << 3)))
      store<i32>(bestJ + (<usize>k << 2), load<i32>(bestJ + (<usize>(k - 1) << 2)))
      k--
    }
    store<f64>(best + (<usize>k << 3), r)
    store<i32>(bestJ + (<usize>k << 2), j)
    store<i32>(cnt, count)
  }
}

// One row's pair (a: columns j, j+1; b: j+2, j+3) of squared distances: costs, row minimum, column minima, violators.
@inline function dcRow(
  a: v128, b: v128, i: i32, fi: f64, ga: v128, gb: v128, j: i32, power: i32, tol: f64,
  rm: usize, cm: usize, ca: usize, best: usize, bestJ: usize, cnt: usize, K: i32, g: usize,
): void {
  let ca2 = a, cb2 = b
  if (power == 1) {
    ca2 = f64x2.sqrt(a)
    cb2 = f64x2.sqrt(b)
  }
  const wa = f64x2.sub(ca2, ga), wb = f64x2.sub(cb2, gb)
  // Row minimum: two lanes each, kept in rm[0..3] (even columns in lanes of wa, odd ones … order does not matter for a min).
  v128.store(rm, f64x2.pmin(v128.load(rm), wa))
  v128.store(rm, f64x2.pmin(v128.load(rm, 16), wb), 16)
  const fs = f64x2.splat(fi), is = f64x2.splat(<f64>i)
  const va = f64x2.sub(ca2, fs), vb = f64x2.sub(cb2, fs)
  const jb = <usize>j << 3
  const oa = v128.load(cm + jb), ob = v128.load(cm + jb, 16)
  const ma = f64x2.lt(va, oa), mb = f64x2.lt(vb, ob)
  v128.store(cm + jb, v128.bitselect(va, oa, ma))
  v128.store(cm + jb, v128.bitselect(vb, ob, mb), 16)
  v128.store(ca + jb, v128.bitselect(is, v128.load(ca + jb), ma))
  v128.store(ca + jb, v128.bitselect(is, v128.load(ca + jb, 16), mb), 16)
  const ra = f64x2.sub(wa, fs), rb = f64x2.sub(wb, fs)
  const zero = f64x2.splat(0)
  if (v128.any_true(v128.or(f64x2.lt(ra, zero), f64x2.lt(rb, zero)))) {
    dcConsider(f64x2.extract_lane(ra, 0), f64x2.extract_lane(ca2, 0), fi, load<f64>(g + jb), tol, j, best, bestJ, cnt, K)
    dcConsider(f64x2.extract_lane(ra, 1), f64x2.extract_lane(ca2, 1), fi, load<f64>(g + jb, 8), tol, j + 1, best, bestJ, cnt, K)
    dcConsider(f64x2.extract_lane(rb, 0), f64x2.extract_lane(cb2, 0), fi, load<f64>(g + jb, 16), tol, j + 2, best, bestJ, cnt, K)
    dcConsider(f64x2.extract_lane(rb, 1), f64x2.extract_lane(cb2, 1), fi, load<f64>(g + jb, 24), tol, j + 3, best, bestJ, cnt, K)
  }
}

// Rows x (rows × d) against references yP (panels of 4, mp columns) with potentials f (rows, this block's) and g (mp,
// padded with −∞); i0 is the first row's index (for colArg); scratch is 32 bytes × rows for the running row minima.
export function dualCheckF64P(
  x: usize, rows: i32, yP: usize, mp: i32, d: i32, power: i32, f: usize, g: usize, tol: f64, i0: i32,
  rowMin: usize, colMin: usize, colArg: usize, best: usize, bestJ: usize, count: usize, K: i32, scratch: usize,
): void {
  const rowBytes = <usize>d << 3
  const inf = f64x2.splat(Infinity)
  for (let r = 0; r < rows; r++) {
    v128.store(scratch + (<usize>r << 5), inf)
    v128.store(scratch + (<usize>r << 5), inf, 16)
    store<i32>(count + (<usize>r << 2), 0)
  }
  const KB = <usize>K << 3, KJ = <usize>K << 2
  let i = 0
  for (; i + 3 < rows; i += 4) {
    const x0 = x + <usize>i * rowBytes, x1 = x0 + rowBytes, x2 = x1 + rowBytes, x3 = x2 + rowBytes
    const f0 = load<f64>(f + (<usize>i << 3)), f1 = load<f64>(f + (<usize>i << 3), 8)
    const f2 = load<f64>(f + (<usize>i << 3), 16), f3 = load<f64>(f + (<usize>i << 3), 24)
    const s0 = scratch + (<usize>i << 5)
    for (let j = 0; j < mp; j += 4) {
      let a0 = f64x2.splat(0), b0 = f64x2.splat(0), a1 = f64x2.splat(0), b1 = f64x2.splat(0)
      let a2 = f64x2.splat(0), b2 = f64x2.splat(0), a3 = f64x2.splat(0), b3 = f64x2.splat(0)
      let yk = yP + (<usize>j * <usize>d << 3)
      for (let k = 0; k < d; k++) {
        const kb = <usize>k << 3
        const ya = v128.load(yk), yb = v128.load(yk, 16)
        const q0 = v128.load64_splat(x0 + kb), q1 = v128.load64_splat(x1 + kb)
        const q2 = v128.load64_splat(x2 + kb), q3 = v128.load64_splat(x3 + kb)
        let t = f64x2.sub(q0, ya)
        a0 = f64x2.add(a0, f64x2.mul(t, t))
        t = f64x2.sub(q0, yb)
        b0 = f64x2.add(b0, f64x2.mul(t, t))
        t = f64x2.sub(q1, ya)
        a1 = f64x2.add(a1, f64x2.mul(t, t))
        t = f64x2.sub(q1, yb)
        b1 = f64x2.add(b1, f64x2.mul(t, t))
        t = f64x2.sub(q2, ya)
        a2 = f64x2.add(a2, f64x2.mul(t, t))
        t = f64x2.sub(q2, yb)
        b2 = f64x2.add(b2, f64x2.mul(t, t))
        t = f64x2.sub(q3, ya)
        a3 = f64x2.add(a3, f64x2.mul(t, t))
        t = f64x2.sub(q3, yb)
        b3 = f64x2.add(b3, f64x2.mul(t, t))
        yk += 32
      }
      const jb = <usize>j << 3
      const ga = v128.load(g + jb), gb = v128.load(g + jb, 16)
      const bi = <usize>i
      dcRow(a0, b0, i0 + i, f0, ga, gb, j, power, tol, s0, colMin, colArg, best + bi * KB, bestJ + bi * KJ, count + (bi << 2), K, g)
      dcRow(a1, b1, i0 + i + 1, f1, ga, gb, j, power, tol, s0 + 32, colMin, colArg, best + (bi + 1) * KB, bestJ + (bi + 1) * KJ, count + ((bi + 1) << 2), K, g)
      dcRow(a2, b2, i0 + i + 2, f2, ga, gb, j, power, tol, s0 + 64, colMin, colArg, best + (bi + 2) * KB, bestJ + (bi + 2) * KJ, count + ((bi + 2) << 2), K, g)
      dcRow(a3, b3, i0 + i + 3, f3, ga, gb, j, power, tol, s0 + 96, colMin, colArg, best + (bi + 3) * KB, bestJ + (bi + 3) * KJ, count + ((bi + 3) << 2), K, g)
    }
  }
  for (; i < rows; i++) {
    const x0 = x + <usize>i * rowBytes
    const f0 = load<f64>(f + (<usize>i << 3))
    const bi = <usize>i
    for (let j = 0; j < mp; j += 4) {
      let a0 = f64x2.splat(0), b0 = f64x2.splat(0)
      let yk = yP + (<usize>j * <usize>d << 3)
      for (let k = 0; k < d; k++) {
        const q0 = v128.load64_splat(x0 + (<usize>k << 3))
        let t = f64x2.sub(q0, v128.load(yk))
        a0 = f64x2.add(a0, f64x2.mul(t, t))
        t = f64x2.sub(q0, v128.load(yk, 16))
        b0 = f64x2.add(b0, f64x2.mul(t, t))
        yk += 32
      }
      const jb = <usize>j << 3
      dcRow(a0, b0, i0 + i, f0, v128.load(g + jb), v128.load(g + jb, 16), j, power, tol, scratch + (bi << 5), colMin, colArg, best + bi * KB, bestJ + bi * KJ, count + (bi << 2), K, g)
    }
  }
  for (let r = 0; r < rows; r++) {
    const s = scratch + (<usize>r << 5)
    let v = load<f64>(s)
    for (let t = 1; t < 4; t++) {
      const w = load<f64>(s + (<usize>t << 3))
      if (w < v) v = w
    }
    store<f64>(rowMin + (<usize>r << 3), v)
  }
}

// Rows r0 ≤ i < r0 + rows of the row-major x (n×d; rows i ≥ n are zero padding) placed for `dotTileF64P`: duplicated
// in panels of 4 at dupOut (the pair (x_ic, x_ic) at byte ((i >> 2)·d + c)·64 + (i & 3)·16)
// and in panels of 4 at panelOut (x_ic at byte ((i >> 2)·d + c)·32 + (i & 3)·8; WasmHeap.putPanels4); an output of 0
// is skipped. Copies only, on the pool, so the layout costs no more than the memory traffic.
export function packPanels4F64(x: usize, n: i32, r0: i32, rows: i32, d: i32, dupOut: usize, panelOut: usize): void {
  for (let i = r0; i < r0 + rows; i++) {
    const src = x + (<usize>i * <usize>d << 3)
    const p = <usize>(i >> 2) * <usize>d
    const lane = <usize>(i & 3)
    if (dupOut != 0) {
      let o = dupOut + (p << 6) + (lane << 4)
      if (i < n) for (let c = 0; c < d; c++, o += 64) v128.store(o, v128.load64_splat(src + (<usize>c << 3)))
      else for (let c = 0; c < d; c++, o += 64) v128.store(o, f64x2.splat(0))
    }
    if (panelOut != 0) {
      let o = panelOut + (p << 5) + (lane << 3)
      if (i < n) for (let c = 0; c < d; c++, o += 32) store<f64>(o, load<f64>(src + (<usize>c << 3)))
      else for (let c = 0; c < d; c++, o += 32) store<f64>(o, 0)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The float32 filter of the shortlist's dual check (../dual-filter.ts states the bound; ../../core/ot/shortlist.ts
// recomputes every listed pair in float64): rows x (rows×d f32, centred, row-major) against references yP (panels
// of 8, as sqDistTileF32; mp8 of them with padding), thresholds F (this block's rows) and G (mp8, padding −∞).
// Lists, per row in increasing j, every column with fl32(√s̃_ij) < fl32(F_i + G_j), s̃ the k-order float32 sum of
// sqDistTileF32 (same lanes, bit for bit): the first cap of them at out[r·cap ..], their number (which may exceed
// cap: the caller then scans that row in float64) at count[r].

@inline function dfList(a: v128, b: v128, fi: v128, ga: v128, gb: v128, j: i32, out: usize, cap: i32, cnt: usize): void {
  const ma = f32x4.lt(f32x4.sqrt(a), f32x4.add(fi, ga))
  const mb = f32x4.lt(f32x4.sqrt(b), f32x4.add(fi, gb))
  if (!v128.any_true(v128.or(ma, mb))) return
  const bits = i32x4.bitmask(ma) | (i32x4.bitmask(mb) << 4)
  let c = load<i32>(cnt)
  for (let t = 0; t < 8; t++) {
    if ((bits >> t) & 1) {
      if (c < cap) store<i32>(out + (<usize>c << 2), j + t)
      c++
    }
  }
  store<i32>(cnt, c)
}

export function dualFilterF32(x: usize, rows: i32, yP: usize, mp8: i32, d: i32, F: usize, G: usize, out: usize, cap: i32, count: usize): void {
  const rowBytes = <usize>d << 2
  const capBytes = <usize>cap << 2
  for (let r = 0; r < rows; r++) store<i32>(count + (<usize>r << 2), 0)
  let i = 0
  for (; i + 3 < rows; i += 4) {
    const x0 = x + <usize>i * rowBytes, x1 = x0 + rowBytes, x2 = x1 + rowBytes, x3 = x2 + rowBytes
    const f0 = v128.load32_splat(F + (<usize>i << 2)), f1 = v128.load32_splat(F + (<usize>i << 2) + 4)
    const f2 = v128.load32_splat(F + (<usize>i << 2) + 8), f3 = v128.load32_splat(F + (<usize>i << 2) + 12)
    const o0 = out + <usize>i * capBytes, c0 = count + (<usize>i << 2)
    for (let j = 0; j < mp8; j += 8) {
      let a0 = f32x4.splat(0), b0 = f32x4.splat(0), a1 = f32x4.splat(0), b1 = f32x4.splat(0)
      let a2 = f32x4.splat(0), b2 = f32x4.splat(0), a3 = f32x4.splat(0), b3 = f32x4.splat(0)
      let yk = yP + (<usize>j * <usize>d << 2)
      for (let k = 0; k < d; k++) {
        const kb = <usize>k << 2
        const ya = v128.load(yk), yb = v128.load(yk, 16)
        const s0 = v128.load32_splat(x0 + kb), s1 = v128.load32_splat(x1 + kb)
        const s2 = v128.load32_splat(x2 + kb), s3 = v128.load32_splat(x3 + kb)
        let t = f32x4.sub(s0, ya)
        a0 = f32x4.add(a0, f32x4.mul(t, t))
        t = f32x4.sub(s0, yb)
        b0 = f32x4.add(b0, f32x4.mul(t, t))
        t = f32x4.sub(s1, ya)
        a1 = f32x4.add(a1, f32x4.mul(t, t))
        t = f32x4.sub(s1, yb)
        b1 = f32x4.add(b1, f32x4.mul(t, t))
        t = f32x4.sub(s2, ya)
        a2 = f32x4.add(a2, f32x4.mul(t, t))
        t = f32x4.sub(s2, yb)
        b2 = f32x4.add(b2, f32x4.mul(t, t))
        t = f32x4.sub(s3, ya)
        a3 = f32x4.add(a3, f32x4.mul(t, t))
        t = f32x4.sub(s3, yb)
        b3 = f32x4.add(b3, f32x4.mul(t, t))
        yk += 32
      }
      const ga = v128.load(G + (<usize>j << 2)), gb = v128.load(G + (<usize>j << 2), 16)
      dfList(a0, b0, f0, ga, gb, j, o0, cap, c0)
      dfList(a1, b1, f1, ga, gb, j, o0 + capBytes, cap, c0 + 4)
      dfList(a2, b2, f2, ga, gb, j, o0 + 2 * capBytes, cap, c0 + 8)
      dfList(a3, b3, f3, ga, gb, j, o0 + 3 * capBytes, cap, c0 + 12)
    }
  }
  for (; i < rows; i++) {
    const x0 = x + <usize>i * rowBytes
    const f0 = v128.load32_splat(F + (<usize>i << 2))
    const o0 = out + <usize>i * capBytes, c0 = count + (<usize>i << 2)
    for (let j = 0; j < mp8; j += 8) {
      let a0 = f32x4.splat(0), b0 = f32x4.splat(0)
      let yk = yP + (<usize>j * <usize>d << 2)
      for (let k = 0; k < d; k++) {
        const s0 = v128.load32_splat(x0 + (<usize>k << 2))
        let t = f32x4.sub(s0, v128.load(yk))
        a0 = f32x4.add(a0, f32x4.mul(t, t))
        t = f32x4.sub(s0, v128.load(yk, 16))
        b0 = f32x4.add(b0, f32x4.mul(t, t))
        yk += 32
      }
      dfList(a0, b0, f0, v128.load(G + (<usize>j << 2)), v128.load(G + (<usize>j << 2), 16), j, o0, cap, c0)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The entries of a float32 tile (sqDistTileF32's or gramTileF32's: rows of w values at tile, references j0..j0+w)
// that may matter to a neighbour search: per row, in increasing j, every entry ≤ T_r (T: f32 per row) as
// outJ[r·w + c] = j0 + column, outS[r·w + c] = the entry, count[r] = c. Padding columns are listed like the others.

@inline function ltPut(j: i32, v: f32, oj: usize, os: usize, c: i32): i32 {
  store<i32>(oj + (<usize>c << 2), j)
  store<f32>(os + (<usize>c << 2), v)
  return c + 1
}

export function listTileF32(tile: usize, rows: i32, w: i32, j0: i32, T: usize, outJ: usize, outS: usize, count: usize): void {
  const rowBytes = <usize>w << 2
  for (let r = 0; r < rows; r++) {
    const t = v128.load32_splat(T + (<usize>r << 2))
    const row = tile + <usize>r * rowBytes, oj = outJ + <usize>r * rowBytes, os = outS + <usize>r * rowBytes
    let c = 0
    for (let j = 0; j < w; j += 8) {
      const a = v128.load(row + (<usize>j << 2)), b = v128.load(row + (<usize>j << 2), 16)
      const ma = f32x4.le(a, t), mb = f32x4.le(b, t)
      if (!v128.any_true(v128.or(ma, mb))) continue
      const bits = i32x4.bitmask(ma) | (i32x4.bitmask(mb) << 4)
      const jj = j0 + j
      if (bits & 1) c = ltPut(jj, f32x4.extract_lane(a, 0), oj, os, c)
      if (bits & 2) c = ltPut(jj + 1, f32x4.extract_lane(a, 1), oj, os, c)
      if (bits & 4) c = ltPut(jj + 2, f32x4.extract_lane(a, 2), oj, os, c)
      if (bits & 8) c = ltPut(jj + 3, f32x4.extract_lane(a, 3), oj, os, c)
      if (bits & 16) c = ltPut(jj + 4, f32x4.extract_lane(b, 0), oj, os, c)
      if (bits & 32) c = ltPut(jj + 5, f32x4.extract_lane(b, 1), oj, os, c)
      if (bits & 64) c = ltPut(jj + 6, f32x4.extract_lane(b, 2), oj, os, c)
      if (bits & 128) c = ltPut(jj + 7, f32x4.extract_lane(b, 3), oj, os, c)
    }
    store<i32>(count + (<usize>r << 2), c)
  }
}
