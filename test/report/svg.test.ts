import {describe, expect, it} from 'vitest'
import type {BoundRow} from '../../src/core/bound/index.js'
import {sweepSvg} from '../../src/report/svg.js'

/** A made-up sweep: the JSD term reaches exactly 0 at the two largest σ (as the clamped noisy JSD does). */
function rows(): BoundRow[] {
  return [0.01, 0.1, 1, 10].map((sigma, i) => {
    const jsdTerm = i < 2 ? 5 / (i + 1) : 0
    const noiseTerm = 2 * sigma
    return {
      sigma,
      radius: 3 * sigma,
      V: sigma * sigma,
      C: 4,
      jsd: jsdTerm,
      jsdStderr: 0,
      draws: 10,
      w1: 0.5,
      noiseTerm,
      jsdTerm,
      value: noiseTerm + jsdTerm,
      holds: true,
      slack: 1,
    } as unknown as BoundRow
  })
}

describe('sweepSvg', () => {
  const svg = sweepSvg(rows(), {p: 'real <a>.csv', q: 'fake.csv', tightestSigma: 0.1})

  it('names both files in the title (escaped) and marks the tightest σ', () => {
    expect(svg).toContain('P = real &lt;a&gt;.csv, Q = fake.csv')
    expect(svg).toMatch(/<line class="tightest"/)
    expect(svg).toContain('tightest σ = 0.1')
  })

  it('keeps the 2C√JSD curve where it reaches 0: drawn on the bottom edge with open markers, one unbroken line', () => {
    const lines = svg.split('\n').filter((l) => l.includes('data-label="2C√JSD"'))
    expect(lines).toHaveLength(1)
    expect(lines[0].match(/points="([^"]*)"/)![1].split(' ')).toHaveLength(4)
    expect(svg.match(/class="zero"/g)).toHaveLength(2)
    expect(svg).toContain('exactly 0 (on the axis)')
  })

  it('has no zero markers when no value is 0', () => {
    const positive = rows().map((r) => ({...r, jsdTerm: 1}))
    expect(sweepSvg(positive, {p: 'a', q: 'b'})).not.toMatch(/class="zero"/)
  })
})
