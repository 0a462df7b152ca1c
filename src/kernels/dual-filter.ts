import {centredF32, type F32Frame, placeF32} from './distance-f32.js'

/**
 * The float32 filter of the shortlist solver's all-pairs dual check (../core/ot/dual-check.ts), for W1 costs
 * C_ij = fl(√s_ij), s_ij the float64 difference-form squared distance of `sqDistTile`. Prepared once for x (n×d) and
 * y (m×d), which do not change between rounds; each round `potentials(f, g)` sets the thresholds and `rows` lists,
 * for rows i0..i1 in increasing j, every column with
 *
 *     fl32(√s̃_ij) < fl32(F_i + G_j),   F = `dualFilterThresholds`(f), G = `dualFilterThresholds`(g),
 *
 * s̃ the k-order float32 sum of `sqDistTileF32` on coordinates centred by `centredF32`. The listed set contains every
 * pair with C_ij < f_i + g_j exactly (the proof is at `dualFilterThresholds`), so every pair whose float64 reduced
 * cost is negative: a check that recomputes the listed pairs in float64 finds exactly what the float64 check over all
 * pairs finds, in twice the pairs per SIMD operation.
 */
export interface DualFilter {
  readonly frame: F32Frame
  /**
   * Whether the bound applies: the frame's (finite coordinates, ρ < 1/8) and R < 2⁶⁰, so s̃ ≤ (2R)²(1 + ρ) stays below
   * float32's overflow (an infinite s̃ would hide a pair from the test).
   */
  readonly usable: boolean
  /** Sets the thresholds from the potentials; false when they cannot be bounded (non-finite or beyond ±2¹²⁰). */
  potentials(f: Float64Array, g: Float64Array): boolean
  /**
   * Rows i0..i1: the first `cap` listed columns of row i at out[(i − i0)·cap ..], and how many were listed (which may
   * exceed cap) at count[i − i0].
   */
  rows(i0: number, i1: number, cap: number, out: Int32Array, count: Int32Array): void
  dispose(): void
}

/** Largest |potential| the thresholds take (float32 holds ±3.4·10³⁸; F_i + G_j must stay finite). */
const MAX_POTENTIAL = 2 ** 120

/**
 * T_k = fl32↑((1 + ρ')·p_k + α/2 + δ_k), δ_k = 2⁻¹⁹·(|p_k| + α) + 2⁻¹²⁶, ρ' = ρ + 2⁻⁴⁰, for the frame's ρ, α
 * (./distance-f32.ts), rounded up to float32 (fl32↑(v) ≥ v: the value is first raised by 2⁻²²|v| + 2⁻¹²⁶, more than
 * fround's 2⁻²⁴ relative or 2⁻¹⁵⁰ absolute error). False (out unspecified) if a potential is not finite or is beyond
 * ±MAX_POTENTIAL.
 *
 * Why a pair with C < f_i + g_j (C = fl(√s), f, g float64) is listed: the frame gives √s̃ ≤ (1 + ρ)√s + α against
 * the float64 s, and √s ≤ (1 + 2⁻⁵²)·C (one correctly rounded square root), so √s̃ ≤ (1 + ρ')C + α
 * < (1 + ρ')(f_i + g_j) + α (f_i + g_j > C ≥ 0) ≤ F_i + G_j − δ_i − δ_j. The two float32 roundings of the test
 * (the square root, the sum) each move a side by at most 2⁻²⁴ of its magnitude, together below
 * 2⁻²⁴·(√s̃ + |F_i| + |G_j|) ≤ 2⁻²⁴·3.1·(|f_i| + |g_j| + α) + 2⁻¹⁴⁹ (subnormals), less than δ_i + δ_j. So fl32(√s̃) < fl32(F_i + G_j).
 */
export function dualFilterThresholds(frame: F32Frame, p: Float64Array, count: number, out: Float32Array): boolean {
  const rho = frame.rho + 2 ** -40,
    alpha = frame.alpha
  for (let k = 0; k < count; k++) {
    const v0 = p[k]
    if (!(Math.abs(v0) <= MAX_POTENTIAL)) return false
    const v = (1 + rho) * v0 + alpha / 2 + 2 ** -19 * (Math.abs(v0) + alpha) + 2 ** -126
    out[k] = Math.fround(v + Math.abs(v) * 2 ** -22 + 2 ** -126)
  }
  return true
}

/** `DualFilter.usable` for a frame. */
export function dualFilterUsable(frame: F32Frame): boolean {
  return frame.usable && frame.R < 2 ** 60
}

/**
 * The TypeScript twin of the filter (the WebAssembly one is `dualFilterF32` in ./wasm-operands.ts): the same centring,
 * k-order float32 sums, square root and comparison as the kernel `dualFilterF32`, so the listed columns are identical.
 */
export function dualFilterTwin(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DualFilter {
  const frame = centredF32(x, n, y, m, d)
  const xf = new Float32Array(n * d),
    yf = new Float32Array(m * d)
  placeF32(x, n, d, frame.centre, xf, undefined)
  placeF32(y, m, d, frame.centre, yf, undefined)
  const F = new Float32Array(n),
    G = new Float32Array(m)
  return {
    frame,
    usable: dualFilterUsable(frame),
    potentials(f, g) {
      return dualFilterThresholds(frame, f, n, F) && dualFilterThresholds(frame, g, m, G)
    },
    rows(i0, i1, cap, out, count) {
      const r = Math.fround
      for (let i = i0; i < i1; i++) {
        let c = 0
        const o = (i - i0) * cap
        for (let j = 0; j < m; j++) {
          let s = 0
          for (let k = 0; k < d; k++) {
            const t = r(xf[i * d + k] - yf[j * d + k])
            s = r(s + r(t * t))
          }
          if (r(Math.sqrt(s)) < r(F[i] + G[j])) {
            if (c < cap) out[o + c] = j
            c++
          }
        }
        count[i - i0] = c
      }
    },
    dispose() {},
  }
}
