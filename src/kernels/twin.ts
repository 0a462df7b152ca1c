/**
 * Plain TypeScript twins of the WebAssembly kernels (src/kernels/assembly/kernels.ts). They are the correctness
 * oracle in tests and the fallback when WebAssembly cannot load. Same arguments and same float64 arithmetic order as
 * the WebAssembly versions where that matters (distance sums over k in order; LSE as max-then-sum).
 *
 * Conventions shared by every kernel: x is an n×d row-major Float64Array, rows i0 ≤ i < i1 are processed; y is an
 * m×d row-major Float64Array, all m rows are read; the ground cost is C_ij = ‖x_i − y_j‖₂^power (power 1 or 2).
 * Coordinates should already be scaled near 1 (e.g. divided by a power of two) so that squaring cannot overflow.
 */
import {
  centredF32,
  type DistanceTiles,
  gramFrameF32,
  placeF32,
  roundUp8,
  squaredNormsF32,
  type TileListing,
} from './distance-f32.js'
import {type QuadraticForms, quadraticFormsTwin} from './quadratic-forms.js'
import type {DotTiles, DualCheck, PairOperator, ReferenceTiles} from './types.js'

export {dualFilterTwin as dualFilter} from './dual-filter.js'
export {rowDots} from './row-dots.js'
export {twinSymmetricOps as symmetricOps} from './symmetric.js'

/** ‖x_i − y_j‖² for i0 ≤ i < i1, j0 ≤ j < j1, written row-major into out ((i1−i0)×(j1−j0)). */
export function sqDistTile(
  x: Float64Array,
  i0: number,
  i1: number,
  y: Float64Array,
  j0: number,
  j1: number,
  d: number,
  out: Float64Array,
): void {
  const w = j1 - j0
  for (let i = i0; i < i1; i++) {
    const xi = i * d,
      o = (i - i0) * w
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
export function lseRowsOfNegScaledDist(
  x: Float64Array,
  i0: number,
  i1: number,
  y: Float64Array,
  m: number,
  d: number,
  h: Float64Array,
  scale: number,
  power: 1 | 2,
  out: Float64Array,
  skipSelf = false,
): void {
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
export function minRowsOfCostMinus(
  x: Float64Array,
  i0: number,
  i1: number,
  y: Float64Array,
  m: number,
  d: number,
  h: Float64Array,
  power: 1 | 2,
  out: Float64Array,
): void {
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
export function gibbsRowSums(
  x: Float64Array,
  i0: number,
  i1: number,
  y: Float64Array,
  m: number,
  d: number,
  u: Float64Array,
  v: Float64Array,
  scale: number,
  power: 1 | 2,
  mass: Float64Array,
  costs: Float64Array,
): void {
  for (let i = i0; i < i1; i++) {
    let s = 0,
      sc = 0
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
export function weightedCostRows(
  x: Float64Array,
  i0: number,
  i1: number,
  y: Float64Array,
  m: number,
  d: number,
  w: Float64Array,
  power: 1 | 2,
  out: Float64Array,
): void {
  for (let i = i0; i < i1; i++) {
    let s = 0
    for (let j = 0; j < m; j++) if (w[j] !== 0) s += w[j] * cost(x, i * d, y, j * d, d, power)
    out[i - i0] = s
  }
}

/** out[(i − i0)·K + k] = Σ_c x_ic·dirs_kc: rows of x projected on K directions (dirs is K×d row-major). */
export function projectRows(
  x: Float64Array,
  i0: number,
  i1: number,
  d: number,
  dirs: Float64Array,
  K: number,
  out: Float64Array,
): void {
  for (let i = i0; i < i1; i++) {
    const xi = i * d,
      o = (i - i0) * K
    for (let k = 0; k < K; k++) {
      let s = 0
      for (let c = 0; c < d; c++) s += x[xi + c] * dirs[k * d + c]
      out[o + k] = s
    }
  }
}

/** The float64 pair operator: the twin's row kernel in both directions (no preparation, no cache). */
export function pairOperator(
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  power: 1 | 2,
): PairOperator {
  return {
    n,
    m,
    precision: 'f64',
    refine: () => false,
    cachedBytes: 0,
    lseRows(i0, i1, h, scale, _shift, out, skipSelf = false) {
      lseRowsOfNegScaledDist(x, i0, i1, y, m, d, h, scale, power, out, skipSelf)
    },
    lseCols(j0, j1, h, scale, _shift, out) {
      lseRowsOfNegScaledDist(y, j0, j1, x, n, d, h, scale, power, out)
    },
    dispose() {},
  }
}

/**
 * The certified bracket's fused passes (see the WebAssembly versions in assembly/kernels.ts for the contract).
 * K_ij = exp((u_i + v_j) − s·C_ij), computed with the same argument in every pass so the plan is one matrix.
 * A: ft[i] = min_j (C_ij − g_j), r[i] = Σ_j K_ij, rc[i] = Σ_j K_ij·C_ij for all rows of x.
 */
export function bracketRowsA(
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  power: 1 | 2,
  g: Float64Array,
  u: Float64Array,
  v: Float64Array,
  s: number,
  ft: Float64Array,
  r: Float64Array,
  rc: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    let min = Infinity,
      sr = 0,
      src = 0
    for (let j = 0; j < m; j++) {
      const c = cost(x, i * d, y, j * d, d, power)
      min = Math.min(min, c - g[j])
      const e = Math.exp(u[i] + v[j] - s * c)
      sr += e
      src += e * c
    }
    ft[i] = min
    r[i] = sr
    rc[i] = src
  }
}

/** B: gt[j] = min_i (C_ij − ft_i), cx[j] = Σ_i xw_i·K_ij for all rows of y. */
export function bracketColsB(
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  power: 1 | 2,
  ft: Float64Array,
  u: Float64Array,
  v: Float64Array,
  xw: Float64Array,
  s: number,
  gt: Float64Array,
  cx: Float64Array,
): void {
  for (let j = 0; j < m; j++) {
    let min = Infinity,
      sx = 0
    for (let i = 0; i < n; i++) {
      const c = cost(x, i * d, y, j * d, d, power)
      min = Math.min(min, c - ft[i])
      sx += xw[i] * Math.exp(u[i] + v[j] - s * c)
    }
    gt[j] = min
    cx[j] = sx
  }
}

/** C: sk[i] = Σ_j yw_j·K_ij, skc[i] = Σ_j yw_j·K_ij·C_ij, dot[i] = Σ_j errC_j·C_ij for all rows of x. */
export function bracketRowsC(
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  power: 1 | 2,
  u: Float64Array,
  v: Float64Array,
  yw: Float64Array,
  errC: Float64Array,
  s: number,
  sk: Float64Array,
  skc: Float64Array,
  dot: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    let a0 = 0,
      a1 = 0,
      a2 = 0
    for (let j = 0; j < m; j++) {
      const c = cost(x, i * d, y, j * d, d, power)
      const w = yw[j] * Math.exp(u[i] + v[j] - s * c)
      a0 += w
      a1 += w * c
      a2 += errC[j] * c
    }
    sk[i] = a0
    skc[i] = a1
    dot[i] = a2
  }
}

/** The twin runs on the calling thread only. */
export function setThreads(_threads: number, _startAfterPairs?: number): void {}

/** The twin never uses worker threads. */
export function workerBlocks(): number {
  return 0
}

/**
 * float32 squared-distance tiles (the contract and the error bound are in ./distance-f32.ts): the same centring,
 * rounding and k-order float32 sum as the WebAssembly kernel `sqDistTileF32`, so the values are bit-identical.
 */
export function distanceTiles(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DistanceTiles {
  const frame = centredF32(x, n, y, m, d)
  const xf = new Float32Array(n * d),
    yf = new Float32Array(m * d)
  placeF32(x, n, d, frame.centre, xf, undefined)
  placeF32(y, m, d, frame.centre, yf, undefined)
  let out = new Float32Array(0)
  return {
    n,
    m,
    d,
    frame,
    tile(i0, i1, j0, j1) {
      const w = roundUp8(j1 - j0)
      if (out.length < (i1 - i0) * w) out = new Float32Array((i1 - i0) * w)
      const f = Math.fround
      for (let i = i0; i < i1; i++) {
        const o = (i - i0) * w - j0
        for (let j = j0; j < j1; j++) {
          let s = 0
          for (let k = 0; k < d; k++) {
            const t = f(xf[i * d + k] - yf[j * d + k])
            s = f(s + f(t * t))
          }
          out[o + j] = s
        }
      }
      return out.subarray(0, (i1 - i0) * w)
    },
    below(i0, i1, j0, j1, T) {
      return listTile(this.tile(i0, i1, j0, j1), i1 - i0, j0, j1, T)
    },
    dispose() {},
  }
}

/** `DistanceTiles.below` over a computed tile (rows of roundUp8(j1 − j0) values), the kernel `listTileF32`'s rule. */
function listTile(tile: Float32Array, rows: number, j0: number, j1: number, T: Float32Array): TileListing {
  const w = roundUp8(j1 - j0)
  const j = new Int32Array(rows * w),
    s = new Float32Array(rows * w),
    count = new Int32Array(rows)
  for (let r = 0; r < rows; r++) {
    let c = 0
    for (let t = 0; t < j1 - j0; t++) {
      const v = tile[r * w + t]
      if (v <= T[r]) {
        j[r * w + c] = j0 + t
        s[r * w + c++] = v
      }
    }
    count[r] = c
  }
  return {j, s, count}
}

/** Prepared references (../index.ts ReferenceTiles): the twin computes `sqDistTile` against all m of them. */
export function referenceTiles(y: Float64Array, m: number, d: number): ReferenceTiles {
  return {
    m,
    d,
    tile(x, i0, i1, out) {
      sqDistTile(x, i0, i1, y, 0, m, d, out)
    },
    dispose() {},
  }
}

/** Quadratic forms of 0/1 vectors over a symmetric float32 matrix (./quadratic-forms.ts). */
export function quadraticForms(N: number): QuadraticForms {
  return quadraticFormsTwin(N)
}

/**
 * The Gram-form float32 tiles (the contract and the bound are `gramFrameF32`'s in ./distance-f32.ts): the same
 * centring, norms and k-order float32 dot products as the WebAssembly kernel `gramTileF32`, so the values are
 * bit-identical.
 */
export function gramTiles(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DistanceTiles {
  const frame = gramFrameF32(x, n, y, m, d)
  const xf = new Float32Array(n * d),
    yf = new Float32Array(m * d)
  placeF32(x, n, d, frame.centre, xf, undefined)
  placeF32(y, m, d, frame.centre, yf, undefined)
  const nx = new Float32Array(n),
    ny = new Float32Array(m)
  squaredNormsF32(xf, n, d, nx)
  squaredNormsF32(yf, m, d, ny)
  let out = new Float32Array(0)
  return {
    n,
    m,
    d,
    frame,
    tile(i0, i1, j0, j1) {
      const w = roundUp8(j1 - j0)
      if (out.length < (i1 - i0) * w) out = new Float32Array((i1 - i0) * w)
      const f = Math.fround
      for (let i = i0; i < i1; i++) {
        const o = (i - i0) * w - j0
        for (let j = j0; j < j1; j++) {
          let p = 0
          for (let k = 0; k < d; k++) p = f(p + f(xf[i * d + k] * yf[j * d + k]))
          out[o + j] = f(f(nx[i] + ny[j]) - 2 * p)
        }
      }
      return out.subarray(0, (i1 - i0) * w)
    },
    below(i0, i1, j0, j1, T) {
      return listTile(this.tile(i0, i1, j0, j1), i1 - i0, j0, j1, T)
    },
    dispose() {},
  }
}

/** float64 dot-product tiles (../index.ts DotTiles): the k-order sum of the WebAssembly `dotTileF64P`, bit for bit. */
export function dotTiles(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DotTiles {
  let out = new Float64Array(0)
  return {
    n,
    m,
    d,
    tile(i0, i1, j0, j1) {
      const w = (j1 - j0 + 3) & ~3
      if (out.length < (i1 - i0) * w) out = new Float64Array((i1 - i0) * w)
      for (let i = i0; i < i1; i++)
        for (let j = j0; j < j1; j++) {
          let s = 0
          for (let k = 0; k < d; k++) s += x[i * d + k] * y[j * d + k]
          out[(i - i0) * w + j - j0] = s
        }
      return out.subarray(0, (i1 - i0) * w)
    },
    dispose() {},
  }
}

/**
 * The all-pairs dual check (./types.ts DualCheck) in plain TypeScript: the loop the WebAssembly kernel
 * `dualCheckF64P` fuses into its distance tile, with the same comparisons in the same order.
 */
export function dualCheck(y: Float64Array, m: number, d: number, power: 1 | 2, g: Float64Array): DualCheck {
  const colMin = new Float64Array(m).fill(Infinity),
    colArg = new Int32Array(m).fill(-1)
  let tile = new Float64Array(0)
  return {
    rows(x, i0, i1, f, tol, K, out) {
      const batch = Math.max(1, Math.min(i1 - i0, Math.floor(4e6 / Math.max(1, m))))
      if (tile.length < batch * m) tile = new Float64Array(batch * m)
      for (let b0 = i0; b0 < i1; b0 += batch) {
        const b1 = Math.min(i1, b0 + batch)
        sqDistTile(x, b0, b1, y, 0, m, d, tile)
        for (let i = b0; i < b1; i++) {
          const fi = f[i],
            base = (i - b0) * m,
            r0 = i - i0
          let min = Infinity,
            count = 0
          for (let j = 0; j < m; j++) {
            const c = power === 2 ? tile[base + j] : Math.sqrt(tile[base + j])
            const w = c - g[j]
            if (w < min) min = w
            const v = c - fi
            if (v < colMin[j]) {
              colMin[j] = v
              colArg[j] = i
            }
            const r = w - fi
            if (!(r < -tol * Math.max(Math.abs(c), Math.abs(fi), Math.abs(g[j])))) continue
            if (count < K || r < out.best[r0 * K + count - 1]) {
              let k = count < K ? count++ : count - 1
              while (k > 0 && out.best[r0 * K + k - 1] > r) {
                out.best[r0 * K + k] = out.best[r0 * K + k - 1]
                out.bestJ[r0 * K + k] = out.bestJ[r0 * K + k - 1]
                k--
              }
              out.best[r0 * K + k] = r
              out.bestJ[r0 * K + k] = j
            }
          }
          out.rowMin[r0] = min
          out.count[r0] = count
        }
      }
    },
    columns(cm, ca) {
      cm.set(colMin)
      ca.set(colArg)
    },
    dispose() {},
  }
}
