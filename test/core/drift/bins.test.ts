/**
 * Tie-aware quantile bins (src/core/drift/quantile.ts) against the NumPy reference test/core/drift/reference/bins.py
 * (committed with its output bins.json): PSI and binned JSD of columns with point masses, and the unit-test samples
 * of fixtures/drift/expected.py (no ties there, so the values equal SciPy's plain quantile bins).
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {computeDrift, decisionRule} from '../../../src/core/drift/index.js'
import {numericDrift} from '../../../src/core/drift/numeric.js'
import {binCounts, quantileBins} from '../../../src/core/drift/quantile.js'
import {ROOT} from '../../helpers/cli.js'
import {relClose, sample} from './cases.js'

const REF = JSON.parse(readFileSync(join(ROOT, 'test/core/drift/reference/bins.json'), 'utf8'))

const u = (k: number) => ((k * 2654435761) % 4294967296) / 4294967296
/** bins.py's block_sample: [count, constant] or [count, start, scale] (scale · u(k)). */
function blocks(spec: number[][]): Float64Array {
  const out: number[] = []
  for (const b of spec) {
    if (b.length === 2) for (let i = 0; i < b[0]; i++) out.push(b[1])
    else for (let i = 0; i < b[0]; i++) out.push(b[2] * u(b[1] + i))
  }
  return Float64Array.from(out)
}
const close = (a: number | null, b: number) => relClose(a, b, 1e-9) || Math.abs((a ?? Number.NaN) - b) <= 1e-15

describe('tie-aware bins match the NumPy reference', () => {
  for (const [name, c] of Object.entries(REF.ties) as [string, any][]) {
    it(name, () => {
      const p = blocks(c.p),
        q = blocks(c.q)
      const r = numericDrift('x', p, q, {bins: 20})
      expect(close(r.psi, c.psi), `psi ${r.psi} vs ${c.psi}`).toBe(true)
      expect(close(r.jsd, c.jsd20), `jsd ${r.jsd} vs ${c.jsd20}`).toBe(true)
      const xs = Float64Array.from(p).sort(),
        ys = Float64Array.from(q).sort()
      const deciles = quantileBins(xs, 10)
      expect(Array.from(binCounts(xs, deciles))).toEqual(c.decileCountsP)
      expect(Array.from(binCounts(ys, deciles))).toEqual(c.decileCountsQ)
    })
  }
  for (const [name, c] of Object.entries(REF.numeric) as [string, any][]) {
    it(`no ties: ${name}`, () => {
      const p = sample(c.p),
        q = sample(c.q)
      expect(close(numericDrift('x', p, q, {bins: 20}).jsd, c.jsd20)).toBe(true)
      expect(close(numericDrift('x', p, q, {bins: 7}).jsd, c.jsd7)).toBe(true)
      expect(close(numericDrift('x', p, q, {bins: 20}).psi, c.psi)).toBe(true)
    })
  }
})

describe('regressions of issue 19 item 5', () => {
  it('a zero-inflated column that moved has PSI and JSD well above 0 (they read 0 with repeated edges)', () => {
    const c = REF.ties['zero-inflated']
    const r = numericDrift('x', blocks(c.p), blocks(c.q), {bins: 20})
    expect(r.psi!).toBeGreaterThan(3)
    expect(r.jsd!).toBeGreaterThan(0.3)
    expect(r.ks!).toBeCloseTo(0.76, 10)
  })
  it('constant P = 5 vs Q = 7 and the mirror case give the same PSI, ≈ 18.4', () => {
    const five = new Float64Array(300).fill(5),
      seven = new Float64Array(300).fill(7)
    const a = numericDrift('x', five, seven, {bins: 20}).psi!,
      b = numericDrift('x', seven, five, {bins: 20}).psi!
    expect(a).toBe(b)
    expect(a).toBeCloseTo(2 * (1 - 1e-4) * Math.log(1e4), 12)
  })
  it('--stat psi flags the zero-inflated column', () => {
    const c = REF.ties['zero-inflated']
    const r = computeDrift([{name: 'z', kind: 'numeric', p: blocks(c.p), q: blocks(c.q)}], {
      bins: 20,
      rule: decisionRule(['psi']),
    })
    expect(r.columns[0].drifted).toBe(true)
  })
})
