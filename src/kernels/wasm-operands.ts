/**
 * The WebAssembly backend's prepared operands: operands placed once in linear memory and reused by many calls (the
 * float32 pair operator, float32 distance tiles, float64 reference tiles, the quadratic forms' matrix). Each is held
 * on the heap's stack (./wasm-memory.ts `mark`/`keep`) until its `dispose`.
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
import {type DualFilter, dualFilterThresholds, dualFilterUsable} from './dual-filter.js'
import {type QuadraticForms, quadraticFormsBytes} from './quadratic-forms.js'
import type {DotTiles, DualCheck, Kernels, PairOperator, Power, ReferenceTiles} from './types.js'
import type {WasmBackend} from './wasm-memory.js'

/**
 * The float32 pair operator: centres both sets (distances do not change; f32 keeps its 24 bits for the spread,
 * not the offset), rounds them to f32 in both layouts, and when 4·(n·m₈ + m·n₈) bytes fit `cacheBytes`, computes
 * the cost matrix once and its transpose (rows for the f-updates, columns for the g-updates).
 */
export function f32Operator(
  {k, pool, heap}: WasmBackend,
  redo: Kernels['lseRowsOfNegScaledDist'],
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  power: Power,
  cacheBytes: number,
): PairOperator {
  const np = roundUp8(n),
    mp = roundUp8(m)
  const centre = new Float64Array(d)
  for (let c = 0; c < d; c++) {
    let lo = Infinity,
      hi = -Infinity
    for (let i = 0; i < n; i++) {
      const v = x[i * d + c]
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
    for (let j = 0; j < m; j++) {
      const v = y[j * d + c]
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
    centre[c] = Number.isFinite(lo + hi) ? lo / 2 + hi / 2 : 0
  }
  const mark = heap.mark()
  const px = heap.allocBytes(4 * n * d),
    pxT = heap.allocBytes(4 * d * np),
    py = heap.allocBytes(4 * m * d),
    pyT = heap.allocBytes(4 * d * mp)
  // One set against itself (S_ε's self terms, KDE's own sums): C is symmetric, so its rows serve as its columns.
  const same = x === y && n === m
  const wantCache = 4 * (same ? n * mp : n * mp + m * np)
  const cached = wantCache <= cacheBytes
  const pC = cached ? heap.allocBytes(4 * n * mp) : 0,
    pCT = cached ? heap.allocBytes(4 * m * np) : 0
  const release = heap.keep(mark)
  const f = new Float32Array(k.memory.buffer)
  const place = (src: Float64Array, rows: number, rowsPadded: number, at: number, atT: number) => {
    for (let i = 0; i < rows; i++)
      for (let c = 0; c < d; c++) {
        const v = src[i * d + c] - centre[c]
        f[at / 4 + i * d + c] = v
        f[atT / 4 + c * rowsPadded + i] = v
      }
    for (let c = 0; c < d; c++) f.fill(0, atT / 4 + c * rowsPadded + rows, atT / 4 + (c + 1) * rowsPadded)
  }
  const costRows = (pa: number, rows: number, pbT: number, bPadded: number, pOut: number) =>
    pool.run('costRowsF32', rows, bPadded * d, (a, b) => [
      pa + 4 * a * d,
      b - a,
      pbT,
      bPadded,
      d,
      power,
      pOut + 4 * a * bPadded,
    ])
  place(x, n, np, px, pxT)
  place(y, m, mp, py, pyT)
  if (cached) {
    costRows(px, n, pyT, mp, pC)
    // The transpose is computed, not copied: the same f32 operations in the same order give the same values, and
    // a strided copy of 400 MB was slower than the arithmetic.
    if (!same) costRows(py, m, pxT, np, pCT)
  }
  /** Rows r0..r1 of (a, aRows) against all of (bT, bCount), one LSE each; rows that came out non-finite are redone in float64. */
  const run = (
    r0: number,
    r1: number,
    pa: number,
    pbT: number,
    bCount: number,
    bPadded: number,
    pCost: number,
    h: Float64Array,
    scale: number,
    shift: Float64Array | null,
    out: Float64Array,
    skipSelf: boolean,
    redo: (i: number, o: Float64Array) => void,
  ) => {
    if (r1 <= r0) return
    heap.scratch()
    const rows = r1 - r0
    const ph = heap.allocBytes((mixed ? 8 : 4) * bPadded),
      ps = heap.alloc(rows),
      po = heap.alloc(rows)
    const hf = mixed ? new Float64Array(k.memory.buffer, ph, bPadded) : new Float32Array(k.memory.buffer, ph, bPadded)
    let hmax = -Infinity
    for (let j = 0; j < bCount; j++) {
      hf[j] = h[j]
      if (h[j] > hmax) hmax = h[j]
    }
    hf.fill(-Infinity, bCount)
    const sv = new Float64Array(k.memory.buffer, ps, rows)
    if (shift) sv.set(shift.subarray(r0, r1))
    else sv.fill(Number.isFinite(hmax) ? hmax : 0)
    const base = pa + 4 * r0 * d,
      costBase = pCost ? pCost + 4 * r0 * bPadded : 0
    pool.run(mixed ? 'lseRowsMixed' : 'lseRowsF32', rows, pCost ? bPadded : bPadded * d, (a, b) => [
      base + 4 * a * d,
      b - a,
      pbT,
      bPadded,
      d,
      ph,
      scale,
      power,
      ps + 8 * a,
      po + 8 * a,
      skipSelf ? r0 + a : -1,
      costBase ? costBase + 4 * a * bPadded : 0,
    ])
    out.set(new Float64Array(k.memory.buffer, po, rows))
    for (let i = 0; i < rows; i++) if (!Number.isFinite(out[i])) redo(r0 + i, out.subarray(i, i + 1))
  }
  let mixed = false
  return {
    n,
    m,
    get precision() {
      return mixed ? ('mixed' as const) : ('f32' as const)
    },
    refine() {
      if (mixed) return false
      mixed = true
      return true
    },
    cachedBytes: cached ? wantCache : 0,
    lseRows(i0, i1, h, scale, shift, out, skipSelf = false) {
      run(i0, i1, px, pyT, m, mp, pC, h, scale, shift, out, skipSelf, (i, o) =>
        redo(x, i, i + 1, y, m, d, h, scale, power, o, skipSelf),
      )
    },
    lseCols(j0, j1, h, scale, shift, out) {
      run(j0, j1, py, pxT, n, np, pCT, h, scale, shift, out, false, (j, o) =>
        redo(y, j, j + 1, x, n, d, h, scale, power, o),
      )
    },
    dispose: release,
  }
}

/**
 * `DistanceTiles.below` on a tile already in linear memory at po (rows × w float32): `listTileF32` on the pool, each
 * block of rows into its own slice of the output, so the listing is the same for any thread count.
 */
function listBelow(
  {k, pool, heap}: WasmBackend,
  po: number,
  rows: number,
  w: number,
  j0: number,
  T: Float32Array,
): TileListing {
  const pT = heap.allocBytes(4 * rows),
    pj = heap.allocBytes(4 * rows * w),
    ps = heap.allocBytes(4 * rows * w),
    pc = heap.allocBytes(4 * rows)
  new Float32Array(k.memory.buffer, pT, rows).set(T.subarray(0, rows))
  pool.run('listTileF32', rows, w, (a, b) => [
    po + 4 * a * w,
    b - a,
    w,
    j0,
    pT + 4 * a,
    pj + 4 * a * w,
    ps + 4 * a * w,
    pc + 4 * a,
  ])
  const buf = k.memory.buffer
  return {
    j: new Int32Array(buf, pj, rows * w),
    s: new Float32Array(buf, ps, rows * w),
    count: new Int32Array(buf, pc, rows),
  }
}

/** float32 distance tiles (./distance-f32.ts): x as f32 rows, y in panels of 8, held like a pair operator's operands. */
export function distanceTilesF32(
  {k, pool, heap}: WasmBackend,
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
): DistanceTiles {
  const frame = centredF32(x, n, y, m, d)
  const mark = heap.mark()
  const px = heap.allocBytes(4 * n * d),
    pyP = heap.allocBytes(4 * roundUp8(m) * d)
  const release = heap.keep(mark)
  placeF32(x, n, d, frame.centre, new Float32Array(k.memory.buffer, px, n * d), undefined)
  placeF32(y, m, d, frame.centre, undefined, new Float32Array(k.memory.buffer, pyP, roundUp8(m) * d))
  /** The tile's address in linear memory (scratch, valid until the next call). */
  const tileAt = (i0: number, i1: number, j0: number, j1: number): number => {
    heap.scratch()
    const w = roundUp8(j1 - j0)
    const po = heap.allocBytes(4 * (i1 - i0) * w)
    pool.run('sqDistTileF32', i1 - i0, w * d, (a, b) => [
      px + 4 * (i0 + a) * d,
      b - a,
      pyP,
      j0,
      j0 + w,
      d,
      po + 4 * a * w,
      w,
    ])
    return po
  }
  return {
    n,
    m,
    d,
    frame,
    tile(i0, i1, j0, j1) {
      // The address first: making the tile may grow the memory, and a view must be taken on the grown buffer.
      const po = tileAt(i0, i1, j0, j1)
      return new Float32Array(k.memory.buffer, po, (i1 - i0) * roundUp8(j1 - j0))
    },
    below(i0, i1, j0, j1, T) {
      return listBelow({k, pool, heap}, tileAt(i0, i1, j0, j1), i1 - i0, roundUp8(j1 - j0), j0, T)
    },
    dispose: release,
  }
}

/** Prepared float64 references in panels of 4 (`sqDistTileF64P`), held like a pair operator's operands. */
export function referenceTilesF64({pool, heap}: WasmBackend, y: Float64Array, m: number, d: number): ReferenceTiles {
  const mp = (m + 3) & ~3
  const mark = heap.mark()
  const pyP = heap.putPanels4(y, 0, m, d)
  const release = heap.keep(mark)
  return {
    m,
    d,
    tile(x, i0, i1, out) {
      heap.scratch()
      const rows = i1 - i0
      const px = heap.putRows(x, i0, i1, d),
        po = heap.alloc(rows * mp)
      pool.run('sqDistTileF64P', rows, mp * d, (a, b) => [px + 8 * a * d, b - a, pyP, mp, d, po + 8 * a * mp, mp])
      const hh = heap.f64()
      if (mp === m) out.set(hh.subarray(po / 8, po / 8 + rows * m))
      else for (let r = 0; r < rows; r++) out.set(hh.subarray(po / 8 + r * mp, po / 8 + r * mp + m), r * m)
    },
    dispose: release,
  }
}

/**
 * The upper 128×128 float32 tiles of a symmetric matrix, held like a pair operator's operands, and B quadratic forms
 * at a time by `quadFormsPanels` on the pool (./quadratic-forms.ts; the layout is in assembly/kernels.ts).
 */
export function quadraticFormsTiles({k, pool, heap}: WasmBackend, N: number): QuadraticForms {
  const T = 128,
    nt = Math.ceil(N / T),
    Np = nt * T
  const tileIndex = (I: number, J: number) => I * nt - (I * (I - 1)) / 2 + (J - I)
  const bytes = quadraticFormsBytes(N)
  const mark = heap.mark()
  const pD = heap.allocBytes(bytes)
  const release = heap.keep(mark)
  const view = () => new Float32Array(k.memory.buffer, pD, bytes / 4)
  view().fill(0)
  return {
    N,
    bytes,
    setRows(i0, i1, rows) {
      if (i0 % T !== 0 || i1 > i0 + T) throw new Error('internal: quadratic forms take one panel of rows at a time')
      const v = view()
      const width = N - i0,
        I = i0 / T
      for (let i = i0; i < i1; i++) {
        const r = i - i0
        for (let J = I; J < nt; J++) {
          const t0 = tileIndex(I, J) * T * T + r * T,
            src = r * width + (J - I) * T
          const w = Math.min(T, N - J * T)
          v.set(rows.subarray(src, src + w), t0)
        }
        v[tileIndex(I, I) * T * T + r * T + r] = 0
      }
    },
    map(f) {
      const v = view()
      for (let I = 0; I < nt; I++)
        for (let J = I; J < nt; J++) {
          const t0 = tileIndex(I, J) * T * T
          for (let r = 0; r < T && I * T + r < N; r++)
            for (let c = 0; c < T && J * T + c < N; c++)
              if (I !== J || r !== c) v[t0 + r * T + c] = f(v[t0 + r * T + c])
        }
    },
    rowSums() {
      const v = view()
      const out = new Float64Array(N)
      // Tile by tile: each stored entry counts for its row and, off the diagonal tiles, for its mirror's row.
      for (let I = 0; I < nt; I++)
        for (let J = I; J < nt; J++) {
          const t0 = tileIndex(I, J) * T * T
          for (let r = 0; r < T && I * T + r < N; r++)
            for (let c = 0; c < T && J * T + c < N; c++) {
              const e = v[t0 + r * T + c]
              out[I * T + r] += e
              if (I !== J) out[J * T + c] += e
            }
        }
      return out
    },
    forms(groups) {
      const B1 = groups.length,
        nb = Math.ceil(B1 / 8),
        Bp = nb * 8
      heap.scratch()
      const pL = heap.allocBytes(4 * nb * Np * 8)
      const L = new Float32Array(k.memory.buffer, pL, nb * Np * 8)
      L.fill(0)
      for (let b = 0; b < B1; b++) {
        const o = (b >> 3) * Np * 8 + (b & 7)
        for (const i of groups[b]) L[o + i * 8] = 1
      }
      // Panels in the order 0, nt−1, 1, nt−2, …: panel I has nt − I tiles, so neighbours pair up to equal work and
      // the pool's contiguous blocks get about the same share.
      const pOrder = heap.allocBytes(4 * nt)
      const order = new Int32Array(k.memory.buffer, pOrder, nt)
      for (let a = 0, lo = 0, hi = nt - 1; a < nt; a++) order[a] = a % 2 === 0 ? lo++ : hi--
      const pOut = heap.allocBytes(8 * nt * Bp)
      pool.run('quadFormsPanels', nt, ((nt + 1) / 2) * T * T * nb, (a, b) => [
        pD,
        nt,
        pOrder + 4 * a,
        b - a,
        pL,
        nb,
        pOut,
      ])
      const out = new Float64Array(k.memory.buffer, pOut, nt * Bp)
      const result = new Float64Array(B1)
      for (let b = 0; b < B1; b++) {
        let s = 0
        for (let I = 0; I < nt; I++) s += out[I * Bp + b]
        result[b] = s
      }
      heap.scratch()
      return result
    },
    dispose: release,
  }
}

/** The Gram-form float32 tiles (`gramTileF32`; the bound is `gramFrameF32`'s), held like a pair operator's operands. */
export function gramTilesF32(
  {k, pool, heap}: WasmBackend,
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
): DistanceTiles {
  const frame = gramFrameF32(x, n, y, m, d)
  const mp = roundUp8(m)
  const mark = heap.mark()
  const px = heap.allocBytes(4 * n * d),
    pnx = heap.allocBytes(4 * roundUp8(n)),
    pyP = heap.allocBytes(4 * mp * d),
    pny = heap.allocBytes(4 * mp)
  const release = heap.keep(mark)
  // The references' rows once more as rows for their norms (scratch, reused by the first tile above the held operands).
  const scratch = heap.allocBytes(4 * m * d)
  const buf = k.memory.buffer
  const xf = new Float32Array(buf, px, n * d)
  placeF32(x, n, d, frame.centre, xf, undefined)
  squaredNormsF32(xf, n, d, new Float32Array(buf, pnx, n))
  const yf = new Float32Array(buf, scratch, m * d)
  placeF32(y, m, d, frame.centre, yf, new Float32Array(buf, pyP, mp * d))
  const ny = new Float32Array(buf, pny, mp).fill(0)
  squaredNormsF32(yf, m, d, ny)
  /** The tile's address in linear memory (scratch, valid until the next call). */
  const tileAt = (i0: number, i1: number, j0: number, j1: number): number => {
    heap.scratch()
    const w = roundUp8(j1 - j0)
    const po = heap.allocBytes(4 * (i1 - i0) * w)
    // The kernel's splatted rows: 16·d bytes a row, each block's from its first row (blocks start at multiples of 8).
    const pxD = heap.allocBytes(16 * (i1 - i0) * d)
    pool.run('gramTileF32', i1 - i0, w * d, (a, b) => [
      px + 4 * (i0 + a) * d,
      pnx + 4 * (i0 + a),
      b - a,
      pyP,
      pny,
      j0,
      j0 + w,
      d,
      po + 4 * a * w,
      w,
      pxD + 16 * a * d,
    ])
    return po
  }
  return {
    n,
    m,
    d,
    frame,
    tile(i0, i1, j0, j1) {
      // The address first: making the tile may grow the memory, and a view must be taken on the grown buffer.
      const po = tileAt(i0, i1, j0, j1)
      return new Float32Array(k.memory.buffer, po, (i1 - i0) * roundUp8(j1 - j0))
    },
    below(i0, i1, j0, j1, T) {
      return listBelow({k, pool, heap}, tileAt(i0, i1, j0, j1), i1 - i0, roundUp8(j1 - j0), j0, T)
    },
    dispose: release,
  }
}

/** float64 dot-product tiles (`dotTileF64P`; ./types.ts DotTiles), held like a pair operator's operands. */
export function dotTilesF64(
  {k, pool, heap}: WasmBackend,
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
): DotTiles {
  const mark = heap.mark()
  const np = (n + 3) & ~3,
    mp = (m + 3) & ~3
  const pxD = heap.alloc(np * d * 2),
    pyP = heap.alloc(mp * d)
  const release = heap.keep(mark)
  // Both layouts written by the pool from a row-major copy in scratch; x against itself (KID's stacked subsets, FD's
  // covariance) is copied and packed once.
  const pack = (z: Float64Array, rows: number, rowsPadded: number, dup: number, panel: number) => {
    heap.scratch()
    const pz = heap.put(z, 0, rows * d)
    pool.run('packPanels4F64', rowsPadded, d, (a, b) => [pz, rows, a, b - a, d, dup, panel])
  }
  if (x === y && n === m) pack(x, n, np, pxD, pyP)
  else {
    pack(x, n, np, pxD, 0)
    pack(y, m, mp, 0, pyP)
  }
  return {
    n,
    m,
    d,
    tile(i0, i1, j0, j1) {
      heap.scratch()
      const w = (j1 - j0 + 3) & ~3
      const po = heap.alloc((i1 - i0) * w)
      pool.run('dotTileF64P', i1 - i0, w * d, (a, b) => [pxD, i0 + a, b - a, pyP, j0, j0 + w, d, po + 8 * a * w, w])
      return new Float64Array(k.memory.buffer, po, (i1 - i0) * w)
    },
    dispose: release,
  }
}

/**
 * The all-pairs dual check (`dualCheckF64P` on the pool; ./types.ts DualCheck): references in panels of 4 and g padded
 * with −∞ (padding columns never win a row minimum nor violate), and per thread slot the running column minima and
 * their rows, merged by `columns` (smaller value, then lower row: the result of one thread scanning rows in order).
 */
export function dualCheckF64(
  {k, pool, heap}: WasmBackend,
  y: Float64Array,
  m: number,
  d: number,
  power: Power,
  g: Float64Array,
): DualCheck {
  const mp = (m + 3) & ~3
  const slots = Math.max(1, pool.threads)
  const mark = heap.mark()
  const pyP = heap.putPanels4(y, 0, m, d),
    pg = heap.alloc(mp),
    pcm = heap.alloc(mp * slots),
    pca = heap.alloc(mp * slots)
  const release = heap.keep(mark)
  const h = heap.f64()
  h.set(g.subarray(0, m), pg / 8)
  h.fill(-Infinity, pg / 8 + m, pg / 8 + mp)
  h.fill(Infinity, pcm / 8, pcm / 8 + mp * slots)
  h.fill(-1, pca / 8, pca / 8 + mp * slots)
  return {
    rows(x, i0, i1, f, tol, K, out) {
      heap.scratch()
      const rows = i1 - i0
      const px = heap.putRows(x, i0, i1, d),
        pf = heap.put(f, i0, i1),
        prm = heap.alloc(rows),
        pbest = heap.alloc(rows * K),
        pbj = heap.allocBytes(4 * rows * K),
        pcnt = heap.allocBytes(4 * rows),
        psc = heap.allocBytes(32 * rows)
      pool.run('dualCheckF64P', rows, mp * (d + 8), (a, b, slot) => {
        const s = Math.min(slot, slots - 1)
        return [
          px + 8 * a * d,
          b - a,
          pyP,
          mp,
          d,
          power,
          pf + 8 * a,
          pg,
          tol,
          i0 + a,
          prm + 8 * a,
          pcm + 8 * mp * s,
          pca + 8 * mp * s,
          pbest + 8 * a * K,
          pbj + 4 * a * K,
          pcnt + 4 * a,
          K,
          psc + 32 * a,
        ]
      })
      const buf = k.memory.buffer
      out.rowMin.set(new Float64Array(buf, prm, rows))
      out.count.set(new Int32Array(buf, pcnt, rows))
      out.best.set(new Float64Array(buf, pbest, rows * K))
      out.bestJ.set(new Int32Array(buf, pbj, rows * K))
    },
    columns(colMin, colArg) {
      const hh = heap.f64()
      colMin.fill(Infinity)
      colArg.fill(-1)
      for (let s = 0; s < slots; s++) {
        const om = pcm / 8 + mp * s,
          oa = pca / 8 + mp * s
        for (let j = 0; j < m; j++) {
          const v = hh[om + j],
            i = hh[oa + j]
          if (i < 0) continue
          if (v < colMin[j] || (v === colMin[j] && i < colArg[j])) {
            colMin[j] = v
            colArg[j] = i
          }
        }
      }
    },
    dispose: release,
  }
}

/**
 * The dual check's float32 filter (./dual-filter.ts; `dualFilterF32` on the pool): x centred in float32 rows, y in
 * panels of 8 (as `distanceTilesF32`), placed once; per round the thresholds F (n) and G (padded with −∞, so padding
 * columns are never listed). Each block of rows writes its own slice of the output, so any thread count lists the same.
 */
export function dualFilterF32(
  {k, pool, heap}: WasmBackend,
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
): DualFilter {
  const frame = centredF32(x, n, y, m, d)
  const m8 = roundUp8(m)
  const mark = heap.mark()
  const px = heap.allocBytes(4 * n * d),
    pyP = heap.allocBytes(4 * m8 * d),
    pF = heap.allocBytes(4 * n),
    pG = heap.allocBytes(4 * m8)
  const release = heap.keep(mark)
  placeF32(x, n, d, frame.centre, new Float32Array(k.memory.buffer, px, n * d), undefined)
  placeF32(y, m, d, frame.centre, undefined, new Float32Array(k.memory.buffer, pyP, m8 * d))
  return {
    frame,
    usable: dualFilterUsable(frame),
    potentials(f, g) {
      const F = new Float32Array(k.memory.buffer, pF, n),
        G = new Float32Array(k.memory.buffer, pG, m8)
      G.fill(-Infinity, m)
      return dualFilterThresholds(frame, f, n, F) && dualFilterThresholds(frame, g, m, G)
    },
    rows(i0, i1, cap, out, count) {
      heap.scratch()
      const rows = i1 - i0
      const po = heap.allocBytes(4 * rows * cap),
        pc = heap.allocBytes(4 * rows)
      pool.run('dualFilterF32', rows, m8 * d, (a, b) => [
        px + 4 * (i0 + a) * d,
        b - a,
        pyP,
        m8,
        d,
        pF + 4 * (i0 + a),
        pG,
        po + 4 * a * cap,
        cap,
        pc + 4 * a,
      ])
      out.set(new Int32Array(k.memory.buffer, po, rows * cap))
      count.set(new Int32Array(k.memory.buffer, pc, rows))
    },
    dispose: release,
  }
}
