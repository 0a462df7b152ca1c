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
