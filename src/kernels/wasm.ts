import {existsSync, readFileSync} from 'node:fs'
import type {Kernels} from './index.js'

interface Exports {
  memory: WebAssembly.Memory
  sqDistTile(x: number, rows: number, yT: number, m: number, j0: number, j1: number, d: number, out: number): void
  lseRows(x: number, rows: number, yT: number, m: number, d: number, h: number, scale: number, power: number, out: number, scratch: number, self: number): void
  minRows(x: number, rows: number, yT: number, m: number, d: number, h: number, power: number, out: number): void
  gibbsRows(x: number, rows: number, yT: number, m: number, d: number, u: number, v: number, scale: number, power: number, mass: number, costs: number): void
  weightedCostRows(x: number, rows: number, yT: number, m: number, d: number, w: number, power: number, out: number): void
  projectRows(x: number, rows: number, d: number, dirsT: number, K: number, out: number): void
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
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(url)), {})
  const k = instance.exports as unknown as Exports
  let top = BASE
  const alloc = (count: number): number => {
    const at = top
    top += ((count * 8 + 15) & ~15) || 16
    const need = top - k.memory.buffer.byteLength
    if (need > 0) k.memory.grow(Math.ceil(need / 65536))
    return at
  }
  const heap = () => new Float64Array(k.memory.buffer)
  const put = (src: Float64Array, from = 0, to = src.length): number => {
    const at = alloc(to - from)
    heap().set(src.subarray(from, to), at / 8)
    return at
  }
  const putRows = (x: Float64Array, i0: number, i1: number, d: number) => put(x, i0 * d, i1 * d)
  const putTransposed = (y: Float64Array, m: number, d: number): number => {
    const at = alloc(m * d)
    const h = heap(), o = at / 8
    for (let j = 0; j < m; j++) for (let c = 0; c < d; c++) h[o + c * m + j] = y[j * d + c]
    return at
  }
  const take = (at: number, out: Float64Array, count: number) => out.set(heap().subarray(at / 8, at / 8 + count))
  /** Rows i0..i1 of x against all of y with one m-vector: places the operands, runs, copies the i1 − i0 results out. */
  const rowReduce = (x: Float64Array, i0: number, i1: number, y: Float64Array, m: number, d: number, vec: Float64Array, out: Float64Array,
    run: (px: number, rows: number, py: number, pv: number, po: number) => void) => {
    top = BASE
    const px = putRows(x, i0, i1, d), py = putTransposed(y, m, d), pv = put(vec, 0, m), po = alloc(i1 - i0)
    run(px, i1 - i0, py, pv, po)
    take(po, out, i1 - i0)
  }

  return {
    sqDistTile(x, i0, i1, y, j0, j1, d, out) {
      top = BASE
      const m = y.length / d
      const px = putRows(x, i0, i1, d), py = putTransposed(y, m, d), po = alloc((i1 - i0) * (j1 - j0))
      k.sqDistTile(px, i1 - i0, py, m, j0, j1, d, po)
      take(po, out, (i1 - i0) * (j1 - j0))
    },
    lseRowsOfNegScaledDist(x, i0, i1, y, m, d, h, scale, power, out, skipSelf = false) {
      top = BASE
      const px = putRows(x, i0, i1, d), py = putTransposed(y, m, d), ph = put(h, 0, m), po = alloc(i1 - i0), ps = alloc(4 * m)
      k.lseRows(px, i1 - i0, py, m, d, ph, scale, power, po, ps, skipSelf ? i0 : -1)
      take(po, out, i1 - i0)
    },
    minRowsOfCostMinus(x, i0, i1, y, m, d, h, power, out) {
      rowReduce(x, i0, i1, y, m, d, h, out, (px, rows, py, ph, po) => k.minRows(px, rows, py, m, d, ph, power, po))
    },
    gibbsRowSums(x, i0, i1, y, m, d, u, v, scale, power, mass, costs) {
      top = BASE
      const px = putRows(x, i0, i1, d), py = putTransposed(y, m, d), pu = put(u, i0, i1), pv = put(v, 0, m)
      const pm = alloc(i1 - i0), pc = alloc(i1 - i0)
      k.gibbsRows(px, i1 - i0, py, m, d, pu, pv, scale, power, pm, pc)
      take(pm, mass, i1 - i0)
      take(pc, costs, i1 - i0)
    },
    weightedCostRows(x, i0, i1, y, m, d, w, power, out) {
      rowReduce(x, i0, i1, y, m, d, w, out, (px, rows, py, pw, po) => k.weightedCostRows(px, rows, py, m, d, pw, power, po))
    },
    projectRows(x, i0, i1, d, dirs, K, out) {
      top = BASE
      const px = putRows(x, i0, i1, d), pd = putTransposed(dirs, K, d), po = alloc((i1 - i0) * K)
      k.projectRows(px, i1 - i0, d, pd, K, po)
      take(po, out, (i1 - i0) * K)
    },
  }
}
