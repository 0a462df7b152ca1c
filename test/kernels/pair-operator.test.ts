import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {type Kernels, tsKernels, wasmKernels} from '../../src/kernels/index.js'

// The WebAssembly build must exist when tests run (`npm test` builds first).
const wasm = wasmKernels as Kernels

function data(seed: number, len: number, spread = 4): Float64Array {
  let s = seed >>> 0
  return Float64Array.from(
    {length: len},
    () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * spread,
  )
}

/** The raw module, for the exp probes that the API does not expose. */
function rawModule() {
  const bytes = readFileSync(new URL('../../dist/kernels/kernels.wasm', import.meta.url))
  // The module imports its (shared) memory, as src/kernels/wasm.ts provides it.
  const memory = new WebAssembly.Memory({initial: 32, maximum: 65536, shared: true})
  const k = new WebAssembly.Instance(new WebAssembly.Module(bytes), {env: {memory}}).exports as unknown as {
    exp4Test(x: number, out: number, n: number): void
    exp2dTest(x: number, out: number, n: number): void
  }
  return {...k, memory}
}

describe('float32 exp (XNNPACK rr2-p5) and the bracket plan exp', () => {
  it('exp4 is within 3e-7 relative of Math.exp on [−87, 60], 0 below the cutoff and for −∞', () => {
    const k = rawModule()
    const n = 4096,
      base = 1 << 20
    if (k.memory.buffer.byteLength < base + 16 * n) k.memory.grow(64)
    const xs = new Float32Array(k.memory.buffer, base, n)
    for (let i = 0; i < n - 4; i++) xs[i] = -87 + (147 * i) / (n - 5)
    xs.set([-88, -200, -Infinity, 0], n - 4)
    k.exp4Test(base, base + 4 * n, n)
    const out = new Float32Array(k.memory.buffer, base + 4 * n, n)
    for (let i = 0; i < n - 4; i++) {
      const want = Math.exp(xs[i])
      expect(Math.abs(out[i] - want) / want, `x = ${xs[i]}`).toBeLessThanOrEqual(3e-7)
    }
    expect(Array.from(out.subarray(n - 4))).toEqual([0, 0, 0, 1])
  })

  it('the float64 plan exp is within 1e-9 relative of Math.exp on [−700, 5] and 0 below −708', () => {
    const k = rawModule()
    const n = 2048,
      base = 1 << 20
    if (k.memory.buffer.byteLength < base + 16 * n) k.memory.grow(64)
    const xs = new Float64Array(k.memory.buffer, base, n)
    for (let i = 0; i < n - 2; i++) xs[i] = -700 + (705 * i) / (n - 3)
    xs.set([-709, -Infinity], n - 2)
    k.exp2dTest(base, base + 8 * n, n)
    const out = new Float64Array(k.memory.buffer, base + 8 * n, n)
    for (let i = 0; i < n - 2; i++)
      expect(Math.abs(out[i] - Math.exp(xs[i])) / Math.exp(xs[i])).toBeLessThanOrEqual(1e-9)
    expect(Array.from(out.subarray(n - 2))).toEqual([0, 0])
  })
})

// Tolerance of the f32 path against the float64 twin. Each exponent t_ij = h_j − shift − scale·C_ij is formed in f32
// from f32 coordinates: its rounding is a few units of 2⁻²⁴ of the magnitudes involved, ≲ 2⁻²¹·(|h| + |shift| +
// scale·C); exp adds ≲ 2 ulp; the sum is float64 (f32 only inside 16-term partial sums). So the LSE moves by at most
// 2⁻²⁰·(1 + max|h| + |result| + scale·max C). Why it is enough: in Sinkhorn this is ε·2⁻²⁰·(…) ≈ 1e-6 of the largest
// cost per potential, far inside a 1% bracket (and the bracket itself is float64); in a KDE it is ≲ 1e-6 in a
// log-density, far below the estimator's sampling error.
const tolerance = (h: Float64Array, ref: number, scale: number, maxC: number) =>
  2 ** -20 *
  (1 + Math.max(...Array.from(h, (v) => (Number.isFinite(v) ? Math.abs(v) : 0))) + Math.abs(ref) + scale * maxC)

const problem = fc.record({
  n: fc.integer({min: 1, max: 21}),
  m: fc.integer({min: 1, max: 19}),
  d: fc.integer({min: 1, max: 9}),
  seed: fc.integer({min: 1, max: 1e6}),
  power: fc.constantFrom(1 as const, 2 as const),
  scale: fc.double({min: 1e-3, max: 1e4, noNaN: true}),
  offset: fc.constantFrom(0, 1e6),
  shift: fc.constantFrom('none', 'exact', 'far-above', 'far-below'),
  cached: fc.boolean(),
})

describe('pair operator: one-pass f32 vs the float64 twin', () => {
  it('lseRows and lseCols agree within 2⁻²⁰·(1 + max|h| + |LSE| + scale·max C), whatever the shift and cache', () => {
    fc.assert(
      fc.property(problem, ({n, m, d, seed, power, scale, offset, shift, cached}) => {
        // An offset far from 0 checks that the operator centres the sets before rounding to f32.
        const x = data(seed, n * d).map((v) => v + offset),
          y = data(seed + 1, m * d).map((v) => v + offset)
        let maxC = 0
        for (let i = 0; i < n; i++)
          for (let j = 0; j < m; j++) {
            let s = 0
            for (let k = 0; k < d; k++) s += (x[i * d + k] - y[j * d + k]) ** 2
            maxC = Math.max(maxC, power === 2 ? s : Math.sqrt(s))
          }
        const op = wasm.pairOperator(x, n, y, m, d, power, {cacheBytes: cached ? 1 << 20 : 0})
        try {
          expect(op.precision).toBe('f32')
          expect(op.cachedBytes > 0).toBe(cached)
          for (const [count, other, run, twin] of [
            [
              n,
              m,
              (h: Float64Array, s: Float64Array | null, o: Float64Array) => op.lseRows(0, n, h, scale, s, o),
              (h: Float64Array, o: Float64Array) =>
                tsKernels.lseRowsOfNegScaledDist(x, 0, n, y, m, d, h, scale, power, o),
            ],
            [
              m,
              n,
              (h: Float64Array, s: Float64Array | null, o: Float64Array) => op.lseCols(0, m, h, scale, s, o),
              (h: Float64Array, o: Float64Array) =>
                tsKernels.lseRowsOfNegScaledDist(y, 0, m, x, n, d, h, scale, power, o),
            ],
          ] as const) {
            const h = data(seed + 2, other, 20)
            const ref = new Float64Array(count),
              got = new Float64Array(count)
            twin(h, ref)
            const s =
              shift === 'none'
                ? null
                : ref.map((v) => v + (shift === 'far-above' ? 500 : shift === 'far-below' ? -500 : 0))
            run(h, s, got)
            for (let i = 0; i < count; i++)
              expect(Math.abs(got[i] - ref[i]), `${i}: ${got[i]} vs ${ref[i]}`).toBeLessThanOrEqual(
                tolerance(h, ref[i], scale, maxC),
              )
          }
        } finally {
          op.dispose()
        }
      }),
      {numRuns: 150},
    )
  })

  it('leave-one-out (skipSelf) on a set against itself, and −∞ weights, agree with the twin', () => {
    fc.assert(
      fc.property(problem, ({n, d, seed, scale}) => {
        const x = data(seed, n * d)
        const h = data(seed + 3, n, 10)
        if (n > 2) h[1] = -Infinity
        const op = wasm.pairOperator(x, n, x, n, d, 2, {cacheBytes: 1 << 20})
        try {
          for (const [i0, i1] of [
            [0, n],
            [Math.floor(n / 2), n],
          ]) {
            const ref = new Float64Array(i1 - i0),
              got = new Float64Array(i1 - i0)
            tsKernels.lseRowsOfNegScaledDist(x, i0, i1, x, n, d, h, scale, 2, ref, true)
            op.lseRows(i0, i1, h, scale, null, got, true)
            for (let i = 0; i < ref.length; i++) {
              if (ref[i] === -Infinity) expect(got[i]).toBe(-Infinity)
              else expect(Math.abs(got[i] - ref[i])).toBeLessThanOrEqual(tolerance(h, ref[i], scale, 16))
            }
          }
        } finally {
          op.dispose()
        }
      }),
      {numRuns: 100},
    )
  })

  it('mixed exponents (refine) stay within 2⁻²⁰·(8 + scale·max C) of the twin when |h| is large, leave-one-out included', () => {
    // The mixed path forms h_j − shift − scale·C_ij in float64, so the size of h (≈ g/ε, up to 1e4 and more at the end
    // of ε-scaling) no longer enters the tolerance: only C's f32 rounding (2⁻²¹·scale·C with the f32 distance) and the
    // rounding of an exponent in [−87, 60] to f32 (≤ 4e-6 = 2⁻²⁰·4) do.
    fc.assert(
      fc.property(problem, ({n, m, d, seed, power, scale, offset, shift, cached}) => {
        const x = data(seed, n * d).map((v) => v + offset),
          y = data(seed + 1, m * d).map((v) => v + offset)
        let maxC = 0
        for (let i = 0; i < n; i++)
          for (let j = 0; j < m; j++) {
            let s = 0
            for (let k = 0; k < d; k++) s += (x[i * d + k] - y[j * d + k]) ** 2
            maxC = Math.max(maxC, power === 2 ? s : Math.sqrt(s))
          }
        const op = wasm.pairOperator(x, n, y, m, d, power, {cacheBytes: cached ? 1 << 20 : 0})
        const self = wasm.pairOperator(x, n, x, n, d, power, {cacheBytes: cached ? 1 << 20 : 0})
        try {
          expect(op.refine()).toBe(true)
          expect(op.refine()).toBe(false)
          expect(op.precision).toBe('mixed')
          self.refine()
          // h of size 1e4 plus a spread of 20: what f32 cannot represent to better than ~1e-3.
          const h = data(seed + 2, m, 20).map((v) => v + 1e4)
          const ref = new Float64Array(n),
            got = new Float64Array(n)
          tsKernels.lseRowsOfNegScaledDist(x, 0, n, y, m, d, h, scale, power, ref)
          const s =
            shift === 'none'
              ? null
              : ref.map((v) => v + (shift === 'far-above' ? 500 : shift === 'far-below' ? -500 : 0))
          op.lseRows(0, n, h, scale, s, got)
          for (let i = 0; i < n; i++)
            expect(Math.abs(got[i] - ref[i]), `${i}: ${got[i]} vs ${ref[i]}`).toBeLessThanOrEqual(
              2 ** -20 * (8 + scale * maxC),
            )
          const hx = data(seed + 3, n, 20).map((v) => v - 1e4)
          const refCols = new Float64Array(m),
            gotCols = new Float64Array(m)
          tsKernels.lseRowsOfNegScaledDist(y, 0, m, x, n, d, hx, scale, power, refCols)
          op.lseCols(0, m, hx, scale, null, gotCols)
          for (let j = 0; j < m; j++)
            expect(Math.abs(gotCols[j] - refCols[j])).toBeLessThanOrEqual(2 ** -20 * (8 + scale * maxC))
          const refSelf = new Float64Array(n),
            gotSelf = new Float64Array(n)
          tsKernels.lseRowsOfNegScaledDist(x, 0, n, x, n, d, hx, scale, power, refSelf, true)
          self.lseRows(0, n, hx, scale, null, gotSelf, true)
          for (let i = 0; i < n; i++) {
            if (refSelf[i] === -Infinity) expect(gotSelf[i]).toBe(-Infinity)
            else expect(Math.abs(gotSelf[i] - refSelf[i])).toBeLessThanOrEqual(2 ** -20 * (8 + 4 * scale * maxC))
          }
        } finally {
          self.dispose()
          op.dispose()
        }
      }),
      {numRuns: 150},
    )
  })

  it('the cached cost matrix gives the same bits as computing costs on the fly', () => {
    const n = 37,
      m = 29,
      d = 5
    const x = data(11, n * d),
      y = data(12, m * d),
      h = data(13, m, 8),
      hc = data(14, n, 8)
    for (const power of [1, 2] as const) {
      const a = wasm.pairOperator(x, n, y, m, d, power, {cacheBytes: 0})
      const b = wasm.pairOperator(x, n, y, m, d, power, {cacheBytes: 1 << 20})
      const ra = new Float64Array(n),
        rb = new Float64Array(n),
        ca = new Float64Array(m),
        cb = new Float64Array(m)
      a.lseRows(0, n, h, 3, null, ra)
      b.lseRows(0, n, h, 3, null, rb)
      a.lseCols(0, m, hc, 3, null, ca)
      b.lseCols(0, m, hc, 3, null, cb)
      b.dispose()
      a.dispose()
      expect(rb).toEqual(ra)
      expect(cb).toEqual(ca)
    }
  })

  it('stays finite where every f32 term underflows (scale = 1e12) and matches the twin', () => {
    const x = data(7, 20),
      y = data(8, 30),
      h = new Float64Array(15)
    const op = wasm.pairOperator(x, 10, y, 15, 2, 1)
    const a = new Float64Array(10),
      b = new Float64Array(10)
    tsKernels.lseRowsOfNegScaledDist(x, 0, 10, y, 15, 2, h, 1e12, 1, a)
    op.lseRows(0, 10, h, 1e12, null, b)
    op.dispose()
    expect(b.every(Number.isFinite)).toBe(true)
    for (let i = 0; i < 10; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(2 ** -20 * (1 + Math.abs(a[i])))
  })
})

describe('bracket passes: WebAssembly (polynomial plan exp) = twin (Math.exp) within 1e-9', () => {
  it('A, B and C agree; the minima (c-transforms) agree bit for bit', () => {
    fc.assert(
      fc.property(problem, ({n, m, d, seed, power}) => {
        const x = data(seed, n * d),
          y = data(seed + 1, m * d)
        const g = data(seed + 2, m),
          u = data(seed + 3, n),
          v = data(seed + 4, m),
          s = 3
        const run = (k: Kernels) => {
          const ft = new Float64Array(n),
            r = new Float64Array(n),
            rc = new Float64Array(n),
            gt = new Float64Array(m),
            cx = new Float64Array(m)
          const sk = new Float64Array(n),
            skc = new Float64Array(n),
            dot = new Float64Array(n)
          k.bracketRowsA(x, n, y, m, d, power, g, u, v, s, ft, r, rc)
          k.bracketColsB(
            x,
            n,
            y,
            m,
            d,
            power,
            ft,
            u,
            v,
            r.map((t) => Math.min(1, 1 / t)),
            s,
            gt,
            cx,
          )
          k.bracketRowsC(
            x,
            n,
            y,
            m,
            d,
            power,
            u,
            v,
            cx.map((t) => Math.min(1, 1 / t)),
            g.map(Math.abs),
            s,
            sk,
            skc,
            dot,
          )
          return {ft, gt, sums: [r, rc, cx, sk, skc, dot]}
        }
        const a = run(tsKernels),
          b = run(wasm)
        expect(b.ft).toEqual(a.ft)
        expect(b.gt).toEqual(a.gt)
        a.sums.forEach((arr, k) =>
          arr.forEach((val, i) =>
            expect(Math.abs(b.sums[k][i] - val)).toBeLessThanOrEqual(1e-9 * Math.abs(val) + 1e-300),
          ),
        )
      }),
      {numRuns: 100},
    )
  })
})
