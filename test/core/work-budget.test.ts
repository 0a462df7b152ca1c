import {afterEach, describe, expect, it} from 'vitest'
import {InputError} from '../../src/core/errors.js'
import {kdeJsd} from '../../src/core/jsd/kde.js'
import {makeSampleSet} from '../../src/core/sampleset.js'
import {createRng} from '../../src/core/stats/rng.js'
import {durationText, ensureAffordable, pairWork, setWorkBudget} from '../../src/core/work-budget.js'

const original = setWorkBudget(1800)
afterEach(() => void setWorkBudget(original))

describe('work budget', () => {
  it('estimates pairs × (d + 8) units at 1 ns each and refuses past the budget, naming --sample', () => {
    expect(pairWork(1e6, 2)).toBe(1e7)
    // 1e12 units = 1000 s: inside the default 30 min, outside a 10 min budget.
    expect(() => ensureAffordable('x', 1e12)).not.toThrow()
    setWorkBudget(600)
    expect(() => ensureAffordable('KDE JSD on a lot', 1e12)).toThrow(InputError)
    expect(() => ensureAffordable('KDE JSD on a lot', 1e12)).toThrow(
      /KDE JSD on a lot would take about 17 min .*limit is 10 min.*⟨sample⟩ N/,
    )
  })

  it('ignores a budget that is not a positive number', () => {
    setWorkBudget(5)
    expect(setWorkBudget(-1)).toBe(5)
    expect(setWorkBudget(Number.NaN)).toBe(5)
  })

  it('a method refuses before computing (KDE on 2 × 2000 points in 8 dimensions under a 1 ms budget)', () => {
    const rng = createRng(1)
    const set = () =>
      makeSampleSet(
        Float64Array.from({length: 2000 * 8}, () => rng.normal()),
        2000,
        8,
        Array.from({length: 8}, (_, k) => `x${k}`),
        's',
      )
    const p = set(),
      q = set()
    setWorkBudget(0.001)
    expect(() => kdeJsd(p, q)).toThrow(/KDE JSD on 2000 \+ 2000 points in 8 dimensions would take about/)
    setWorkBudget(1800)
    expect(Number.isFinite(kdeJsd(p, q).raw)).toBe(true)
  })

  it('writes durations for people', () => {
    expect(durationText(42)).toBe('42 s')
    expect(durationText(600)).toBe('10 min')
    expect(durationText(5 * 3600)).toBe('5 h')
    expect(durationText(10 * 86400)).toBe('10 days')
  })
})
