import {existsSync, readFileSync} from 'node:fs'
import {setFlagsFromString} from 'node:v8'
import {centredF32, type DistanceTiles, placeF32} from './distance-f32.js'
import type {DualCheck, Kernels, PairOperator, PairOperatorOptions, Power, ReferenceTiles} from './index.js'
import {createKernelPool} from './pool.js'
import {type QuadraticForms, quadraticFormsBytes} from './quadratic-forms.js'

interface Exports {
  memory: WebAssembly.Memory
  sqDistTile(x: number, rows: number, yT: number, m: number, j0: number, j1: number, d: number, out: number): void
  lseRows(
    x: number,
    rows: number,
    yT: number,
    m: number,
    d: number,
    h: number,
    scale: number,
    power: number,
    out: number,
    scratch: number,
    self: number,
  ): void
  minRows(x: number, rows: number, yT: number, m: number, d: number, h: number, power: number, out: number): void
  gibbsRows(
    x: number,
    rows: number,
    yT: number,
    m: number,
    d: number,
    u: number,
    v: number,
    scale: number,
    power: number,
    mass: number,
    costs: number,
  ): void
  weightedCostRows(
    x: number,
    rows: number,
    yT: number,
    m: number,
    d: number,
    w: number,
    power: number,
    out: number,
  ): void
  projectRows(x: number, rows: number, d: number, dirsT: number, K: number, out: number): void
  tridiagRows(a: number, n: number, i0: number, v: number, w: number, v2: number, p2: number, next: number): void
  choleskyUpdate(a: number, n: number, k: number, g: number): void
  dotRowsF64(
    a: number,
    b: number,
    out: number,
    g0: number,
    g1: number,
    G: number,
    bRows2: number,
    len2: number,
    ldo: number,
    mode: number,
  ): void
  lseRowsF32(
    x: number,
    rows: number,
    yT: number,
    mp: number,
    d: number,
    h: number,
    scale: number,
    power: number,
    shift: number,
    out: number,
    self: number,
    cost: number,
  ): void
  costRowsF32(x: number, rows: number, yT: number, mp: number, d: number, power: number, out: number): void
  lseRowsMixed(
    x: number,
    rows: number,
    yT: number,
    mp: number,
    d: number,
    h: number,
    scale: number,
    power: number,
    shift: number,
    out: number,
    self: number,
    cost: number,
  ): void
  exp4Test(x: number, out: number, count: number): void
  exp2dTest(x: number, out: number, count: number): void
  bracketRowsA(
    x: number,
    rows: number,
    yT: number,
    mp: number,
    d: number,
    power: number,
    g: number,
    u: number,
    v: number,
    s: number,
    ft: number,
    r: number,
    rc: number,
  ): void
  bracketColsB(
    y: number,
    cols: number,
    xT: number,
    np: number,
    d: number,
    power: number,
    ft: number,
    u: number,
    v: number,
    xw: number,
    s: number,
    gt: number,
    cx: number,
  ): void
  bracketRowsC(
    x: number,
    rows: number,
    yT: number,
    mp: number,
    d: number,
    power: number,
    u: number,
    v: number,
    yw: number,
    errC: number,
    s: number,
    sk: number,
    skc: number,
    dot: number,
  ): void
  sqDistTileF32(x: number, rows: number, yP: number, j0: number, j1: number, d: number, out: number, w: number): void
  sqDistTileF64P(x: number, rows: number, yP: number, mp: number, d: number, out: number, w: number): void
  dualCheckF64P(...args: number[]): void
}

/** Where the compiled module may be: beside this file (dist/kernels/) or, when running from src/ (tests), in dist/. */
const CANDIDATES = ['./kernels.wasm', '../../dist/kernels/kernels.wasm']
/** Buffers start above the module's own static data (a few KB with --runtime stub). */
const BASE = 1 << 20

/**
 * Loads the SIMD WebAssembly kernels synchronously (the module is ~10 KB) and wraps them in the TypeScript API: each
 * call copies its operands into linear memory (x rows, y transposed to d×m, the vectors), runs, and copies results
 * back. The copies are O((rows + m)·d), negligible beside the O(rows·m·d) work. Returns undefined when the .wasm has
 * not been built, so the TypeScript twins run instead.
 */
export function loadWasmKernels(): Kernels | undefined {
  const url = CANDIDATES.map((c) => new URL(c, import.meta.url)).find((u) => existsSync(u))
  if (!url || process.env.DIVERGENCE_KERNELS === 'ts') return undefined
  // Compile every kernel with the optimising tier at once: WebAssembly has no on-stack replacement, so a long first
  // call (one bracket pass over 10⁸ pairs) would otherwise run its whole length in the baseline tier, 2–3× slower.
  setFlagsFromString('--no-wasm-dynamic-tiering')
  // One shared memory for the calling thread's instance and the worker threads' (./pool.ts); its maximum is wasm32's
  // 4 GiB, which reserves address space only.
  const memory = new WebAssembly.Memory({initial: 32, maximum: 65536, shared: true})
  const module = new WebAssembly.Module(readFileSync(url))
  const instance = new WebAssembly.Instance(module, {env: {memory}})
  const k = {...(instance.exports as unknown as Exports), memory}
  const pool = createKernelPool(module, memory, instance.exports, PARALLEL_KERNELS)
  // Two regions: prepared operands of live pair operators (a stack from BASE up to `held`), then each call's
  // scratch above `held`, reset at every call.
  let held = BASE
  let top = held
  const grow = (end: number) => {
    const need = end - k.memory.buffer.byteLength
    if (need > 0) k.memory.grow(Math.ceil(need / 65536))
  }
  const allocBytes = (bytes: number): number => {
    const at = top
    top += (bytes + 15) & ~15 || 16
    grow(top)
    return at
  }
  const alloc = (count: number): number => allocBytes(count * 8)
  const live: {base: number; alive: boolean}[] = []
  const heap = () => new Float64Array(k.memory.buffer)
  const put = (src: Float64Array, from = 0, to = src.length): number => {
    const at = alloc(to - from)
    heap().set(src.subarray(from, to), at / 8)
    return at
  }
  const putRows = (x: Float64Array, i0: number, i1: number, d: number) => put(x, i0 * d, i1 * d)
  const putTransposed = (y: Float64Array, m: number, d: number): number => {
    const at = alloc(m * d)
    const h = heap(),
      o = at / 8
    for (let j = 0; j < m; j++) for (let c = 0; c < d; c++) h[o + c * m + j] = y[j * d + c]
    return at
  }
  const putPadded = (src: Float64Array, count: number, pad: number): number => {
    const at = alloc(count)
    const h = heap()
    h.set(src, at / 8)
    h.fill(pad, at / 8 + src.length, at / 8 + count)
    return at
  }
  const putTransposedPadded = (z: Float64Array, rows: number, rowsPadded: number, d: number): number => {
    const at = alloc(rowsPadded * d)
    const h = heap(),
      o = at / 8
    for (let j = 0; j < rows; j++) for (let c = 0; c < d; c++) h[o + c * rowsPadded + j] = z[j * d + c]
    for (let c = 0; c < d; c++) h.fill(0, o + c * rowsPadded + rows, o + (c + 1) * rowsPadded)
    return at
  }
  const take = (at: number, out: Float64Array, count: number) => out.set(heap().subarray(at / 8, at / 8 + count))
  /** Rows i0..i1 of x against all of y with one m-vector: places the operands, runs, copies the i1 − i0 results out. */
  const rowReduce = (
    x: Float64Array,
    i0: number,
    i1: number,
    y: Float64Array,
    m: number,
    d: number,
    vec: Float64Array,
    out: Float64Array,
    run: (px: number, rows: number, py: number, pv: number, po: number) => void,
  ) => {
    top = held
    const px = putRows(x, i0, i1, d),
      py = putTransposed(y, m, d),
      pv = put(vec, 0, m),
      po = alloc(i1 - i0)
    run(px, i1 - i0, py, pv, po)
    take(po, out, i1 - i0)
  }

  const self: Kernels = {
    sqDistTile(x, i0, i1, y, j0, j1, d, out) {
      // References j0..j1 in panels of 4 for the register-blocked kernel (same sums, bit for bit; the transposed
      // layout of `k.sqDistTile` strides m·8 bytes per coordinate and ran 7× slower at d = 64, m = 10⁴).
      top = held
      const w = j1 - j0,
        mp = (w + 3) & ~3,
        rows = i1 - i0
      const px = putRows(x, i0, i1, d),
        pyP = alloc(mp * d),
        po = alloc(rows * mp)
      const h = heap(),
        o = pyP / 8
      h.fill(0, o, o + mp * d)
      for (let j = 0; j < w; j++) {
        const at = o + (j >> 2) * d * 4 + (j & 3),
          src = (j0 + j) * d
        for (let c = 0; c < d; c++) h[at + c * 4] = y[src + c]
      }
      pool.run('sqDistTileF64P', rows, mp * d, (a, b) => [px + 8 * a * d, b - a, pyP, mp, d, po + 8 * a * mp, mp])
      if (mp === w) take(po, out, rows * w)
      else for (let r = 0; r < rows; r++) out.set(h.subarray(po / 8 + r * mp, po / 8 + r * mp + w), r * w)
    },
    lseRowsOfNegScaledDist(x, i0, i1, y, m, d, h, scale, power, out, skipSelf = false) {
      top = held
      const px = putRows(x, i0, i1, d),
        py = putTransposed(y, m, d),
        ph = put(h, 0, m),
        po = alloc(i1 - i0)
      // Each block has its own scratch of four rows (the kernel builds four rows of terms at a time).
      const ps = alloc(4 * m * pool.threads)
      pool.run('lseRows', i1 - i0, m * d, (a, b, t) => [
        px + 8 * a * d,
        b - a,
        py,
        m,
        d,
        ph,
        scale,
        power,
        po + 8 * a,
        ps + 32 * m * t,
        skipSelf ? i0 + a : -1,
      ])
      take(po, out, i1 - i0)
    },
    minRowsOfCostMinus(x, i0, i1, y, m, d, h, power, out) {
      rowReduce(x, i0, i1, y, m, d, h, out, (px, rows, py, ph, po) =>
        pool.run('minRows', rows, m * d, (a, b) => [px + 8 * a * d, b - a, py, m, d, ph, power, po + 8 * a]),
      )
    },
    gibbsRowSums(x, i0, i1, y, m, d, u, v, scale, power, mass, costs) {
      top = held
      const px = putRows(x, i0, i1, d),
        py = putTransposed(y, m, d),
        pu = put(u, i0, i1),
        pv = put(v, 0, m)
      const pm = alloc(i1 - i0),
        pc = alloc(i1 - i0)
      k.gibbsRows(px, i1 - i0, py, m, d, pu, pv, scale, power, pm, pc)
      take(pm, mass, i1 - i0)
      take(pc, costs, i1 - i0)
    },
    weightedCostRows(x, i0, i1, y, m, d, w, power, out) {
      rowReduce(x, i0, i1, y, m, d, w, out, (px, rows, py, pw, po) =>
        k.weightedCostRows(px, rows, py, m, d, pw, power, po),
      )
    },
    symmetricOps() {
      top = held
      return {
        alloc: (count: number) => {
          const at = alloc(count)
          return new Float64Array(k.memory.buffer, at, count).fill(0)
        },
        tridiagRows: (a, n, i0, v, w, v2, p2, next) =>
          k.tridiagRows(a.byteOffset, n, i0, v.byteOffset, w.byteOffset, v2.byteOffset, p2.byteOffset, next ? 1 : 0),
        choleskyUpdate: (a, n, row, g) => k.choleskyUpdate(a.byteOffset, n, row, g.byteOffset + 8 * row * n),
        release: () => {
          top = held
        },
      }
    },
    rowDots(a, aRows, b, bRows, len, out, opts = {}) {
      top = held
      const symmetric = opts.symmetric === true
      const len2 = roundUp2(len),
        G = Math.ceil(aRows / 4),
        bRows2 = roundUp2(bRows)
      // Rows zero-padded to len2 (even: whole f64x2 loads) and to whole groups of four (a) or pairs (b).
      const place = (m: Float64Array, rows: number, rowsPadded: number): number => {
        const at = alloc(rowsPadded * len2)
        const h = heap(),
          o = at / 8
        if (len2 === len) h.set(m.subarray(0, rows * len), o)
        else
          for (let r = 0; r < rows; r++) {
            h.set(m.subarray(r * len, r * len + len), o + r * len2)
            h[o + r * len2 + len] = 0
          }
        h.fill(0, o + rows * len2, o + rowsPadded * len2)
        return at
      }
      const pa = place(a, aRows, G * 4)
      const pb = symmetric ? pa : place(b, bRows, bRows2)
      const ldo = bRows2
      const po = alloc(G * 4 * ldo)
      heap().fill(0, po / 8, po / 8 + G * 4 * ldo)
      const mode = (symmetric ? 1 : 0) | (opts.upperA ? 2 : 0)
      pool.run('dotRowsF64', G * 4, bRows2 * len2, (r0, r1) => [pa, pb, po, r0 / 4, r1 / 4, G, bRows2, len2, ldo, mode])
      const h = heap(),
        o = po / 8
      for (let i = 0; i < aRows; i++) {
        if (symmetric) for (let j = i; j < bRows; j++) out[i * bRows + j] = out[j * bRows + i] = h[o + i * ldo + j]
        else out.set(h.subarray(o + i * ldo, o + i * ldo + bRows), i * bRows)
      }
      top = held
      return out
    },
    projectRows(x, i0, i1, d, dirs, K, out) {
      top = held
      const px = putRows(x, i0, i1, d),
        pd = putTransposed(dirs, K, d),
        po = alloc((i1 - i0) * K)
      k.projectRows(px, i1 - i0, d, pd, K, po)
      take(po, out, (i1 - i0) * K)
    },
    bracketRowsA(x, n, y, m, d, power, g, u, v, s, ft, r, rc) {
      top = held
      const mp = roundUp2(m)
      const px = put(x),
        pyT = putTransposedPadded(y, m, mp, d),
        pg = putPadded(g, mp, -Infinity),
        pu = put(u),
        pv = putPadded(v, mp, -Infinity)
      const pft = alloc(n),
        pr = alloc(n),
        prc = alloc(n)
      pool.run('bracketRowsA', n, mp * d, (a, b) => [
        px + 8 * a * d,
        b - a,
        pyT,
        mp,
        d,
        power,
        pg,
        pu + 8 * a,
        pv,
        s,
        pft + 8 * a,
        pr + 8 * a,
        prc + 8 * a,
      ])
      take(pft, ft, n)
      take(pr, r, n)
      take(prc, rc, n)
    },
    bracketColsB(x, n, y, m, d, power, ft, u, v, xw, s, gt, cx) {
      top = held
      const np = roundUp2(n)
      const py = put(y),
        pxT = putTransposedPadded(x, n, np, d),
        pft = putPadded(ft, np, -Infinity),
        pu = putPadded(u, np, -Infinity),
        pv = put(v),
        pw = putPadded(xw, np, 0)
      const pgt = alloc(m),
        pcx = alloc(m)
      pool.run('bracketColsB', m, np * d, (a, b) => [
        py + 8 * a * d,
        b - a,
        pxT,
        np,
        d,
        power,
        pft,
        pu,
        pv + 8 * a,
        pw,
        s,
        pgt + 8 * a,
        pcx + 8 * a,
      ])
      take(pgt, gt, m)
      take(pcx, cx, m)
    },
    bracketRowsC(x, n, y, m, d, power, u, v, yw, errC, s, sk, skc, dot) {
      top = held
      const mp = roundUp2(m)
      const px = put(x),
        pyT = putTransposedPadded(y, m, mp, d),
        pu = put(u),
        pv = putPadded(v, mp, -Infinity),
        pw = putPadded(yw, mp, 0),
        pe = putPadded(errC, mp, 0)
      const psk = alloc(n),
        pskc = alloc(n),
        pdot = alloc(n)
      pool.run('bracketRowsC', n, mp * d, (a, b) => [
        px + 8 * a * d,
        b - a,
        pyT,
        mp,
        d,
        power,
        pu + 8 * a,
        pv,
        pw,
        pe,
        s,
        psk + 8 * a,
        pskc + 8 * a,
        pdot + 8 * a,
      ])
      take(psk, sk, n)
      take(pskc, skc, n)
      take(pdot, dot, n)
    },
    pairOperator(x, n, y, m, d, power, opts: PairOperatorOptions = {}) {
      if (opts.precision === 'f64') return f64Operator(self, x, n, y, m, d, power)
      return f32Operator(x, n, y, m, d, power, opts.cacheBytes ?? 0)
    },
    setThreads(threads) {
      pool.threads = threads
    },
    workerBlocks: () => pool.workerBlocks,
    distanceTiles(x, n, y, m, d) {
      return distanceTilesF32(x, n, y, m, d)
    },
    referenceTiles(y, m, d) {
      return referenceTilesF64(y, m, d)
    },
    quadraticForms(N) {
      return quadraticFormsTiles(N)
    },
    dualCheck(y, m, d, power, g) {
      return dualCheckF64(y, m, d, power, g)
    },
  }

  /**
   * The float32 pair operator: centres both sets (distances do not change; f32 keeps its 24 bits for the spread,
   * not the offset), rounds them to f32 in both layouts, and when 4·(n·m₈ + m·n₈) bytes fit `cacheBytes`, computes
   * the cost matrix once and its transpose (rows for the f-updates, columns for the g-updates).
   */
  function f32Operator(
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
    top = held
    const base = held
    const px = allocBytes(4 * n * d),
      pxT = allocBytes(4 * d * np),
      py = allocBytes(4 * m * d),
      pyT = allocBytes(4 * d * mp)
    // One set against itself (S_ε's self terms, KDE's own sums): C is symmetric, so its rows serve as its columns.
    const same = x === y && n === m
    const wantCache = 4 * (same ? n * mp : n * mp + m * np)
    const cached = wantCache <= cacheBytes
    const pC = cached ? allocBytes(4 * n * mp) : 0,
      pCT = cached ? allocBytes(4 * m * np) : 0
    held = top
    live.push({base, alive: true})
    const entry = live[live.length - 1]
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
      top = held
      const rows = r1 - r0
      const ph = allocBytes((mixed ? 8 : 4) * bPadded),
        ps = alloc(rows),
        po = alloc(rows)
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
          self.lseRowsOfNegScaledDist(x, i, i + 1, y, m, d, h, scale, power, o, skipSelf),
        )
      },
      lseCols(j0, j1, h, scale, shift, out) {
        run(j0, j1, py, pxT, n, np, pCT, h, scale, shift, out, false, (j, o) =>
          self.lseRowsOfNegScaledDist(y, j, j + 1, x, n, d, h, scale, power, o),
        )
      },
      dispose() {
        entry.alive = false
        while (live.length && !live[live.length - 1].alive) held = live.pop()!.base
        top = held
      },
    }
  }

  /** float32 distance tiles (./distance-f32.ts): x as f32 rows, y in panels of 8, held like a pair operator's operands. */
  function distanceTilesF32(x: Float64Array, n: number, y: Float64Array, m: number, d: number): DistanceTiles {
    const frame = centredF32(x, n, y, m, d)
    top = held
    const base = held
    const px = allocBytes(4 * n * d),
      pyP = allocBytes(4 * roundUp8(m) * d)
    held = top
    live.push({base, alive: true})
    const entry = live[live.length - 1]
    placeF32(x, n, d, frame.centre, new Float32Array(k.memory.buffer, px, n * d), undefined)
    placeF32(y, m, d, frame.centre, undefined, new Float32Array(k.memory.buffer, pyP, roundUp8(m) * d))
    return {
      n,
      m,
      d,
      frame,
      tile(i0, i1, j0, j1) {
        top = held
        const w = roundUp8(j1 - j0)
        const po = allocBytes(4 * (i1 - i0) * w)
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
        return new Float32Array(k.memory.buffer, po, (i1 - i0) * w)
      },
      dispose() {
        entry.alive = false
        while (live.length && !live[live.length - 1].alive) held = live.pop()!.base
        top = held
      },
    }
  }

  /** Prepared float64 references in panels of 4 (`sqDistTileF64P`), held like a pair operator's operands. */
  function referenceTilesF64(y: Float64Array, m: number, d: number): ReferenceTiles {
    const mp = (m + 3) & ~3
    top = held
    const base = held
    const pyP = alloc(mp * d)
    held = top
    live.push({base, alive: true})
    const entry = live[live.length - 1]
    const h = heap(),
      o = pyP / 8
    h.fill(0, o, o + mp * d)
    for (let j = 0; j < m; j++) {
      const at = o + (j >> 2) * d * 4 + (j & 3)
      for (let c = 0; c < d; c++) h[at + c * 4] = y[j * d + c]
    }
    return {
      m,
      d,
      tile(x, i0, i1, out) {
        top = held
        const rows = i1 - i0
        const px = putRows(x, i0, i1, d),
          po = alloc(rows * mp)
        pool.run('sqDistTileF64P', rows, mp * d, (a, b) => [px + 8 * a * d, b - a, pyP, mp, d, po + 8 * a * mp, mp])
        const hh = heap()
        if (mp === m) out.set(hh.subarray(po / 8, po / 8 + rows * m))
        else for (let r = 0; r < rows; r++) out.set(hh.subarray(po / 8 + r * mp, po / 8 + r * mp + m), r * m)
      },
      dispose() {
        entry.alive = false
        while (live.length && !live[live.length - 1].alive) held = live.pop()!.base
        top = held
      },
    }
  }

  /**
   * The upper 128×128 float32 tiles of a symmetric matrix, held like a pair operator's operands, and B quadratic forms
   * at a time by `quadFormsPanels` on the pool (./quadratic-forms.ts; the layout is in assembly/kernels.ts).
   */
  function quadraticFormsTiles(N: number): QuadraticForms {
    const T = 128,
      nt = Math.ceil(N / T),
      Np = nt * T
    const tileIndex = (I: number, J: number) => I * nt - (I * (I - 1)) / 2 + (J - I)
    const bytes = quadraticFormsBytes(N)
    top = held
    const base = held
    const pD = allocBytes(bytes)
    held = top
    live.push({base, alive: true})
    const entry = live[live.length - 1]
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
        top = held
        const pL = allocBytes(4 * nb * Np * 8)
        const L = new Float32Array(k.memory.buffer, pL, nb * Np * 8)
        L.fill(0)
        for (let b = 0; b < B1; b++) {
          const o = (b >> 3) * Np * 8 + (b & 7)
          for (const i of groups[b]) L[o + i * 8] = 1
        }
        // Panels in the order 0, nt−1, 1, nt−2, …: panel I has nt − I tiles, so neighbours pair up to equal work and
        // the pool's contiguous blocks get about the same share.
        const pOrder = allocBytes(4 * nt)
        const order = new Int32Array(k.memory.buffer, pOrder, nt)
        for (let a = 0, lo = 0, hi = nt - 1; a < nt; a++) order[a] = a % 2 === 0 ? lo++ : hi--
        const threads = pool.threads
        const pZ = allocBytes(8 * T * Bp * threads),
          pOut = allocBytes(8 * nt * Bp)
        pool.run('quadFormsPanels', nt, ((nt + 1) / 2) * T * T * nb, (a, b, block) => [
          pD,
          nt,
          pOrder + 4 * a,
          b - a,
          pL,
          nb,
          pZ + 8 * T * Bp * block,
          pOut,
        ])
        const out = new Float64Array(k.memory.buffer, pOut, nt * Bp)
        const result = new Float64Array(B1)
        for (let b = 0; b < B1; b++) {
          let s = 0
          for (let I = 0; I < nt; I++) s += out[I * Bp + b]
          result[b] = s
        }
        top = held
        return result
      },
      dispose() {
        entry.alive = false
        while (live.length && !live[live.length - 1].alive) held = live.pop()!.base
        top = held
      },
    }
  }
  /**
   * The all-pairs dual check (`dualCheckF64P` on the pool): references in panels of 4 and g padded with −∞ (padding
   * columns never win a row minimum nor violate), and per thread slot the running column minima and their rows,
   * merged by `columns` (smaller value, then lower row: the result of one thread scanning rows in order).
   */
  function dualCheckF64(y: Float64Array, m: number, d: number, power: Power, g: Float64Array): DualCheck {
    const mp = (m + 3) & ~3
    const slots = Math.max(1, pool.threads)
    top = held
    const base = held
    const pyP = alloc(mp * d),
      pg = alloc(mp),
      pcm = alloc(mp * slots),
      pca = alloc(mp * slots)
    held = top
    live.push({base, alive: true})
    const entry = live[live.length - 1]
    const h = heap(),
      o = pyP / 8
    h.fill(0, o, o + mp * d)
    for (let j = 0; j < m; j++) {
      const at = o + (j >> 2) * d * 4 + (j & 3)
      for (let c = 0; c < d; c++) h[at + c * 4] = y[j * d + c]
    }
    h.set(g.subarray(0, m), pg / 8)
    h.fill(-Infinity, pg / 8 + m, pg / 8 + mp)
    h.fill(Infinity, pcm / 8, pcm / 8 + mp * slots)
    h.fill(-1, pca / 8, pca / 8 + mp * slots)
    return {
      rows(x, i0, i1, f, tol, K, out) {
        top = held
        const rows = i1 - i0
        const px = putRows(x, i0, i1, d),
          pf = put(f, i0, i1),
          prm = alloc(rows),
          pbest = alloc(rows * K),
          pbj = allocBytes(4 * rows * K),
          pcnt = allocBytes(4 * rows),
          psc = allocBytes(32 * rows)
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
        const hh = heap()
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
      dispose() {
        entry.alive = false
        while (live.length && !live[live.length - 1].alive) held = live.pop()!.base
        top = held
      },
    }
  }
  return self
}

/** The kernels the pool may run on worker threads (each writes one result per row; see ./pool.ts). */
const PARALLEL_KERNELS = [
  'sqDistTile',
  'sqDistTileF64P',
  'sqDistTileF32',
  'lseRows',
  'minRows',
  'lseRowsF32',
  'costRowsF32',
  'lseRowsMixed',
  'bracketRowsA',
  'bracketColsB',
  'bracketRowsC',
  'dotRowsF64',
  'quadFormsPanels',
  'dualCheckF64P',
] as const

const roundUp8 = (v: number) => (v + 7) & ~7
const roundUp2 = (v: number) => (v + 1) & ~1

/** The float64 operator over a backend's row kernels (for runs whose requested precision float32 cannot reach). */
export function f64Operator(
  kern: Pick<Kernels, 'lseRowsOfNegScaledDist'>,
  x: Float64Array,
  n: number,
  y: Float64Array,
  m: number,
  d: number,
  power: Power,
): PairOperator {
  return {
    n,
    m,
    precision: 'f64',
    refine: () => false,
    cachedBytes: 0,
    lseRows(i0, i1, h, scale, _shift, out, skipSelf = false) {
      kern.lseRowsOfNegScaledDist(x, i0, i1, y, m, d, h, scale, power, out, skipSelf)
    },
    lseCols(j0, j1, h, scale, _shift, out) {
      kern.lseRowsOfNegScaledDist(y, j0, j1, x, n, d, h, scale, power, out)
    },
    dispose() {},
  }
}
