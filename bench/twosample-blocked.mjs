// @ts-check
// The blocked energy/MMD estimator against the full one on the same data, in one process (issue 20: sizes whose
// pooled matrix does not fit the memory budget). For each block count K: wall time, the statistic, its stated
// standard error, |blocked − full| / SE, and the p-value; K = 1 is the full statistic. Each K is run for `seeds`
// seeds (1 … seeds: each a different partition and relabelling), and the mean and spread over them are printed.
//   npm run build && node bench/twosample-blocked.mjs P Q [B=199] [threads=2] [blocks=1,2,4,8] [seeds=3] [tests=energy]

import {twoSampleTests} from '../dist/core/twosample/index.js'
import {loadPair} from '../dist/io/load.js'
import {setKernelThreads} from '../dist/kernels/index.js'

const [P, Q, Barg, Targ, Karg, Sarg, Targs] = process.argv.slice(2)
if (!P || !Q) throw new Error('usage: node bench/twosample-blocked.mjs P Q [B] [threads] [blocks] [seeds] [tests]')
const B = Number(Barg ?? 199),
  threads = Number(Targ ?? 2),
  seeds = Number(Sarg ?? 3)
const blockCounts = (Karg ?? '1,2,4,8').split(',').map(Number)
const tests = /** @type {('energy' | 'mmd')[]} */ ((Targs ?? 'energy').split(','))
setKernelThreads(threads)
const {p, q} = await loadPair({p: P, q: Q}, {})
const w1 = {method: /** @type {'auto'} */ ('auto'), gap: 0.01, maxIter: 2000, projections: 100, seed: 1}
const run = async (/** @type {number} */ blocks, /** @type {number} */ seed) => {
  const t0 = performance.now()
  const r = await twoSampleTests(p, q, {tests, permutations: B, seed, blocks, w1, memory: 2 ** 31})
  return {wall: (performance.now() - t0) / 1000, tests: r.tests}
}
const full = await run(1, 1)
const rows = []
for (const K of blockCounts)
  for (let s = 1; s <= (K === 1 ? 1 : seeds); s++) {
    const r = K === 1 ? full : await run(K, s)
    for (const [i, t] of r.tests.entries()) {
      const T = full.tests[i].statistic
      rows.push({
        test: t.name,
        blocks: K,
        seed: s,
        wall: +r.wall.toFixed(2),
        statistic: +t.statistic.toPrecision(6),
        standardError: t.standardError === undefined ? '' : +t.standardError.toPrecision(3),
        'z vs full': t.standardError ? +((t.statistic - T) / t.standardError).toFixed(2) : '',
        pValue: t.pValue,
        precision: t.nullPrecision,
      })
    }
  }
console.table(rows)
console.log(`P ${p.n} × ${p.d}, Q ${q.n} × ${q.d}; B ${B}; threads ${threads}`)
