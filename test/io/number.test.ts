/**
 * The hand-written number scanner must accept exactly what the strict grammar in its doc comment accepts — the
 * regular expression below is that grammar (the scanner replaced it for speed, bench/RESULTS.md).
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parseStrictNumber} from '../../src/io/number.js'

const GRAMMAR = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const byGrammar = (field: string) => {
  const s = field.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '')
  if (!GRAMMAR.test(s)) return Number.NaN
  const x = Number(s)
  return Number.isFinite(x) ? x : Number.NaN
}

describe('parseStrictNumber', () => {
  it('agrees with the grammar on strings built from number-ish characters', () => {
    const chars = fc.constantFrom('0', '1', '9', '.', 'e', 'E', '+', '-', ' ', '\t', 'x', 'n', 'a', 'i', 'f')
    fc.assert(fc.property(fc.array(chars, {maxLength: 12}).map((a) => a.join('')), (s) => {
      expect(Object.is(parseStrictNumber(s), byGrammar(s)) || (Number.isNaN(parseStrictNumber(s)) && Number.isNaN(byGrammar(s)))).toBe(true)
    }), {numRuns: 5000})
  })

  it('reads every finite double printed by JavaScript back exactly', () => {
    fc.assert(fc.property(fc.double({noNaN: true, noDefaultInfinity: true}), (x) => {
      fc.pre(!Object.is(x, -0)) // String(-0) is '0'
      expect(Object.is(parseStrictNumber(String(x)), x)).toBe(true)
    }), {numRuns: 2000})
  })

  it('refuses the spellings Number() lets through', () => {
    for (const bad of ['', '  ', 'NaN', 'inf', '-Infinity', '0x1F', '1e309', '-1e400', '1_000', '1.2.3', '1e', 'e5', '.', '+', '1,5']) {
      expect(parseStrictNumber(bad), bad).toBeNaN()
    }
    // Leading/trailing blanks (as in "a, b" CSVs) are allowed; 1e-400 underflows to 0, which is finite.
    expect([parseStrictNumber(' 2.5 '), parseStrictNumber('1.'), parseStrictNumber('-.5e1'), parseStrictNumber('1e-400')]).toEqual([2.5, 1, -5, 0])
  })
})
