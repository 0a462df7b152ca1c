/**
 * Strict CSV numbers: every double JavaScript prints reads back exactly; the spellings Number() lets through
 * (empty, NaN, Infinity, hex, overflow) are refused. (A hand-written char-code scanner was tried in place of the
 * regular expression and was no faster: Number() itself dominates, bench/RESULTS.md.)
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parseStrictNumber} from '../../src/io/number.js'

describe('parseStrictNumber', () => {
  it('reads every finite double printed by JavaScript back exactly', () => {
    fc.assert(
      fc.property(fc.double({noNaN: true, noDefaultInfinity: true}), (x) => {
        fc.pre(!Object.is(x, -0)) // String(-0) is '0'
        expect(Object.is(parseStrictNumber(String(x)), x)).toBe(true)
      }),
      {numRuns: 2000},
    )
  })

  it('refuses the spellings Number() lets through', () => {
    for (const bad of [
      '',
      '  ',
      'NaN',
      'inf',
      '-Infinity',
      '0x1F',
      '1e309',
      '-1e400',
      '1_000',
      '1.2.3',
      '1e',
      'e5',
      '.',
      '+',
      '1,5',
    ]) {
      expect(parseStrictNumber(bad), bad).toBeNaN()
    }
    // Leading/trailing blanks (as in "a, b" CSVs) are allowed; 1e-400 underflows to 0, which is finite.
    expect([
      parseStrictNumber(' 2.5 '),
      parseStrictNumber('1.'),
      parseStrictNumber('-.5e1'),
      parseStrictNumber('1e-400'),
    ]).toEqual([2.5, 1, -5, 0])
  })
})
