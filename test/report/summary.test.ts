/** The summary line a CI log shows: failed gates named with value and threshold, parts not computed said so. */
import {describe, expect, it} from 'vitest'
import type {CompareResult} from '../../src/core/compare.js'
import type {Gate} from '../../src/report/document.js'
import {compareSummary, gateSummary, shortReason} from '../../src/report/summary.js'

const gate = (g: Partial<Gate> & Pick<Gate, 'name'>): Gate => ({
  threshold: 1,
  value: 0.5,
  passed: true,
  kind: 'max',
  ...g,
})

describe('gateSummary', () => {
  it('all passed', () => {
    expect(gateSummary([gate({name: 'w1'}), gate({name: 'recall', kind: 'min'})])).toBe('gates: all 2 passed')
  })

  it('names each failed gate with its value, the side it failed on and the threshold', () => {
    const gates = [
      gate({name: 'w1', value: 0.578957, threshold: 0.5, passed: false}),
      gate({name: 'recall', kind: 'min', value: 0.4, threshold: 0.8, passed: false}),
      gate({name: 'jsd'}),
    ]
    expect(gateSummary(gates)).toBe('gates: 2 of 3 FAILED (w1 0.578957 > 0.5; recall 0.4 < 0.8)')
  })

  it('a gate that could not be evaluated is said as such, not as a failure', () => {
    const gates = [gate({name: 'w1', value: null, passed: false, notEvaluated: 'the w1 part could not be computed'})]
    expect(gateSummary(gates)).toBe('gates: 1 of 1 NOT EVALUATED (w1 not evaluated)')
  })
})

describe('compareSummary', () => {
  it('says which asked part was not computed, and why in a word or two', () => {
    const r = {
      diameter: {value: 1, exact: true},
      errors: {w1: 'exact W1 on 20000 × 20000 points would take about 35 min; the limit is 30 min'},
      timing: {},
    } as unknown as CompareResult
    expect(compareSummary(r, [], new Set(['w1']))).toBe('w1 not computed (time budget)')
    // A part that was not asked for is not mentioned.
    expect(compareSummary(r, [], new Set(['jsd']))).toBe('')
  })

  it('short reasons', () => {
    expect(shortReason('σ = 1e+200 is too large for float64 (V = E‖ε‖² overflows)')).toBe('float64 range')
    expect(shortReason('every point of P and Q is the same point')).toBe('degenerate data')
    expect(shortReason('something else')).toBe('see its table')
  })
})
