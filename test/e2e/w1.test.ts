import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

describe('divergence w1', () => {
  it('WGAN Example 1 from files: W1 = θ = 1 exactly, in every format', () => {
    const r = runCli(['w1', 'fixtures/examples/lines-theta0.csv', 'fixtures/examples/lines-theta1.csv', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.w1).toMatchObject({method: 'exact', value: 1, lower: 1, upper: 1, converged: true})
    expect(doc.p).toMatchObject({n: 200, d: 2, columns: ['x', 'z']})
  })

  it('reads the same data identically from CSV, Parquet and Arrow', () => {
    const values = ['csv', 'parquet', 'arrow'].map((ext) => {
      const r = runCli(['w1', `fixtures/examples/real.${ext}`, `fixtures/examples/generated.${ext}`, '--json'])
      expect(r.code, r.stderr).toBe(0)
      const {timing, ...rest} = JSON.parse(r.stdout)
      expect(timing.total).toBeGreaterThanOrEqual(0)
      return rest.w1
    })
    expect(values[1]).toEqual(values[0])
    expect(values[2]).toEqual(values[0])
  })

  it('prints a table with the method and the sliced lower bound labelled', () => {
    const r = runCli(['w1', 'fixtures/examples/real.csv', 'fixtures/examples/generated.csv', '--method', 'sliced', '--projections', '20'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/W1\s*│\s*[\d.]+\s*│ input units │ sliced: a LOWER bound/)
  })

  it('refuses --gap 0 with one line and exit 2', () => {
    const r = runCli(['w1', 'fixtures/examples/real.csv', 'fixtures/examples/generated.csv', '--gap', '0'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim()).toBe('Error: --gap must be > 0 (a relative width such as 0.01), got 0')
  })
})
