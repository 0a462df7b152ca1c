import {existsSync, readFileSync} from 'node:fs'
import {setFlagsFromString} from 'node:v8'
import {createKernelPool} from './pool.js'
import type {Kernels, PairOperator, PairOperatorOptions, Power} from './types.js'
import {type Exports, type WasmBackend, WasmHeap} from './wasm-memory.js'
import {
  distanceTilesF32,
  dotTilesF64,
  dualCheckF64,
  dualFilterF32,
  f32Operator,
  gramTilesF32,
  quadraticFormsTiles,
  referenceTilesF64,
} from './wasm-operands.js'

/** Where the compiled module may be: beside this file (dist/kernels/) or, when running from src/ (tests), in dist/. */
const CANDIDATES = ['./kernels.wasm', '../../dist/kernels/kernels.wasm']

/**
 * Loads the SIMD WebAssembly kernels synchronously (the module is ~10 KB) and wraps them in the TypeScript API: each
 * call copies its operands into linear memory (x rows, y transposed to d×m, the vectors), runs, and copies results
 * back. The copies are O((rows + m)·d), negligible beside the O(rows·m·d) work. Returns undefined when the .wasm has
 * not been built, so the TypeScript twins run instead. The steps: instantiate the module with its worker pool, then
 * the wrappers by family (row kernels, the bracket's passes, the prepared operands of ./wasm-operands.ts).
 */
export function loadWasmKernels(): Kernels | undefined {
  const url = CANDIDATES.map((c) => new URL(c, import.meta.url)).find((u) => existsSync(u))
  if (!url || process.env.DIVERGENCE_KERNELS === 'ts') return undefined
  const backend = instantiate(url)
  const {pool} = backend
  const self: Kernels = {
    ...rowKernels(backend),
    ...bracketKernels(backend),
    pairOperator(x, n, y, m, d, power, opts: PairOperatorOptions = {}) {
      if (opts.precision === 'f64') return f64Operator(self, x, n, y, m, d, power)
      return f32Operator(backend, self.lseRowsOfNegScaledDist, x, n, y, m, d, power, opts.cacheBytes ?? 0)
    },
    setThreads(threads, startAfterPairs = 0) {
      pool.threads = threads
      pool.startAfterPairs = startAfterPairs
    },
    workerBlocks: () => pool.workerBlocks,
    distanceTiles(x, n, y, m, d) {
      return distanceTilesF32(backend, x, n, y, m, d)
    },
    referenceTiles(y, m, d) {
      return referenceTilesF64(backend, y, m, d)
    },
    quadraticForms(N) {
      return quadraticFormsTiles(backend, N)
    },
    gramTiles(x, n, y, m, d) {
      return gramTilesF32(backend, x, n, y, m, d)
    },
    dotTiles(x, n, y, m, d) {
      return dotTilesF64(backend, x, n, y, m, d)
    },
    dualCheck(y, m, d, power, g) {
      return dualCheckF64(backend, y, m, d, power, g)
    },
    dualFilter(x, n, y, m, d) {
      return dualFilterF32(backend, x, n, y, m, d)
    },
  }
  return self
}

/** The module compiled and instantiated on one shared memory, its worker pool, and the heap over that memory. */
function instantiate(url: URL): WasmBackend {
  // Compile every kernel with the optimising tier at once: WebAssembly has no on-stack replacement, so a long first
  // call (one bracket pass over 10⁸ pairs) would otherwise run its whole length in the baseline tier, 2–3× slower.
  setFlagsFromString('--no-wasm-dynamic-tiering')
  // Node 20's V8 (11.3) also compiles lazily: without this, each function's first call still ran in the baseline
  // tier — the energy test's one 35 s call of quadFormsPanels at 3.4× the optimised time (bench/RESULTS.md "Session
  // 27"). Compiling the whole module at once costs nothing measurable (importing the kernels: 31–34 ms either way).
  setFlagsFromString('--no-wasm-lazy-compilation')
  // One shared memory for the calling thread's instance and the worker threads' (./pool.ts); its maximum is wasm32's
  // 4 GiB, which reserves address space only.
  const memory = new WebAssembly.Memory({initial: 32, maximum: 65536, shared: true})
  const module = new WebAssembly.Module(readFileSync(url))
  const instance = new WebAssembly.Instance(module, {env: {memory}})
  const k: Exports = {...(instance.exports as unknown as Exports), memory}
  return {k, pool: createKernelPool(module, memory, instance.exports, PARALLEL_KERNELS), heap: new WasmHeap(memory)}
}

type RowKernels =
  | 'sqDistTile'
  | 'lseRowsOfNegScaledDist'
  | 'minRowsOfCostMinus'
  | 'gibbsRowSums'
  | 'weightedCostRows'
  | 'symmetricOps'
  | 'rowDots'
  | 'projectRows'

/** The row kernels: rows i0..i1 of x against all of y (or the rows of A against those of B), one call at a time. */
function rowKernels({k, pool, heap}: WasmBackend): Pick<Kernels, RowKernels> {
  return {
    sqDistTile(x, i0, i1, y, j0, j1, d, out) {
      // References j0..j1 in panels of 4 for the register-blocked kernel (same sums, bit for bit; the transposed
      // layout of `k.sqDistTile` strides m·8 bytes per coordinate and ran 7× slower at d = 64, m = 10⁴).
      heap.scratch()
      const w = j1 - j0,
        mp = (w + 3) & ~3,
        rows = i1 - i0
      const px = heap.putRows(x, i0, i1, d),
        pyP = heap.putPanels4(y, j0, j1, d),
        po = heap.alloc(rows * mp)
      pool.run('sqDistTileF64P', rows, mp * d, (a, b) => [px + 8 * a * d, b - a, pyP, mp, d, po + 8 * a * mp, mp])
      if (mp === w) heap.take(po, out, rows * w)
      else {
        const h = heap.f64()
        for (let r = 0; r < rows; r++) out.set(h.subarray(po / 8 + r * mp, po / 8 + r * mp + w), r * w)
      }
    },
    lseRowsOfNegScaledDist(x, i0, i1, y, m, d, h, scale, power, out, skipSelf = false) {
      heap.scratch()
      const px = heap.putRows(x, i0, i1, d),
        py = heap.putTransposed(y, m, d),
        ph = heap.put(h, 0, m),
        po = heap.alloc(i1 - i0)
      // Each block has its own scratch of four rows (the kernel builds four rows of terms at a time).
      const ps = heap.alloc(4 * m * pool.threads)
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
      heap.take(po, out, i1 - i0)
    },
    minRowsOfCostMinus(x, i0, i1, y, m, d, h, power, out) {
      rowReduce(heap, x, i0, i1, y, m, d, h, out, (px, rows, py, ph, po) =>
        pool.run('minRows', rows, m * d, (a, b) => [px + 8 * a * d, b - a, py, m, d, ph, power, po + 8 * a]),
      )
    },
    gibbsRowSums(x, i0, i1, y, m, d, u, v, scale, power, mass, costs) {
      heap.scratch()
      const px = heap.putRows(x, i0, i1, d),
        py = heap.putTransposed(y, m, d),
        pu = heap.put(u, i0, i1),
        pv = heap.put(v, 0, m)
      const pm = heap.alloc(i1 - i0),
        pc = heap.alloc(i1 - i0)
      k.gibbsRows(px, i1 - i0, py, m, d, pu, pv, scale, power, pm, pc)
      heap.take(pm, mass, i1 - i0)
      heap.take(pc, costs, i1 - i0)
    },
    weightedCostRows(x, i0, i1, y, m, d, w, power, out) {
      rowReduce(heap, x, i0, i1, y, m, d, w, out, (px, rows, py, pw, po) =>
        k.weightedCostRows(px, rows, py, m, d, pw, power, po),
      )
    },
    symmetricOps() {
      heap.scratch()
      return {
        alloc: (count: number) => {
          const at = heap.alloc(count)
          return new Float64Array(k.memory.buffer, at, count).fill(0)
        },
        tridiagRows: (a, n, i0, v, w, v2, p2, next) =>
          k.tridiagRows(a.byteOffset, n, i0, v.byteOffset, w.byteOffset, v2.byteOffset, p2.byteOffset, next ? 1 : 0),
        choleskyUpdate: (a, n, row, g) => k.choleskyUpdate(a.byteOffset, n, row, g.byteOffset + 8 * row * n),
        release: () => {
          heap.scratch()
        },
      }
    },
    rowDots(a, aRows, b, bRows, len, out, opts = {}) {
      heap.scratch()
      const symmetric = opts.symmetric === true
      const len2 = roundUp2(len),
        G = Math.ceil(aRows / 4),
        bRows2 = roundUp2(bRows)
      // Rows zero-padded to len2 (even: whole f64x2 loads) and to whole groups of four (a) or pairs (b).
      const place = (m: Float64Array, rows: number, rowsPadded: number): number => {
        const at = heap.alloc(rowsPadded * len2)
        const h = heap.f64(),
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
      const po = heap.alloc(G * 4 * ldo)
      heap.f64().fill(0, po / 8, po / 8 + G * 4 * ldo)
      const mode = (symmetric ? 1 : 0) | (opts.upperA ? 2 : 0)
      pool.run('dotRowsF64', G * 4, bRows2 * len2, (r0, r1) => [pa, pb, po, r0 / 4, r1 / 4, G, bRows2, len2, ldo, mode])
      const h = heap.f64(),
        o = po / 8
      for (let i = 0; i < aRows; i++) {
        if (symmetric) for (let j = i; j < bRows; j++) out[i * bRows + j] = out[j * bRows + i] = h[o + i * ldo + j]
        else out.set(h.subarray(o + i * ldo, o + i * ldo + bRows), i * bRows)
      }
      heap.scratch()
      return out
    },
    projectRows(x, i0, i1, d, dirs, K, out) {
      heap.scratch()
      const px = heap.putRows(x, i0, i1, d),
        pd = heap.putTransposed(dirs, K, d),
        po = heap.alloc((i1 - i0) * K)
      k.projectRows(px, i1 - i0, d, pd, K, po)
      heap.take(po, out, (i1 - i0) * K)
    },
  }
}

/** The certified bracket's three fused passes (src/core/ot/sinkhorn.ts certifiedBracket; ./index.ts). */
function bracketKernels({pool, heap}: WasmBackend): Pick<Kernels, 'bracketRowsA' | 'bracketColsB' | 'bracketRowsC'> {
  return {
    bracketRowsA(x, n, y, m, d, power, g, u, v, s, ft, r, rc) {
      heap.scratch()
      const mp = roundUp2(m)
      const px = heap.put(x),
        pyT = heap.putTransposedPadded(y, m, mp, d),
        pg = heap.putPadded(g, mp, -Infinity),
        pu = heap.put(u),
        pv = heap.putPadded(v, mp, -Infinity)
      const pft = heap.alloc(n),
        pr = heap.alloc(n),
        prc = heap.alloc(n)
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
      heap.take(pft, ft, n)
      heap.take(pr, r, n)
      heap.take(prc, rc, n)
    },
    bracketColsB(x, n, y, m, d, power, ft, u, v, xw, s, gt, cx) {
      heap.scratch()
      const np = roundUp2(n)
      const py = heap.put(y),
        pxT = heap.putTransposedPadded(x, n, np, d),
        pft = heap.putPadded(ft, np, -Infinity),
        pu = heap.putPadded(u, np, -Infinity),
        pv = heap.put(v),
        pw = heap.putPadded(xw, np, 0)
      const pgt = heap.alloc(m),
        pcx = heap.alloc(m)
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
      heap.take(pgt, gt, m)
      heap.take(pcx, cx, m)
    },
    bracketRowsC(x, n, y, m, d, power, u, v, yw, errC, s, sk, skc, dot) {
      heap.scratch()
      const mp = roundUp2(m)
      const px = heap.put(x),
        pyT = heap.putTransposedPadded(y, m, mp, d),
        pu = heap.put(u),
        pv = heap.putPadded(v, mp, -Infinity),
        pw = heap.putPadded(yw, mp, 0),
        pe = heap.putPadded(errC, mp, 0)
      const psk = heap.alloc(n),
        pskc = heap.alloc(n),
        pdot = heap.alloc(n)
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
      heap.take(psk, sk, n)
      heap.take(pskc, skc, n)
      heap.take(pdot, dot, n)
    },
  }
}

/** Rows i0..i1 of x against all of y with one m-vector: places the operands, runs, copies the i1 − i0 results out. */
function rowReduce(
  heap: WasmHeap,
  x: Float64Array,
  i0: number,
  i1: number,
  y: Float64Array,
  m: number,
  d: number,
  vec: Float64Array,
  out: Float64Array,
  run: (px: number, rows: number, py: number, pv: number, po: number) => void,
) {
  heap.scratch()
  const px = heap.putRows(x, i0, i1, d),
    py = heap.putTransposed(y, m, d),
    pv = heap.put(vec, 0, m),
    po = heap.alloc(i1 - i0)
  run(px, i1 - i0, py, pv, po)
  heap.take(po, out, i1 - i0)
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
  'gramTileF32',
  'dotTileF64P',
  'dualCheckF64P',
  'packPanels4F64',
  'dualFilterF32',
  'listTileF32',
] as const

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
