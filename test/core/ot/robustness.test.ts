import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {computeW1, type W1Options} from '../../../src/core/ot/w1.js'
import {flatSet, shiftedGaussian} from '../../helpers/sets.js'

const opts = (method: W1Options['method'], extra: Partial<W1Options> = {}): W1Options => ({
  method,
  gap: 0.01,
  maxIter: 3000,
  projections: 30,
  seed: 1,
  ...extra,
})
const set = flatSet
const gaussian = shiftedGaussian

describe('W1 robustness', () => {
  it('identical sets (rows permuted) give exactly 0 with every method', async () => {
    const p = gaussian(1, 25, 3)
    const rows = Array.from({length: 25}, (_, i) => 24 - i)
    const q = set(
      rows.flatMap((i) => Array.from(p.data.subarray(i * 3, i * 3 + 3))),
      3,
    )
    for (const m of ['exact', 'sinkhorn', 'sliced'] as const) {
      const r = await computeW1(p, q, opts(m))
      expect([r.value, r.lower, r.upper], m).toEqual([0, 0, 0])
    }
  })

  it('Sinkhorn at ε = 1e-6 × diameter stays finite and its bracket holds the exact value', async () => {
    const p = gaussian(2, 20, 2),
      q = gaussian(3, 15, 2, 1)
    const exact = (await computeW1(p, q, opts('exact'))).value
    const s = await computeW1(p, q, opts('sinkhorn', {epsilon: 1e-6, maxIter: 400, gap: 1e-3}))
    for (const v of [s.value, s.lower, s.upper!, s.planCost!, s.epsilon!, s.marginalError!, s.sinkhornDivergence!])
      expect(Number.isFinite(v)).toBe(true)
    expect(s.lower).toBeLessThanOrEqual(exact)
    expect(s.upper!).toBeGreaterThanOrEqual(exact)
  })

  it('duplicate points and zero distances: a set against its own duplicated copy is 0 apart; two Diracs are ‖t‖ apart', async () => {
    const p = set([1, 1, 1, 1, 2, 2], 2)
    const q = set([1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 1, 1], 2)
    // P = ⅔δ(1,1) + ⅓δ(2,2) and Q = ⅔δ(1,1) + ⅓δ(2,2): the same measure with different multiplicities.
    expect((await computeW1(p, q, opts('exact'))).value).toBeCloseTo(0, 15)
    const dirac = await computeW1(set([0, 0, 0, 0], 2), set([3, 4, 3, 4, 3, 4], 2), opts('auto'))
    expect(dirac.value).toBeCloseTo(5, 14)
  })

  it('weights that do not sum to 1 are normalised (2:1:1 is ½:¼:¼)', async () => {
    const p = set([0, 0], 2)
    const raw = await computeW1(p, set([3, 4, 6, 8, 0, 1], 2, [2, 1, 1]), opts('exact'))
    expect(raw.value).toBeCloseTo(0.5 * 5 + 0.25 * 10 + 0.25 * 1, 12)
  })

  it('Sinkhorn W2 of a translation: the bracket contains ‖t‖ and the value is within the gap', async () => {
    const p = gaussian(4, 40, 2)
    const q = set(
      Array.from(p.data, (v, i) => v + (i % 2 === 0 ? 0.3 : 0.4)),
      2,
    )
    const s = await computeW1(p, q, opts('sinkhorn', {p: 2, gap: 0.01}))
    expect(s.p).toBe(2)
    expect(s.lower).toBeLessThanOrEqual(0.5 + 1e-12)
    expect(s.upper!).toBeGreaterThanOrEqual(0.5 - 1e-12)
    expect(Math.abs(s.value - 0.5)).toBeLessThanOrEqual(0.01 * 0.5)
  })

  // The WebAssembly iterations run in float32 (src/kernels), the twins in float64, so the runs differ in their last
  // digits and may stop at different iterations; both brackets are certified and must contain the exact value.
  it('the WebAssembly kernels and the TypeScript twins both bracket the exact W1 and agree within the gap', async () => {
    const {setKernelBackend} = await import('../../../src/kernels/index.js')
    const p = gaussian(5, 30, 3),
      q = gaussian(6, 25, 3, 0.5)
    try {
      const exact = (await computeW1(p, q, opts('exact'))).value
      setKernelBackend('ts')
      const t = await computeW1(p, q, opts('sinkhorn'))
      setKernelBackend('wasm')
      const w = await computeW1(p, q, opts('sinkhorn'))
      for (const r of [t, w]) {
        expect(r.lower).toBeLessThanOrEqual(exact)
        expect(r.upper!).toBeGreaterThanOrEqual(exact)
      }
      expect(Math.abs(w.value - t.value)).toBeLessThanOrEqual(0.01 * t.value)
    } finally {
      setKernelBackend('wasm')
    }
  })
})

describe('the two exact solvers agree', () => {
  it('Hungarian assignment (n = m, uniform) = successive shortest paths on the same problems', async () => {
    const {assignmentCost} = await import('../../../src/core/ot/assignment.js')
    const {exactTransport} = await import('./reference/ssp.js')
    const {groundCost} = await import('./reference/ground-cost.js')
    for (const [seed, n, d, power] of [
      [1, 7, 2, 1],
      [2, 30, 3, 1],
      [3, 25, 1, 2],
      [4, 40, 5, 2],
    ] as const) {
      const p = gaussian(seed, n, d),
        q = gaussian(seed + 100, n, d, 0.4)
      const hungarian = assignmentCost(p.data, q.data, n, d, power)
      const ssp = exactTransport({
        a: new Float64Array(n).fill(n),
        b: new Float64Array(n).fill(n),
        integral: true,
        cost: (i, j) => groundCost(p.data, i, q.data, j, d, power),
      }).cost
      expect(Math.abs(hungarian - ssp)).toBeLessThanOrEqual(1e-12 * ssp)
    }
  })
})

describe('debiased Sinkhorn divergence', () => {
  it('the symmetric self-transport OT_ε(P,P) equals the general Sinkhorn dual value at the same ε', async () => {
    const {selfTransport} = await import('../../../src/core/ot/debias.js')
    const {sinkhorn} = await import('../../../src/core/ot/sinkhorn.js')
    const p = gaussian(21, 40, 2)
    const a = new Float64Array(40).fill(1 / 40)
    for (const eps of [0.5, 0.05]) {
      const {value: sym, converged} = selfTransport(p.data, 40, 2, a, 1, 8, eps)
      expect(converged).toBe(true)
      const general = sinkhorn(
        {x: p.data, n: 40, y: p.data, m: 40, d: 2, a, b: a, power: 1},
        {epsilon: eps, epsilonStart: eps, gap: 0.01, maxIter: 3000, certify: false},
      )
      expect(Math.abs(sym - general.dualValue)).toBeLessThanOrEqual(1e-6 * Math.abs(general.dualValue))
    }
  })

  it('the self-transport says when it stops at its iteration cap instead of settling', async () => {
    const {selfTransport} = await import('../../../src/core/ot/debias.js')
    const p = gaussian(21, 40, 2)
    const a = new Float64Array(40).fill(1 / 40)
    expect(selfTransport(p.data, 40, 2, a, 1, 8, 0.01, 1).converged).toBe(false)
    expect(selfTransport(p.data, 40, 2, a, 1, 8, 0.01).converged).toBe(true)
  })

  it('S_ε is ≥ 0, finite, and below W1 + a small ε-term for a shifted set', async () => {
    const p = gaussian(22, 50, 2),
      q = gaussian(23, 50, 2, 1.5)
    const r = await computeW1(p, q, opts('sinkhorn'))
    expect(r.sinkhornDivergence!).toBeGreaterThan(0)
    expect(r.sinkhornDivergence!).toBeLessThanOrEqual(r.upper! * 1.05)
  })
})

describe('the exact solver takes sizes the old ones refused', () => {
  it('1001 × 1000 (beyond the old successive-shortest-path limit) is solved and certified', async () => {
    const r = await computeW1(gaussian(31, 1001, 2), gaussian(32, 1000, 2), opts('exact'))
    expect(r.method).toBe('exact')
    expect(r.certificate?.checked).toBe(true)
    expect(r.lower).toBe(r.upper)
  })
})

describe('the assignment solver against enumeration', () => {
  it('equals the minimum over all n! permutations (n ≤ 6, ties from integer grids included)', async () => {
    const {assignmentCost} = await import('../../../src/core/ot/assignment.js')
    const permutations = (n: number): number[][] =>
      n === 0
        ? [[]]
        : permutations(n - 1).flatMap((p) =>
            Array.from({length: n}, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]),
          )
    await fc.assert(
      fc.asyncProperty(
        fc.integer({min: 1, max: 6}),
        fc.integer({min: 1, max: 3}),
        fc.constantFrom(1, 2),
        fc.array(fc.integer({min: -3, max: 3}), {minLength: 36, maxLength: 36}),
        async (n, d, power, cells) => {
          const x = Float64Array.from({length: n * d}, (_, k) => cells[k % 36])
          const y = Float64Array.from({length: n * d}, (_, k) => cells[(k * 7 + 3) % 36])
          const cost = (i: number, j: number) => {
            let s = 0
            for (let c = 0; c < d; c++) s += (x[i * d + c] - y[j * d + c]) ** 2
            return power === 2 ? s : Math.sqrt(s)
          }
          const best = Math.min(...permutations(n).map((perm) => perm.reduce((acc, j, i) => acc + cost(i, j), 0))) / n
          expect(assignmentCost(x, y, n, d, power)).toBeCloseTo(best, 12)
        },
      ),
      {seed: 17, numRuns: 200},
    )
  })
})
