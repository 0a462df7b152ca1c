/**
 * Holm and Benjamini–Hochberg adjusted p-values against statsmodels.stats.multitest.multipletests (values from
 * test/core/stats/reference/multitest.py, committed with its output), plus the properties both procedures have.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {adjustPValues, benjaminiHochberg, holm, parseCorrection} from '../../../src/core/stats/multiple-testing.js'
import {ROOT} from '../../helpers/cli.js'

const REF = JSON.parse(readFileSync(join(ROOT, 'test/core/stats/reference/multitest.json'), 'utf8')).cases as Record<
  string,
  {p: number[]; holm: number[]; bh: number[]}
>

describe('multiple-testing corrections match statsmodels to 1e-12', () => {
  for (const [name, c] of Object.entries(REF)) {
    it(name, () => {
      const h = holm(c.p),
        b = benjaminiHochberg(c.p)
      c.holm.forEach((e, i) =>
        expect(Math.abs(h[i] - e), `holm[${i}] ${h[i]} vs ${e}`).toBeLessThanOrEqual(1e-12 * Math.max(e, 1e-300)),
      )
      c.bh.forEach((e, i) =>
        expect(Math.abs(b[i] - e), `bh[${i}] ${b[i]} vs ${e}`).toBeLessThanOrEqual(1e-12 * Math.max(e, 1e-300)),
      )
    })
  }
})

describe('properties', () => {
  const family = fc.array(fc.double({min: 0, max: 1, noNaN: true}), {minLength: 1, maxLength: 60})
  it('p ≤ BH ≤ Holm ≤ 1, and both keep the order of the raw p-values', () => {
    fc.assert(
      fc.property(family, (p) => {
        const h = holm(p),
          b = benjaminiHochberg(p)
        for (let i = 0; i < p.length; i++) {
          expect(b[i]).toBeGreaterThanOrEqual(p[i])
          expect(h[i]).toBeGreaterThanOrEqual(b[i] - 1e-15)
          expect(h[i]).toBeLessThanOrEqual(1)
          for (let j = 0; j < p.length; j++)
            if (p[i] < p[j]) {
              expect(h[i]).toBeLessThanOrEqual(h[j])
              expect(b[i]).toBeLessThanOrEqual(b[j])
            }
        }
      }),
    )
  })
  it('none is the identity; an unknown name is refused', () => {
    expect(Array.from(adjustPValues([0.2, 0.01], 'none'))).toEqual([0.2, 0.01])
    expect(() => parseCorrection('bonferroni')).toThrow(/must be one of holm, bh, none/)
  })
})
