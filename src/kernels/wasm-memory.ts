/**
 * The WebAssembly backend's linear memory: the module's exports (the kernels of assembly/kernels.ts, by their wasm
 * signatures: pointers are byte offsets) and the heap that places operands in that memory.
 */
import type {KernelPool} from './pool.js'

/** The compiled module's exports; a new kernel of assembly/kernels.ts adds its line here. */
export interface Exports {
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
  dotTileF64P(
    xD: number,
    r0: number,
    rows: number,
    yP: number,
    j0: number,
    j1: number,
    d: number,
    out: number,
    w: number,
  ): void
  gramTileF32(
    x: number,
    nx: number,
    rows: number,
    yP: number,
    ny: number,
    j0: number,
    j1: number,
    d: number,
    out: number,
    w: number,
    xD: number,
  ): void
  dualCheckF64P(...args: number[]): void
  dualFilterF32(...args: number[]): void
  listTileF32(...args: number[]): void
  packPanels4F64(x: number, n: number, r0: number, rows: number, d: number, dupOut: number, panelOut: number): void
}

/** Buffers start above the module's own static data (a few KB with --runtime stub). */
const BASE = 1 << 20

/**
 * Two regions of linear memory: the prepared operands of live pair operators, tiles and forms (a stack from BASE up
 * to `held`), then each call's scratch above `held`, reset at every call (`scratch()`). Operands are freed in the
 * reverse order of their creation; one freed out of order is kept until those above it are freed too.
 */
export class WasmHeap {
  private held = BASE
  private top = BASE
  private readonly live: {base: number; alive: boolean}[] = []

  constructor(private readonly memory: WebAssembly.Memory) {}

  /** Starts a call: its scratch begins at the top of the held operands. */
  scratch(): void {
    this.top = this.held
  }

  /** `bytes` of scratch (16-byte aligned), growing the memory when needed; returns the byte offset. */
  allocBytes(bytes: number): number {
    const at = this.top
    this.top += (bytes + 15) & ~15 || 16
    const need = this.top - this.memory.buffer.byteLength
    if (need > 0) this.memory.grow(Math.ceil(need / 65536))
    return at
  }

  /** `count` float64s of scratch. */
  alloc(count: number): number {
    return this.allocBytes(count * 8)
  }

  /** The whole memory as float64s (a new view: the buffer changes when the memory grows). */
  f64(): Float64Array {
    return new Float64Array(this.memory.buffer)
  }

  /** Copies src[from..to) into fresh scratch. */
  put(src: Float64Array, from = 0, to = src.length): number {
    const at = this.alloc(to - from)
    this.f64().set(src.subarray(from, to), at / 8)
    return at
  }

  /** Rows i0..i1 of the row-major n×d x. */
  putRows(x: Float64Array, i0: number, i1: number, d: number): number {
    return this.put(x, i0 * d, i1 * d)
  }

  /** y (m×d row-major) transposed to d×m. */
  putTransposed(y: Float64Array, m: number, d: number): number {
    const at = this.alloc(m * d)
    const h = this.f64(),
      o = at / 8
    for (let j = 0; j < m; j++) for (let c = 0; c < d; c++) h[o + c * m + j] = y[j * d + c]
    return at
  }

  /** src followed by `pad` up to `count` entries. */
  putPadded(src: Float64Array, count: number, pad: number): number {
    const at = this.alloc(count)
    const h = this.f64()
    h.set(src, at / 8)
    h.fill(pad, at / 8 + src.length, at / 8 + count)
    return at
  }

  /** z (rows×d) transposed to d×rowsPadded, the padding columns 0. */
  putTransposedPadded(z: Float64Array, rows: number, rowsPadded: number, d: number): number {
    const at = this.alloc(rowsPadded * d)
    const h = this.f64(),
      o = at / 8
    for (let j = 0; j < rows; j++) for (let c = 0; c < d; c++) h[o + c * rowsPadded + j] = z[j * d + c]
    for (let c = 0; c < d; c++) h.fill(0, o + c * rowsPadded + rows, o + (c + 1) * rowsPadded)
    return at
  }

  /**
   * Rows j0..j1 of the row-major y (·×d) in panels of 4 for the register-blocked float64 kernels: row j at panel
   * j >> 2, lane j & 3 (coordinate c at panel offset 4c), the panels padded with zero rows to a multiple of 4.
   */
  putPanels4(y: Float64Array, j0: number, j1: number, d: number): number {
    const w = j1 - j0,
      mp = (w + 3) & ~3
    const at = this.alloc(mp * d)
    const h = this.f64(),
      o = at / 8
    h.fill(0, o, o + mp * d)
    for (let j = 0; j < w; j++) {
      const base = o + (j >> 2) * d * 4 + (j & 3),
        src = (j0 + j) * d
      for (let c = 0; c < d; c++) h[base + c * 4] = y[src + c]
    }
    return at
  }

  /** Copies `count` float64s at byte offset `at` out to `out`. */
  take(at: number, out: Float64Array, count: number): void {
    out.set(this.f64().subarray(at / 8, at / 8 + count))
  }

  /** Starts placing a prepared operand: what is allocated until `keep(mark)` is held. */
  mark(): number {
    this.top = this.held
    return this.held
  }

  /** Holds what was allocated since `mark`; returns its release (the operand's `dispose`). */
  keep(mark: number): () => void {
    this.held = this.top
    const entry = {base: mark, alive: true}
    this.live.push(entry)
    return () => {
      entry.alive = false
      while (this.live.length && !this.live[this.live.length - 1].alive) this.held = this.live.pop()!.base
      this.top = this.held
    }
  }
}

/** What every wrapper of the backend works on: the exports, the worker pool, the heap. */
export interface WasmBackend {
  k: Exports
  pool: KernelPool
  heap: WasmHeap
}
