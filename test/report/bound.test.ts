/** The Thm 3.3 section's W1 note: says how W1 was found, without repeating the method's name. */
import {describe, expect, it} from 'vitest'
import type {BoundResult} from '../../src/core/bound/index.js'
import {boundSection} from '../../src/report/bound.js'

// Only the fields the W1 row and the notes read; the numbers are placeholders, not results.
const base = {
  w1: 1,
  value: 2,
  holds: true,
  slack: 1,
  sigma: 1,
  radius: 1,
  V: 1,
  C: 1,
  jsd: 0.1,
  jsdStderr: 0.01,
  jsdUpper: 0.13,
  upper: 2.5,
  confidence: 0.999,
  draws: 10,
  noiseTerm: 1,
  jsdTerm: 1,
  vacuous: false,
  diameter: {value: 3, exact: true},
}
const w1Note = (extra: Partial<BoundResult>) =>
  boundSection({...base, ...extra} as unknown as BoundResult).rows.find((r) => r.key === 'w1')!.note

describe('bound report', () => {
  it("the W1 note names the exact method once ('exact', not 'exact (exact)'), and the 1-D and Sinkhorn cases", () => {
    expect(w1Note({w1Is: 'exact', w1Method: 'exact'})).toBe('exact')
    expect(w1Note({w1Is: 'exact', w1Method: 'exact-1d'})).toBe('exact (exact-1d)')
    expect(w1Note({w1Is: 'certified-upper', w1Method: 'sinkhorn'})).toBe('certified upper end of the sinkhorn bracket')
  })
})
