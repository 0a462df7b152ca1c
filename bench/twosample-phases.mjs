// Where the energy test's time goes, phase by phase, in one process (issue 20's speed target: 10k vs 10k, d = 64,
// 1 000 relabellings, 2 threads). Each phase of src/core/twosample/index.ts `twoSampleTests` (energy only) is run
// by itself from dist/ and timed with wall and process CPU (user + sys of all threads).
//   npm run build && node bench/twosample-phases.mjs P Q [B=1000] [threads=2]

import {createRng} from '../dist/core/stats/rng.js'
import {relabelledSums, relabellings} from '../dist/core/twosample/permute.js'
import {defaultPooledBudget, pooledDistances} from '../dist/core/twosample/pooled.js'
import {energyFromSums, pairSums} from '../dist/core/twosample/statistics.js'
import {loadPair} from '../dist/io/load.js'
import {setKernelThreads} from '../dist/kernels/index.js'

const [P, Q, Barg, Targ] = process.argv.slice(2)
const B = Number(Barg ?? 1000),
  threads = Number(Targ ?? 2)
setKernelThreads(threads)
const rows = []
const phase = (name, f) => {
  const c0 = process.cpuUsage(),
    t0 = performance.now()
  const out = f()
  const c = process.cpuUsage(c0),
    wall = (performance.now() - t0) / 1000
  rows.push({phase: name, wall: +wall.toFixed(3), cpu: +((c.user + c.system) / 1e6).toFixed(3)})
  return out
}
const c0 = process.cpuUsage(),
  t0 = performance.now()
const {p, q} = await loadPair({p: P, q: Q}, {})
rows.push({
  phase: 'read',
  wall: +((performance.now() - t0) / 1000).toFixed(3),
  cpu: +((process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1e6).toFixed(3),
})
const pd = phase('pooled distances (tiles + row sums)', () => pooledDistances(p, q, defaultPooledBudget()))
phase('row sums again (alone)', () => pd.rowSums.length && pd.rowSums)
const labels = phase('relabellings', () => relabellings(createRng(1), p.n, q.n, B))
const sums = phase('observed statistic (float64 pair sums)', () => pairSums(p, q, (sq) => Math.sqrt(sq)))
const within = phase(`within-group sums, ${B + 1} groups`, () => pd.within(labels))
phase('relabelled statistics', () => {
  let total = 0
  for (const r of pd.rowSums) total += r
  for (let b = 0; b < labels.length; b++)
    energyFromSums(relabelledSums(within[b], pd.rowSums, total, labels[b], p.n <= q.n), p.n, q.n)
})
pd.dispose()
const all = rows.reduce((a, r) => a + r.wall, 0)
console.table(rows)
console.log(`total ${all.toFixed(2)} s wall; energy ${energyFromSums(sums, p.n, q.n)}; threads ${threads}; B ${B}`)
