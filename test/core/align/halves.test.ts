import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {computeAlignment} from '../../../src/core/align/index.js'
import {makeSampleSet, type SampleSet, subset} from '../../../src/core/sampleset.js'
import {createRng, permutation} from '../../../src/core/stats/rng.js'

/** A headed numeric CSV (fixtures/issue13/make.py: sklearn's iris and digits, written by pandas). */
function csvSet(path: string): SampleSet {
  const lines = readFileSync(path, 'utf8').trim().split('\n')
  const columns = lines[0].split(',')
  const data = Float64Array.from(lines.slice(1).flatMap((l) => l.split(',').map(Number)))
  return makeSampleSet(data, lines.length - 1, columns.length, columns, path)
}

function halves(s: SampleSet, seed: number): [SampleSet, SampleSet] {
  const perm = permutation(createRng(seed), s.n)
  const h = Math.floor(s.n / 2)
  return [subset(s, perm.slice(0, h).sort()), subset(s, perm.slice(h, 2 * h).sort())]
}

// Issue 13 item 6: random halves of one data set are the same distribution, so their supports align.
describe('alignment verdict on real data: random halves of one data set are aligned', () => {
  const iris = csvSet('fixtures/issue13/iris.csv'),
    digits = csvSet('fixtures/issue13/digits.csv')

  it('iris: eight random halves, every one aligned, dimensions compared with their uncertainty', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const [a, b] = halves(iris, seed)
      const r = await computeAlignment(a, b, {seed})
      expect(
        r.verdict,
        `seed ${seed}: ${JSON.stringify(r.reasons.map((x) => x.code))} dims ${r.intrinsicDim.p} ${r.intrinsicDim.q}`,
      ).toBe('aligned')
      expect(r.intrinsicDim.stderr.p).toBeGreaterThan(0)
    }
  })

  it('digits: three random halves, every one aligned', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const [a, b] = halves(digits, seed)
      const r = await computeAlignment(a, b, {seed})
      expect(
        r.verdict,
        `seed ${seed}: ${JSON.stringify(r.reasons.map((x) => x.code))} dims ${r.intrinsicDim.p} ${r.intrinsicDim.q}`,
      ).toBe('aligned')
    }
  })

  it('two full-dimensional 8-D Gaussians with different covariances: aligned supports; the spread difference is its own finding', async () => {
    const a = csvSet('fixtures/issue13/g8-cov-a.csv'),
      b = csvSet('fixtures/issue13/g8-cov-b.csv')
    const r = await computeAlignment(a, b, {seed: 3})
    expect(r.intrinsicDim.full).toEqual({p: true, q: true})
    expect(r.verdict).toBe('aligned')
    expect(r.modeDropping.detected).toBe(true)
    // The verdict word and its reasons agree: no reason that points elsewhere among the support reasons.
    expect(
      r.reasons
        .filter((x) => ['aligned', 'partial', 'misaligned'].includes(x.points))
        .every((x) => x.points === 'aligned'),
    ).toBe(true)
  })

  it('verdict and reasons agree on every verdict; a dropped mode is a finding, not a lesser verdict', async () => {
    const ring = csvSet('fixtures/align/ring8.csv'),
      drop = csvSet('fixtures/align/ring8-drop1.csv')
    const r = await computeAlignment(ring, drop)
    expect(r.verdict).toBe('aligned')
    expect(r.modeDropping.detected).toBe(true)
    expect(r.reasons.map((x) => x.points)).toContain('mode-dropping')
    for (const x of r.reasons) expect(x.message).not.toMatch(/cannot positively align/)
  })

  it('--baseline calibrates the dimension tolerance too: twice the gap between two halves of P (at least 0.5)', async () => {
    const [a, b] = halves(iris, 4)
    const r = await computeAlignment(a, b, {baseline: true, seed: 4})
    expect(r.thresholds.source).toBe('baseline')
    const [d1, d2] = r.baseline!.dim
    expect(r.thresholds.dimSlack).toBe(Math.max(0.5, 2 * Math.abs(d1 - d2)))
    expect(r.verdict).toBe('aligned')
  })
})
