import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {computeJsd, KDE_FORM_GAP, KDE_MIN_POINTS, kdeJsd, outOfRange} from '../../../src/core/jsd/index.js'
import {binaryEntropy, effectiveSize} from '../../../src/core/jsd/kde.js'
import {makeSampleSet, type SampleSet} from '../../../src/core/sampleset.js'
import {createRng} from '../../../src/core/stats/rng.js'
import {evaluateGates, exitCodeFor, notEvaluatedLines, untrusted} from '../../../src/report/gates.js'
import {gaussian, setOf} from './sets.js'

/**
 * JSD(N(0, I_d), N(μ, I_d)) in nats by quadrature: bench/reference/jsd-truths.json, written by
 * `/tmp/anchors/bin/python bench/jsd_truth.py` (scipy quad of the exact 1-D reduction; dblquad check in 2-D).
 */
const TRUTHS: {d: number; shift: number; axes: 'all' | 'one'; jsd: number}[] = JSON.parse(
  readFileSync(new URL('../../../bench/reference/jsd-truths.json', import.meta.url), 'utf8'),
).cases
const truth = (d: number, shift: number, axes: 'all' | 'one') =>
  TRUTHS.find((t) => t.d === d && t.shift === shift && t.axes === axes)!.jsd
const mean = (d: number, shift: number, axes: 'all' | 'one') =>
  Array.from({length: d}, (_, c) => (axes === 'all' || c === 0 ? shift : 0))
const tolerance = (t: number) => Math.max(0.02, 0.35 * t)

/** The plug-in estimate written out directly in float64 (no kernels, no chunks): the reference for kdeJsd. */
function directPlugIn(p: SampleSet, q: SampleSet, hp: number[], hq: number[]): {entropy: number; logRatio: number} {
  const d = p.d
  const logKde = (z: Float64Array, zi: number, c: SampleSet, h: number[], skip: number): number => {
    const terms: number[] = []
    for (let j = 0; j < c.n; j++) {
      if (j === skip) continue
      let s = 0
      for (let k = 0; k < d; k++) s += ((z[zi * d + k] - c.data[j * d + k]) / h[k]) ** 2
      terms.push(-0.5 * s)
    }
    const top = Math.max(...terms)
    const sum = terms.reduce((a, t) => a + Math.exp(t - top), 0)
    return top + Math.log(sum / terms.length) - h.reduce((a, w) => a + Math.log(w), 0)
  }
  let entropy = 0,
    logRatio = 0
  for (const [own, other, hOwn, hOther, n] of [
    [p, q, hp, hq, p.n],
    [q, p, hq, hp, q.n],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const lp = logKde(own.data, i, own, hOwn, i),
        lq = logKde(own.data, i, other, hOther, -1)
      const eta = 1 / (1 + Math.exp(lq - lp))
      const h = -(eta > 0 ? eta * Math.log(eta) : 0) - (eta < 1 ? (1 - eta) * Math.log(1 - eta) : 0)
      entropy += (0.5 / n) * (Math.LN2 - h)
      logRatio += (0.5 / n) * (Math.LN2 + Math.log(eta))
    }
  }
  return {entropy, logRatio}
}

describe('KDE JSD: per-set bandwidths, bounded plug-in form (issue 19 item 1)', () => {
  it('equals the plug-in formula written out in float64 (per-set Scott widths, leave-one-out), both forms', () => {
    const p = gaussian(40, 2, [0, 0], 3),
      q = gaussian(90, 2, [0.7, -0.2], 4)
    const r = kdeJsd(p, q, 'scott')
    const bw = r.params.bandwidth as {p: {widths: number[]}; q: {widths: number[]}}
    const ref = directPlugIn(p, q, bw.p.widths, bw.q.widths)
    // The pair kernels round exponents in float32 (≲ 1e-6 per log-density, src/core/jsd/kde.ts).
    expect(Math.abs(r.raw - ref.entropy)).toBeLessThan(1e-5)
    expect(Math.abs((r.params.check as {logRatio: number}).logRatio - ref.logRatio)).toBeLessThan(1e-5)
  })
  it('the issue-19 cases against quadrature: 2-D shift (½, ½) at 1000/1000 and 3000/300, 3-D one-axis 3000/300 within max(0.02, 35 %) and reliable', async () => {
    const cases: [number, number, 'all' | 'one', number, number][] = [
      [2, 0.5, 'all', 1000, 1000],
      [2, 0.5, 'all', 3000, 300],
      [3, 0.5, 'one', 3000, 300],
      [1, 1, 'all', 300, 300],
    ]
    for (const [d, shift, axes, n, m] of cases) {
      const t = truth(d, shift, axes)
      const r = await computeJsd(gaussian(n, d, Array(d).fill(0), 21), gaussian(m, d, mean(d, shift, axes), 22), {
        method: 'kde',
        seed: 1,
      })
      expect(Math.abs(r.value - t), `d=${d} ${shift} ${axes} ${n}/${m}: ${r.value} vs ${t}`).toBeLessThanOrEqual(
        tolerance(t),
      )
      expect(r.reliable).toBe(true)
      expect(r.raw).toBe(r.value)
    }
  })
  it('10 points of N(0, I₂) against 2 500 of N((½, ½), I₂) (truth 0.0589): flagged unreliable with the size named, never a raw below −ln 2', async () => {
    const r = await computeJsd(gaussian(10, 2, [0, 0], 5), gaussian(2500, 2, [0.5, 0.5], 6), {method: 'kde', seed: 1})
    expect(r.reliable).toBe(false)
    expect(r.unreliable).toMatch(new RegExp(`P has 10 points, fewer than the ${KDE_MIN_POINTS}`))
    expect(r.raw).toBeGreaterThanOrEqual(0)
    expect(r.raw).toBeLessThanOrEqual(Math.LN2)
  })
  it('a bandwidth far too small (0.01 on unit-variance data) is flagged: the two plug-in forms disagree', async () => {
    const r = await computeJsd(gaussian(500, 2, [0, 0], 1), gaussian(500, 2, [0, 0], 2), {
      method: 'kde',
      bandwidth: 0.01,
      seed: 1,
    })
    expect(r.reliable).toBe(false)
    expect(r.check!.gap).toBeGreaterThan(KDE_FORM_GAP)
    expect(r.check!.logRatio).toBeLessThan(-1)
    expect(r.unreliable).toMatch(/two plug-in forms disagree.*⟨bandwidth⟩ given may be far too small/)
  })
  it('same law at 300/300 in 3-D: reliable, and small (the form gap stays under its tolerance)', async () => {
    const r = await computeJsd(gaussian(300, 3, [0, 0, 0], 8), gaussian(300, 3, [0, 0, 0], 9), {method: 'kde', seed: 1})
    expect(r.reliable).toBe(true)
    expect(r.value).toBeLessThan(0.05)
    expect(r.check!.gap).toBeLessThan(KDE_FORM_GAP)
  })
  it('property: the default estimate lies in [0, ln 2] by construction (any sizes ≥ 2, d ≤ 3, shifts, scales, bandwidths)', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 2, max: 40}),
        fc.integer({min: 2, max: 40}),
        fc.integer({min: 1, max: 3}),
        fc.double({min: -50, max: 50, noNaN: true}),
        fc.double({min: 1e-3, max: 1e3, noNaN: true}),
        fc.oneof(fc.constant<'scott'>('scott'), fc.double({min: 1e-4, max: 100, noNaN: true})),
        fc.integer({min: 0, max: 1e6}),
        (n, m, d, shift, scale, bw, seed) => {
          const rng = createRng(seed)
          const draw = (k: number, off: number) =>
            makeSampleSet(
              Float64Array.from({length: k * d}, () => scale * rng.normal() + off),
              k,
              d,
              Array.from({length: d}, (_, c) => `x${c}`),
              't',
            )
          const r = kdeJsd(draw(n, 0), draw(m, shift), bw)
          return r.raw >= 0 && r.raw <= Math.LN2
        },
      ),
      {numRuns: 150},
    )
  })
  it('binary entropy from log-densities: ln 2 at p = q, 0 when one is 0, symmetric, no overflow at ±700', () => {
    expect(binaryEntropy(0, 0)).toBe(Math.LN2)
    expect(binaryEntropy(0, -Infinity)).toBe(0)
    expect(binaryEntropy(-Infinity, 3)).toBe(0)
    const eta = 0.2
    expect(binaryEntropy(Math.log(eta), Math.log(1 - eta))).toBeCloseTo(
      -(eta * Math.log(eta)) - 0.8 * Math.log(0.8),
      14,
    )
    expect(binaryEntropy(1, 2)).toBeCloseTo(binaryEntropy(2, 1), 15)
    expect(Number.isFinite(binaryEntropy(700, -700))).toBe(true)
    expect(binaryEntropy(700, -700)).toBeGreaterThanOrEqual(0)
  })
  it('weights: Kish effective size decides the small-set flag', () => {
    const w = makeSampleSet(
      Float64Array.from({length: 400}, (_, i) => i),
      400,
      1,
      ['x'],
      't',
      Float64Array.from({length: 400}, (_, i) => (i < 4 ? 0.24 : 0.04 / 396)),
    )
    expect(effectiveSize(w)).toBeLessThan(KDE_MIN_POINTS)
    expect(effectiveSize(setOf([[1], [2], [3]]))).toBe(3)
  })
})

describe('raw outside [0, ln 2] by more than its uncertainty (issue 19 item 2)', () => {
  it('outOfRange: beyond 3.09 standard errors is a reason, within is not; no stderr means no slack', () => {
    expect(outOfRange(-0.02, 0.01)).toBeUndefined()
    expect(outOfRange(-0.05, 0.01)).toMatch(
      /below 0, outside \[0, ln 2\] by more than its uncertainty \(3\.09 × standard error 0\.01\)/,
    )
    expect(outOfRange(0.75, 0.001)).toMatch(/above ln 2/)
    expect(outOfRange(-0.712, null)).toMatch(/-0\.712 nats lies below 0.*none stated/)
    expect(outOfRange(0, null)).toBeUndefined()
    expect(outOfRange(Math.LN2, null)).toBeUndefined()
    expect(outOfRange(Number.NaN, 0.1)).toMatch(/not a number/)
  })
  it('kNN reports a per-point standard error, and its raw value below 0 on equal laws stays within it (not flagged)', async () => {
    const r = await computeJsd(gaussian(1000, 2, [0, 0], 41), gaussian(1000, 2, [0, 0], 42), {method: 'knn', seed: 1})
    expect(r.stderr).toBeGreaterThan(0)
    expect(r.stderr).toBeLessThan(0.02)
    expect(r.reliable).toBe(true)
  })
  it('a gate on an untrusted value is not evaluated (exit 2) with one line saying why; a trusted one passes or fails', () => {
    const specs = [
      {name: 'jsd', kind: 'max' as const, part: 'jsd', threshold: 0.01},
      {name: 'w1', kind: 'max' as const, part: 'w1', threshold: 1},
    ]
    const gates = evaluateGates(specs, {jsd: untrusted('the JSD estimate is unreliable: too few points'), w1: 0.5})
    expect(gates[0]).toMatchObject({
      value: null,
      passed: false,
      notEvaluated: 'the JSD estimate is unreliable: too few points',
    })
    expect(gates[1]).toMatchObject({value: 0.5, passed: true})
    expect(exitCodeFor(gates)).toBe(2)
    expect(notEvaluatedLines(gates)).toEqual([
      'gate jsd ≤ 0.01 not evaluated (exit 2): the JSD estimate is unreliable: too few points',
    ])
    expect(exitCodeFor(evaluateGates(specs, {jsd: 0.02, w1: 0.5}))).toBe(1)
  })
})
