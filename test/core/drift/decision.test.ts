/** Drift decisions, fallbacks and invariants (no SciPy needed: closed forms and properties). */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {computeDrift, decisionRule} from '../../../src/core/drift/index.js'
import {w1Sorted} from '../../../src/core/drift/w1.js'
import {exactW1D} from '../../../src/core/ot/exact1d.js'
import {createRng} from '../../../src/core/stats/rng.js'

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

describe('issue 19 item 5 and issue 20 item 3: empty columns, corrections, out-of-range thresholds', () => {
  const u = (k: number) => ((k * 2654435761) % 4294967296) / 4294967296
  const draw = (n: number, start: number, shift = 0) => Float64Array.from({length: n}, (_, i) => u(start + i) + shift)

  it('a column 100 % missing in Q is drifted, with the reason and the missing shares (it was "ok")', () => {
    const r = computeDrift(
      [
        {name: 'gone', kind: 'numeric', p: draw(50, 1), q: new Float64Array(40).fill(Number.NaN)},
        {name: 'kept', kind: 'numeric', p: draw(50, 1), q: draw(40, 1)},
        {name: 'label', kind: 'categorical', p: cats(['a', 'b', 'a']), q: cats([null, null])},
      ],
      {bins: 10, rule: decisionRule()},
    )
    const gone = r.columns.find((c) => c.name === 'gone')!,
      label = r.columns.find((c) => c.name === 'label')!
    expect(gone.drifted).toBe(true)
    expect(gone.reason).toMatch(/every value of Q is missing \(40 of 40\) while P has 50: the column emptied/)
    expect(gone.missingShare).toEqual({p: 0, q: 1})
    expect(label.drifted).toBe(true)
    expect(r.drifted).toBe(2)
    // Ranked first: nothing moved more than a column that vanished.
    expect(
      r.columns
        .slice(0, 2)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['gone', 'label'])
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/)
  })

  it('ks-p decides on the Holm-adjusted p-value by default, and the raw one with correction none', () => {
    // 60 columns of one distribution on both sides (independent seeded normal draws) and one that moved. Seed 20 was
    // the only one tried: uncorrected it drifts 2 unchanged columns at 0.05 (about 3 expected), Holm none.
    const rng = createRng(20)
    const normal = (n: number, shift = 0) => Float64Array.from({length: n}, () => rng.normal() + shift)
    const columns = Array.from({length: 60}, (_, k) => ({
      name: `same${k}`,
      kind: 'numeric' as const,
      p: normal(80),
      q: normal(80),
    }))
    columns.push({name: 'moved', kind: 'numeric', p: normal(80), q: normal(80, 1.5)})
    const holm = computeDrift(columns, {bins: 10, rule: decisionRule(['ks-p'])})
    const none = computeDrift(columns, {bins: 10, rule: decisionRule(['ks-p']), correction: 'none'})
    expect(holm.correction).toEqual({method: 'holm', tests: 61})
    const raw = none.columns.filter((c) => c.drifted).map((c) => c.name)
    expect(raw.length).toBeGreaterThan(1) // chance alone drifts some unchanged columns at 0.05
    expect(holm.columns.filter((c) => c.drifted).map((c) => c.name)).toEqual(['moved'])
    for (const c of holm.columns) {
      if (c.kind !== 'numeric') throw new Error('kind')
      expect(c.score).toBe(c.ksPValueAdjusted)
      expect(c.ksPValueAdjusted!).toBeGreaterThanOrEqual(c.ksPValue!)
    }
    const bh = computeDrift(columns, {bins: 10, rule: decisionRule(['ks-p']), correction: 'bh'})
    expect(bh.correction.method).toBe('bh')
    for (const c of none.columns) if (c.kind === 'numeric') expect(c.ksPValueAdjusted).toBe(c.ksPValue)
  })

  it('the family is every column with a defined p-value (a column empty on one side has none)', () => {
    const r = computeDrift(
      [
        {name: 'a', kind: 'numeric', p: draw(30, 1), q: draw(30, 100)},
        {name: 'b', kind: 'numeric', p: draw(30, 200), q: new Float64Array(3).fill(Number.NaN)},
        {name: 'c', kind: 'categorical', p: cats(['x', 'y', 'x', 'y']), q: cats(['x', 'x', 'x', 'y'])},
      ],
      {bins: 10, rule: decisionRule(['ks-p', 'chi2-p'])},
    )
    expect(r.correction.tests).toBe(2)
    const b = r.columns.find((c) => c.name === 'b')!
    expect(b.kind === 'numeric' && b.ksPValueAdjusted).toBe(null)
  })

  it.each([
    [['ks-p'], [2], /2 is out of range for ks-p \(a p-value level\): it must be in \(0, 1\]/],
    [['chi2-p'], [0], /out of range for chi2-p/],
    [['js-distance'], [1.5], /must be in \[0, 1\]/],
    [['jsd'], [0.9], /must be in \[0, ln 2\]/],
    [['psi'], [-1], /must be ≥ 0/],
    [[], [-0.1], /out of range for w1-normed/],
    [[], [0.1, 0.2], /gives 2 values for 1 statistic/],
    [['ks-p', 'chi2-p'], [0.01], /gives 1 value for 2 statistics; give one per ⟨stat⟩/],
  ])('refused: --stat %j --threshold %j', (stats, thresholds, message) => {
    expect(() => decisionRule(stats as string[], thresholds as number[])).toThrow(message as RegExp)
  })
})
