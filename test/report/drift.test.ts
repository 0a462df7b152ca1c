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

  it('the SVG panels have axes: percent of rows on y, the column units on x, a label under every category; long titles are cut', () => {
    const long = 'a_column_name_far_too_long_for_one_panel_of_the_small_multiples'
    const r = computeDrift(
      [
        {
          name: long,
          kind: 'numeric',
          p: Float64Array.from({length: 100}, (_, i) => i),
          q: Float64Array.from({length: 100}, (_, i) => 2 * i),
        },
        {
          name: 'colour',
          kind: 'categorical',
          p: {codes: Int32Array.from({length: 90}, (_, i) => i % 3), levels: ['red', 'green', 'blue']},
          q: {codes: Int32Array.from({length: 90}, (_, i) => (i % 2) * 2), levels: ['red', 'green', 'blue']},
        },
      ],
      {bins: 10, rule: decisionRule()},
    )
    const svg = driftSvg(r)
    // y axis: 0 % and the tallest bar's share; x axis: both ends of the pooled range (0 … 198) and its middle.
    expect(svg).toMatch(/>0%</)
    expect(svg).toMatch(/>0<\/text>/)
    expect(svg).toMatch(/>198<\/text>/)
    expect(svg).toMatch(/>99<\/text>/)
    for (const level of ['red', 'green', 'blue'])
      expect(svg).toMatch(new RegExp(`text-anchor="middle" fill="#555555">${level}<`))
    // The visible title is cut with an ellipsis; the tooltip keeps it whole.
    expect(svg).toMatch(/>a_column_name_far_too_long_for[^<]*…<\/text>/)
    expect(svg).toContain(`<title>${long}:`)
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

describe('drift verdict note', () => {
  it('states the comparison that holds for the column: a distance drifts at or above its threshold and is ok below it; a p-value drifts below and is ok at or above', () => {
    const p = Float64Array.from({length: 200}, (_, i) => i),
      far = Float64Array.from({length: 200}, (_, i) => i + 150)
    const cols = [
      {name: 'moved', kind: 'numeric' as const, p, q: far},
      {name: 'same', kind: 'numeric' as const, p, q: p},
    ]
    const notes = (stat?: 'ks-p') => {
      const r = computeDrift(cols, {bins: 10, rule: decisionRule(stat ? [stat] : [])})
      return Object.fromEntries(
        driftColumnsSection(r).rows.map((row) => [String(row.name), String(row.note).split(' · ')[0]]),
      )
    }
    expect(notes()).toEqual({'moved [num]': 'DRIFTED (w1-normed ≥ 0.1)', 'same [num]': 'ok (w1-normed < 0.1)'})
    const ks = notes('ks-p')
    expect(ks['moved [num]']).toMatch(/^DRIFTED \(ks-p < 0\.05/)
    expect(ks['same [num]']).toMatch(/^ok \(ks-p ≥ 0\.05/)
  })
})
