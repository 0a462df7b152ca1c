import {describe, expect, it} from 'vitest'
import type {JsdResult} from '../../src/core/jsd/types.js'
import {jsdSection} from '../../src/report/jsd.js'
import {runCli} from '../helpers/cli.js'

// Issue 13 item 9: small wrong labels.
describe('report labels', () => {
  it("the align table counts the points of Q tested against P's manifold on the Q-on-P row (150), and of P on the other (400)", () => {
    // Wide enough that the notes stay on their rows (tables wrap long notes at the terminal width).
    const r = runCli(['align', 'fixtures/align/plane-a.csv', 'fixtures/issue13/plane-b-150.csv', '--verbose'], {
      env: {COLUMNS: '250'},
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Q on P's manifold[^\n]*150 points of Q tested/)
    expect(r.stdout).toMatch(/P on Q's manifold[^\n]*400 points of P tested/)
  })

  it('--standardize results are labelled in standardized units, never input units', () => {
    const r = runCli([
      'compare',
      'fixtures/examples/real.csv',
      'fixtures/examples/generated.csv',
      '--only',
      'w1,jsd',
      '--standardize',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('standardized units')
    expect(r.stdout).not.toContain('input units')
    const plain = runCli(['w1', 'fixtures/examples/real.csv', 'fixtures/examples/generated.csv'])
    expect(plain.stdout).toContain('input units')
  })

  it('a negative raw JSD is clamped up to 0, one above ln 2 down to it', () => {
    const base: JsdResult = {
      value: 0,
      unit: 'nats',
      method: 'knn',
      raw: -0.01,
      stderr: null,
      ci: null,
      bootstrap: 0,
      n: 10,
      m: 10,
      identical: false,
      reliable: true,
      warnings: [],
    }
    const note = (j: JsdResult) => jsdSection(j).rows.find((r) => r.name === 'raw estimate')!.note
    expect(note(base)).toMatch(/clamped up to 0/)
    expect(note({...base, raw: 0.7, value: Math.LN2})).toMatch(/clamped down/)
    expect(note({...base, raw: 0.3, value: 0.3})).toBe('before clamping')
  })

  it('"P and Q are the same set of points" is said once by compare', () => {
    const r = runCli([
      'compare',
      'fixtures/examples/real.csv',
      'fixtures/examples/real.csv',
      '--only',
      'jsd,bound',
      '--sigma',
      '0.1',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr.split('same set of points').length - 1).toBe(1)
  })
})
