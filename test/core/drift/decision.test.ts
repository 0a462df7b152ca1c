/** Drift decisions, fallbacks and invariants (no SciPy needed: closed forms and properties). */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {computeDrift, decisionRule} from '../../../src/core/drift/index.js'
import {w1Sorted} from '../../../src/core/drift/w1.js'
import {exactW1D} from '../../../src/core/ot/exact1d.js'

const uniform = (n: number) => new Float64Array(n).fill(1 / n)
const cats = (values: (string | null)[]) => {
  const levels = [...new Set(values.filter((v): v is string => v !== null))]
  return {codes: Int32Array.from(values.map((v) => (v === null ? -1 : levels.indexOf(v)))), levels}
}

describe('drift decision', () => {
  it('w1Sorted equals the general exact 1-D W1 of src/core/ot/exact1d.ts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({min: -1e3, max: 1e3, noNaN: true}), {minLength: 1, maxLength: 40}),
        fc.array(fc.double({min: -1e3, max: 1e3, noNaN: true}), {minLength: 1, maxLength: 40}),
        (a, b) => {
          const x = Float64Array.from(a),
            y = Float64Array.from(b)
          const expected = exactW1D(x, uniform(x.length), y, uniform(y.length))
          const got = w1Sorted(Float64Array.from(a).sort(), Float64Array.from(b).sort())
          expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected))
        },
      ),
    )
  })

  it('a column constant in P gets w1Normed null with its reason, and is decided on W1 (never NaN)', () => {
    const r = computeDrift(
      [
        {
          name: 'flat',
          kind: 'numeric',
          p: new Float64Array(20).fill(3),
          q: Float64Array.from({length: 20}, (_, i) => 3 + i / 10),
        },
        {name: 'same', kind: 'numeric', p: new Float64Array(20).fill(3), q: new Float64Array(25).fill(3)},
      ],
      {bins: 20, rule: decisionRule()},
    )
    const flat = r.columns.find((c) => c.name === 'flat')!,
      same = r.columns.find((c) => c.name === 'same')!
    expect(flat.kind === 'numeric' && flat.w1Normed).toBe(null)
    expect(flat.kind === 'numeric' && flat.w1NormedReason).toMatch(/constant/)
    expect(flat.score).toBe(null)
    expect(flat.drifted).toBe(true)
    expect(flat.reason).toMatch(/W1/)
    expect(same.drifted).toBe(false)
    expect(r.share).toBe(0.5)
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/)
  })

  it('the constant-P reason quotes W1 to six significant digits, not seventeen (the JSON w1 keeps full precision)', () => {
    // q = 3 + i/3, i = 0..19 against P ≡ 3: W1 = mean(i/3) = 19/6 = 3.1666…, which prints as 3.16667.
    const r = computeDrift(
      [
        {
          name: 'flat',
          kind: 'numeric',
          p: new Float64Array(20).fill(3),
          q: Float64Array.from({length: 20}, (_, i) => 3 + i / 3),
        },
      ],
      {bins: 20, rule: decisionRule()},
    )
    const flat = r.columns[0]
    expect(flat.reason).toContain('W1 = 3.16667 > 0')
    expect(flat.kind === 'numeric' && Math.abs(flat.w1! - 19 / 6)).toBeLessThan(1e-12)
  })

  it('counts missing cells per side and ignores them in the statistics', () => {
    const r = computeDrift(
      [{name: 'x', kind: 'numeric', p: Float64Array.from([1, NaN, 2, 3, Infinity]), q: Float64Array.from([1, 2, 3])}],
      {bins: 4, rule: decisionRule()},
    )
    const c = r.columns[0]
    expect(c.n).toEqual({p: 3, q: 3})
    expect(c.missing).toEqual({p: 2, q: 0})
    expect(c.kind === 'numeric' && c.w1).toBe(0)
    expect(c.drifted).toBe(false)
  })

  it('categorical: new and missing categories, js-distance default, ranking most moved first', () => {
    const r = computeDrift(
      [
        {name: 'same', kind: 'categorical', p: cats(['a', 'b', 'a', 'b']), q: cats(['b', 'a', 'b', 'a'])},
        {name: 'moved', kind: 'categorical', p: cats(['a', 'a', 'a', 'b', null]), q: cats(['c', 'c', 'a', 'b'])},
      ],
      {bins: 20, rule: decisionRule()},
    )
    expect(r.columns.map((c) => c.name)).toEqual(['moved', 'same'])
    const moved = r.columns[0]
    if (moved.kind !== 'categorical') throw new Error('kind')
    expect(moved.newCategories).toEqual(['c'])
    expect(moved.missingCategories).toEqual([])
    expect(moved.missing).toEqual({p: 1, q: 0})
    expect(moved.stat).toBe('js-distance')
    expect(moved.score).toBeCloseTo(Math.sqrt(moved.jsd! / Math.LN2), 15)
    expect(r.drifted).toBe(1)
  })

  it('--stat/--threshold rules: per kind, paired in order, p-values drift below the threshold', () => {
    expect(decisionRule(['ks-p', 'tvd'], [0.01, 0.2])).toEqual({
      numeric: {stat: 'ks-p', threshold: 0.01},
      categorical: {stat: 'tvd', threshold: 0.2},
    })
    expect(decisionRule(['jsd'])).toEqual({
      numeric: {stat: 'jsd', threshold: 0.01 * Math.LN2},
      categorical: {stat: 'jsd', threshold: 0.01 * Math.LN2},
    })
    expect(decisionRule(['psi', 'jsd']).numeric.stat).toBe('psi')
    expect(() => decisionRule(['w1'])).toThrow(/threshold/)
    expect(() => decisionRule(['nope'])).toThrow(/unknown statistic/)
    expect(() => decisionRule(['ks', 'psi'])).toThrow(/two statistics/)
    const p = Float64Array.from({length: 200}, (_, i) => i / 200),
      q = Float64Array.from({length: 200}, (_, i) => i / 200 + 0.3)
    const r = computeDrift([{name: 'x', kind: 'numeric', p, q}], {bins: 10, rule: decisionRule(['ks-p'])})
    expect(r.columns[0].score!).toBeLessThan(0.05)
    expect(r.columns[0].drifted).toBe(true)
  })
})
