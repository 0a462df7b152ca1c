/**
 * Plain TypeScript twins of the WebAssembly kernels (src/kernels/assembly/kernels.ts). They are the correctness
 * oracle in tests and the fallback when WebAssembly cannot load. Same arguments and same float64 arithmetic order as
 * the WebAssembly versions where that matters (distance sums over k in order; LSE as max-then-sum).
 *
 * Conventions shared by every kernel: x is an n×d row-major Float64Array, rows i0 ≤ i < i1 are processed; y is an
 * m×d row-major Float64Array, all m rows are read; the ground cost is C_ij = ‖x_i − y_j‖₂^power (power 1 or 2).
 * Coordinates should already be scaled near 1 (e.g. divided by a power of two) so that squaring cannot overflow.
 */

/** ‖x_i − y_j‖² for i0 ≤ i < i1, j0 ≤ j < j1, written row-major into out ((i1−i0)×(j1−j0)). */
export function sqDistTile(x: Float64Array, i0: number, i1: number, y: Float64Array, j0: number, j1: number, d: number, out: Float64Array): void {
  const w = j1 - j0
  for (let i = i0; i < i1; i++) {
    const xi = i * d, o = (i - i0) * w
    for (let j = j0; j < j1; j++) {
      const yj = j * d
      let s = 0
      for (let k = 0; k < d; k++) {
        const t = x[xi + k] - y[yj + k]
        s += t * t
      }
      out[o + j - j0] = s
    }
  }
}

function cost(x: Float64Array, xi: number, y: Float64Array, yj: number, d: number, power: number): number {
  let s = 0
  for (let k = 0; k < d; k++) {
    const t = x[xi + k] - y[yj + k]
    s += t * t
  }
  return power === 2 ? s : Math.sqrt(s)
}

/** Terms below exp(−50) ≈ 2e-22 of a row's largest are skipped: a million of them move the LSE by < 1e-15 relative. */
export const LSE_CUTOFF = -50

/**
 * out[i − i0] = LSE_j (h_j − scale·C_ij) = log Σ_j exp(h_j − scale·C_ij), by max-then-sum so nothing overflows or
 * underflows. With skipSelf, the term j = i is left out (leave-one-out density at a set's own points).
 * An empty sum gives −Infinity.
 */
export function lseRowsOfNegScaledDist(x: Float64Array, i0: number, i1: number, y: Float64Array, m: number, d: number, h: Float64Array, scale: number, power: 1 | 2, out: Float64Array, skipSelf = false): void {
  const t = new Float64Array(m)
  for (let i = i0; i < i1; i++) {
    let max = -Infinity
    for (let j = 0; j < m; j++) {
      const v = skipSelf && j === i ? -Infinity : h[j] - scale * cost(x, i * d, y, j * d, d, power)
      t[j] = v
      if (v > max) max = v
    }
    if (max === -Infinity) {
      out[i - i0] = -Infinity
      continue
    }
    let s = 0
    for (let j = 0; j < m; j++) {
      const v = t[j] - max
      if (v > LSE_CUTOFF) s += Math.exp(v)
    }
    out[i - i0] = max + Math.log(s)
  }
}

/** out[i − i0] = min_j (C_ij − h_j): the c-transform of h (Villani 2009, Def. 5.2). */
export function minRowsOfCostMinus(x: Float64Array, i0: number, i1: number, y: Float64Array, m: number, d: number, h: Float64Array, power: 1 | 2, out: Float64Array): void {
  for (let i = i0; i < i1; i++) {
    let min = Infinity
    for (let j = 0; j < m; j++) {
      const v = cost(x, i * d, y, j * d, d, power) - h[j]
      if (v < min) min = v
    }
    out[i - i0] = min
  }
}

/**
 * Row sums of a Gibbs plan P_ij = exp(u_i + v_j − scale·C_ij) and of P_ij·C_ij:
 * mass[i − i0] = Σ_j P_ij, costs[i − i0] = Σ_j P_ij C_ij. Callers keep u_i + v_j − scale·C_ij ≤ ~0 (log-domain
 * potentials make every plan entry ≤ 1), so exp cannot overflow.
 */
export function gibbsRowSums(x: Float64Array, i0: number, i1: number, y: Float64Array, m: number, d: number, u: Float64Array, v: Float64Array, scale: number, power: 1 | 2, mass: Float64Array, costs: Float64Array): void {
  for (let i = i0; i < i1; i++) {
    let s = 0, sc = 0
    const ui = u[i]
    for (let j = 0; j < m; j++) {
      const c = cost(x, i * d, y, j * d, d, power)
      const pij = Math.exp(ui + v[j] - scale * c)
      s += pij
      sc += pij * c
    }
    mass[i - i0] = s
    costs[i - i0] = sc
  }
}

/** out[i − i0] = Σ_j w_j C_ij (the rank-one repair term of the rounding). */
export function weightedCostRows(x: Float64Array, i0: number, i1: number, y: Float64Array, m: number, d: number, w: Float64Array, power: 1 | 2, out: Float64Array): void {
  for (let i = i0; i < i1; i++) {
    let s = 0
    for (let j = 0; j < m; j++) if (w[j] !== 0) s += w[j] * cost(x, i * d, y, j * d, d, power)
    out[i - i0] = s
  }
}

/** out[(i − i0)·K + k] = Σ_c x_ic·dirs_kc: rows of x projected on K directions (dirs is K×d row-major). */
export function projectRows(x: Float64Array, i0: number, i1: number, d: number, dirs: Float64Array, K: number, out: Float64Array): void {
  for (let i = i0; i < i1; i++) {
    const xi = i * d, o = (i - i0) * K
    for (let k = 0; k < K; k++) {
      let s = 0
      for (let c = 0; c < d; c++) s += x[xi + c] * dirs[k * d + c]
      out[o + k] = s
    }
  }
}
