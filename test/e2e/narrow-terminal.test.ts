/**
 * Reports in a narrow terminal (80 and 100 columns): value cells hold one short value, not a sentence that wraps
 * word by word, and a sparkline never breaks across lines.
 */
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

const EXAMPLE = ['fixtures/examples/real.csv', 'fixtures/examples/generated.csv']

/** For each body row of each boxed table: how many lines its value cell (the second column) takes. */
function valueCellHeights(out: string): {name: string; lines: number}[] {
  const rows: {name: string; lines: number}[] = []
  for (const line of out.split('\n')) {
    if (!line.startsWith('│')) continue
    const cells = line.split('│').map((c) => c.trim())
    const [name, value] = [cells[1], cells[2]]
    if (name === '' && value === 'value') continue
    if (name !== '') rows.push({name, lines: 1})
    else if (value !== '' && rows.length > 0) rows[rows.length - 1].lines++
  }
  return rows
}

describe.each(['80', '100'])('at COLUMNS=%s', (columns) => {
  const env = {COLUMNS: columns}

  it('align --verbose: every value cell is one line (thresholds one number per row), every line fits', () => {
    const r = runCli(['align', ...EXAMPLE, '--verbose'], {env})
    expect(r.code, r.stderr).toBe(0)
    const tall = valueCellHeights(r.stdout).filter((row) => row.lines > 1)
    expect(tall).toEqual([])
    expect(r.stdout).toMatch(/│ threshold aligned ≥ +│ 0\.9 /)
    // Combining marks (the hat of k̂) take no column; the summary (line 0) is one line whatever the width.
    for (const line of r.stdout.split('\n').slice(1))
      expect([...line.replace(/\p{M}/gu, '')].length).toBeLessThanOrEqual(Number(columns))
  })

  it('align --verbose on full-dimensional data: τ shows – with the reason (k̂ = d leaves no normal space), not 0', () => {
    const r = runCli(['align', ...EXAMPLE, '--verbose'], {env})
    expect(r.stdout).toMatch(/│ τ \(P\) +│ – +│/)
    expect(r.stdout).toMatch(/│ τ \(Q\) +│ – +│/)
    expect(r.stdout).toContain('none: k̂ = d')
  })

  // The default views of align and bound (issue 22 item 1): the summary line, then one compact table.
  it.each([
    ['align', /^align: supports aligned · mode dropping no · /, /│ supports +│ aligned +│/, /threshold aligned|Why/],
    [
      'bound',
      /^bound \d\.\d+ holds · W1 0\.578957 \(exact\) · σ [\d.]+ \(tightest of 7\)$/,
      /│ bound +│ [\d.]+ +│/,
      /V = E‖ε‖²|slack/,
    ],
  ])(
    '%s: the summary line, one compact table (≤ 20 lines, each fitting, one line per value) and the --verbose pointer',
    (command, summary, row, verboseOnly) => {
      const r = runCli([command, ...EXAMPLE], {env})
      expect(r.code, r.stderr).toBe(0)
      const lines = r.stdout.trimEnd().split('\n')
      expect(lines[0]).toMatch(summary)
      expect(lines[1]).toBe('')
      expect(lines.length).toBeLessThanOrEqual(20)
      expect(r.stdout).toMatch(row)
      expect(r.stdout).not.toMatch(verboseOnly)
      expect(lines.at(-1)).toMatch(/--verbose: every part's table/)
      expect(valueCellHeights(r.stdout).filter((c) => c.lines > 1)).toEqual([])
      // Every line but the summary fits (combining marks, as the hat of k̂, take no column).
      for (const line of lines.slice(1))
        expect([...line.replace(/\p{M}/gu, '')].length).toBeLessThanOrEqual(Number(columns))
      // --verbose keeps today's full tables and the reading.
      const full = runCli([command, ...EXAMPLE, '--verbose'], {env})
      expect(full.stdout.split('\n')[0]).toBe(lines[0])
      expect(full.stdout).toMatch(verboseOnly)
      expect(full.stdout).toMatch(/\nreading\n/)
    },
  )

  it('compare: no value cell takes more than two lines (the bandwidths of two columns may)', () => {
    const r = runCli(['compare', ...EXAMPLE], {env})
    expect(r.code, r.stderr).toBe(0)
    expect(valueCellHeights(r.stdout).filter((row) => row.lines > 2)).toEqual([])
  })

  it('drift: each sparkline stays whole on one line, P and Q of a column the same length', () => {
    const r = runCli(['drift', 'fixtures/drift/p.csv', 'fixtures/drift/q.arrow'], {env})
    expect(r.code, r.stderr).toBe(0)
    const lines = [...r.stdout.matchAll(/([PQ])\u2800([\u2800▁▂▃▄▅▆▇█]+)/g)].map((m) => [m[1], m[2]])
    expect(lines).toHaveLength(10) // five columns, P and Q each
    for (let i = 0; i < lines.length; i += 2) {
      expect([lines[i][0], lines[i + 1][0]]).toEqual(['P', 'Q'])
      expect([...lines[i][1]].length).toBe([...lines[i + 1][1]].length)
    }
    // Numeric columns draw every bin: the bin count, whatever the wrapping.
    const numeric = lines.filter(([, s]) => [...s].length > 3)
    expect(new Set(numeric.map(([, s]) => [...s].length)).size).toBe(1)
  })
})

describe('CSV keeps the alignment thresholds as numbers under machine keys', () => {
  it('align --format csv', () => {
    const r = runCli(['align', ...EXAMPLE, '--format', 'csv'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('align,thresholds.source,default,')
    expect(r.stdout).toContain('align,thresholds.alignedMin,0.9,')
    expect(r.stdout).toContain('align,thresholds.dimTolerance,5,s.e.')
    expect(r.stdout).toContain('align,onManifold.tau,,input units')
  })
})
