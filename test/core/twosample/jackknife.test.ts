/**
 * The two-sample jackknife standard error of the blocked energy/MMD estimate (src/core/twosample/jackknife.ts).
 * Data seeds are consecutive integers from a round start, fixed before the first run.
 */
import {describe, expect, it} from 'vitest'
import {subset} from '../../../src/core/sampleset.js'
import {twoSampleTests} from '../../../src/core/twosample/index.js'
import {jackknifeStandardError, pointSums} from '../../../src/core/twosample/jackknife.js'
import {
  energyFromSums,
  gaussianOfSquared,
  mmdFromSums,
  type PairSums,
  pairSums,
} from '../../../src/core/twosample/statistics.js'
import {shiftedGaussian} from '../../helpers/sets.js'

const w1 = {method: 'auto' as const, gap: 0.01, maxIter: 2000, projections: 100, seed: 1}
const without = (n: number, i: number) => Array.from({length: n - 1}, (_, k) => (k < i ? k : k + 1))

describe('two-sample jackknife standard error', () => {
  it('one block: equals the jackknife from brute-force leave-one-out statistics (12 + 10 points), to 1e-10', () => {
    const p = shiftedGaussian(31, 12, 3),
      q = shiftedGaussian(32, 10, 3, 0.7)
    const cases: [string, (sq: number) => number, (s: PairSums, n: number, m: number) => number][] = [
      ['energy', (sq) => Math.sqrt(sq), energyFromSums],
      ['mmd', gaussianOfSquared(1.3), mmdFromSums],
    ]
    for (const [name, f, stat] of cases) {
      const se = jackknifeStandardError([{n: p.n, m: q.n, sums: pairSums(p, q, f), points: pointSums(p, q, f)}], stat)
      const spread = (v: number[]) => {
        const mean = v.reduce((a, x) => a + x, 0) / v.length
        return ((v.length - 1) / v.length) * v.reduce((a, x) => a + (x - mean) ** 2, 0)
      }
      const leaveP = Array.from({length: p.n}, (_, i) => stat(pairSums(subset(p, without(p.n, i)), q, f), p.n - 1, q.n))
      const leaveQ = Array.from({length: q.n}, (_, j) => stat(pairSums(p, subset(q, without(q.n, j)), f), p.n, q.n - 1))
      const brute = Math.sqrt(spread(leaveP) + spread(leaveQ))
      expect(Math.abs(se - brute) / brute, name).toBeLessThan(1e-10)
    }
  })

  it('matches the spread over 30 independent data sets (200 vs 200, 2-D, shift 0.5), full and in 4 blocks', async () => {
    // The sd of 30 draws is itself uncertain by about 13 %: the mean SE must be within 0.7–1.4 × that sd.
    for (const blocks of [1, 4]) {
      const energy: number[] = [],
        mmd: number[] = [],
        seE: number[] = [],
        seM: number[] = []
      for (let k = 1; k <= 30; k++) {
        const r = await twoSampleTests(
          shiftedGaussian(300 + 2 * k, 200, 2),
          shiftedGaussian(301 + 2 * k, 200, 2, 0.5),
          {
            tests: ['energy', 'mmd'],
            permutations: 1,
            seed: k,
            blocks,
            w1,
          },
        )
        energy.push(r.tests[0].statistic)
        seE.push(r.tests[0].standardError!)
        mmd.push(r.tests[1].statistic)
        seM.push(r.tests[1].standardError!)
      }
      const mean = (v: number[]) => v.reduce((a, x) => a + x, 0) / v.length
      const sd = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + (x - mean(v)) ** 2, 0) / (v.length - 1))
      for (const [name, values, errors] of [
        ['energy', energy, seE],
        ['mmd', mmd, seM],
      ] as const) {
        const ratio = mean(errors) / sd(values)
        expect(ratio, `${name}, ${blocks} blocks: mean SE ${mean(errors)}, sd ${sd(values)}`).toBeGreaterThan(0.7)
        expect(ratio, `${name}, ${blocks} blocks: mean SE ${mean(errors)}, sd ${sd(values)}`).toBeLessThan(1.4)
      }
    }
  }, 60_000)
})
