import {describe, expect, it} from 'vitest'
import type {Report} from '../../src/report/document.js'
import {renderTable} from '../../src/report/table.js'
import {displayWidth, terminalWidth, wrapText} from '../../src/report/width.js'

const long =
  "P's intrinsic dimension rounds to the ambient d = 2: every point is on P's manifold by definition, so the on-manifold test cannot separate the sets; support coverage decides (Lui et al. 2017 Def 3.1)"

const report = (): Report => ({
  command: 'demo',
  summary: 'W1 0.578957 (exact) · JSD 0.0190976 nats · bound 8.08165 holds · supports aligned · gates: all 1 passed',
  json: {},
  sections: [
    {
      title: 'W1',
      rows: [
        {
          name: 'W1',
          value: 0.578957,
          unit: 'input units',
          note: 'exact optimal transport (Hungarian for equal sizes, else successive shortest paths)',
        },
      ],
    },
    {
      title: 'Why',
      rows: [
        {name: 'full-dimensional', value: 'aligned', note: long},
        {name: 'k̂', value: 'kde: d = 2 ≤ 3, where kernel densities are reliable', note: 'σ ‖ε‖ ≤ R'},
      ],
    },
  ],
  gates: [{name: 'w1', kind: 'max', threshold: 1, value: 0.578957, passed: true}],
  reading: [
    "W1 = 0.578957 input units, 7.89277% of the data's diameter: the average distance mass must move to turn Q into P (WGAN, Arjovsky et al. 2017, Thm 1: continuous in the generator, unlike JSD).",
  ],
})

/** Every word of `text`, in order, in what was printed (wrapping may split lines, never drop or reorder words). */
function wordsKept(printed: string, text: string): boolean {
  const flat = printed.replace(/[│┌┐└┘├┤┬┴─]/g, ' ')
  let at = 0
  for (const w of text.split(/\s+/)) {
    const i = flat.indexOf(w, at)
    if (i < 0) return false
    at = i + w.length
  }
  return true
}

describe('renderTable width', () => {
  for (const width of [40, 60, 80, 100, 140]) {
    it(`every line fits ${width} columns and no note is lost`, () => {
      const out = renderTable(report(), {color: false, width, verbose: true})
      // The summary is one line at any width (a CI log shows it whole); every other line fits.
      const [summary, ...rest] = out.split('\n')
      expect(summary).toBe(report().summary)
      for (const line of rest) expect(displayWidth(line), line).toBeLessThanOrEqual(width)
      const notes = out.slice(out.indexOf('Why'))
      // A long note is either wrapped inside its cell or numbered under the table; its words all survive.
      expect(wordsKept(notes.replace(/\n\s*\[\d+\]/g, '\n'), 'on-manifold test cannot separate the sets')).toBe(true)
    })
  }

  it('a table that fits is left at its natural width (no wrapping)', () => {
    const out = renderTable(report(), {color: false, width: 400})
    expect(out).toContain(long)
  })

  it('numbers the notes under the table when the note column would be too narrow', () => {
    const out = renderTable(report(), {color: false, width: 50})
    expect(out).toMatch(/│ \[1\]\s*│/)
    expect(out).toMatch(/^ \[1\] exact optimal/m)
  })

  it('the reading comes only with verbose; otherwise one line says how to get it', () => {
    expect(renderTable(report(), {color: false, width: 100})).not.toContain('average distance mass')
    expect(renderTable(report(), {color: false, width: 100})).toContain('--verbose')
    expect(renderTable(report(), {color: false, width: 100, verbose: true})).toContain('average distance mass')
  })
})

describe('terminalWidth', () => {
  it('a TTY gives its columns, else $COLUMNS, else 100; never below 40', () => {
    expect(terminalWidth({isTTY: true, columns: 120}, {COLUMNS: '80'})).toBe(120)
    expect(terminalWidth({isTTY: false}, {COLUMNS: '80'})).toBe(80)
    expect(terminalWidth({isTTY: false}, {COLUMNS: 'wide'})).toBe(100)
    expect(terminalWidth({isTTY: false}, {})).toBe(100)
    expect(terminalWidth({isTTY: false}, {COLUMNS: '10'})).toBe(40)
  })
})

describe('wrapText', () => {
  it('breaks at spaces with a hanging indent and cuts words longer than a line', () => {
    expect(wrapText('aa bb cc dd', 7, '- ', '  ')).toEqual(['- aa bb', '  cc dd'])
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij'])
    expect(wrapText('', 10, '  ')).toEqual(['  '])
  })

  it('counts a combining hat and ANSI codes as no width', () => {
    expect(displayWidth('k̂ = d')).toBe(5)
    expect(displayWidth('\x1b[31mFAIL\x1b[39m')).toBe(4)
  })
})
