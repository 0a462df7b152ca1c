/** The drift report's pictures: sparklines on one scale, empty bins blank, and the JSON without bin counts. */
import {describe, expect, it} from 'vitest'
import {computeDrift, decisionRule} from '../../src/core/drift/index.js'
import {BLANK, driftColumnsSection, driftJson, sparklines} from '../../src/report/drift.js'
import {driftSvg} from '../../src/report/drift-svg.js'

describe('drift report', () => {
  it('sparklines: shares per side on one scale, so a set twice the size draws the same line; empty bins are a blank that is not white space', () => {
    const a = sparklines([1, 2, 4, 0], [2, 4, 8, 0])
    expect(a.p).toBe(a.q)
    expect(a.p).toHaveLength(4)
    expect(a.p[2]).toBe('█')
    expect(a.p[3]).toBe(BLANK)
    expect(/\s/.test(a.p)).toBe(false)
    const b = sparklines([10, 0], [0, 10])
    expect(b).toEqual({p: `█${BLANK}`, q: `${BLANK}█`})
  })

  it('JSON leaves out the pictures; the SVG has one panel per column, drifted ones marked', () => {
    const p = Float64Array.from({length: 100}, (_, i) => i),
      q = Float64Array.from({length: 100}, (_, i) => i + 50)
    const r = computeDrift(
      [
        {name: 'x<y', kind: 'numeric', p, q},
        {name: 'same', kind: 'numeric', p, q: p},
      ],
      {bins: 10, rule: decisionRule()},
    )
    const doc = driftJson(r) as {columns: Record<string, unknown>[]}
    expect(doc.columns[0]).not.toHaveProperty('shape')
    expect(doc.columns.map((c) => c.name)).toEqual(['x<y', 'same'])
    const svg = driftSvg(r)
    expect((svg.match(/class="panel"/g) ?? []).length).toBe(2)
    expect(svg).toContain('data-column="x&lt;y"')
    expect(svg).toContain('(drifted)')
  })

  it('a column note: verdict, the two sparklines and missing counts joined by " · ", with no box-drawing "│" that reads as a border', () => {
    const p = Float64Array.from({length: 100}, (_, i) => (i < 5 ? NaN : i)),
      q = Float64Array.from({length: 100}, (_, i) => i + 50)
    const r = computeDrift([{name: 'x', kind: 'numeric', p, q}], {bins: 10, rule: decisionRule()})
    const note = String(driftColumnsSection(r).rows[0].note)
    expect(note).not.toContain('│')
    expect(note).toMatch(
      /^DRIFTED \(w1-normed ≥ 0\.1\) · P\u2800\S+ · Q\u2800\S+ · missing 5 in P, 0 in Q \(5 % → 0 %\)$/,
    )
  })
})
