// CPU seconds of the energy test's float64 observed statistic (src/core/twosample/statistics.ts pairSums) against the
// former both-orders loop, in one process (process.cpuUsage: CPU time, so less sensitive to a loaded machine).
// Usage: node bench/pairsums-symmetry.mjs [n] [d]   (after npm run build)

import {makeSampleSet} from '../dist/core/sampleset.js'
import {createRng} from '../dist/core/stats/rng.js'
import {pairSums} from '../dist/core/twosample/statistics.js'
import {sqDistTile} from '../dist/kernels/index.js'

const n = Number(process.argv[2] ?? 10000),
  d = Number(process.argv[3] ?? 64)
const rng = createRng(11)
const set = (shift) =>
  makeSampleSet(
    Float64Array.from({length: n * d}, () => rng.normal() + shift),
    n,
    d,
    Array.from({length: d}, (_, k) => `x${k}`),
    'x',
  )
const p = set(0),
  q = set(0)
const TILE = 128
/** The former loop: every ordered pair within a set (n² instead of n(n − 1)/2), same compensated sum. */
function oldPairSums(p, q, f) {
  const block = (a, na, b, nb, skip) => {
    let s = 0,
      c = 0
    const tile = new Float64Array(TILE * nb)
    for (let i0 = 0; i0 < na; i0 += TILE) {
      const i1 = Math.min(na, i0 + TILE)
      sqDistTile(a, i0, i1, b, 0, nb, d, tile)
      for (let i = i0; i < i1; i++)
        for (let j = 0; j < nb; j++) {
          if (skip && i === j) continue
          const v = f(tile[(i - i0) * nb + j]),
            t = s + v
          c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s
          s = t
        }
    }
    return s + c
  }
  return {
    pp: block(p.data, n, p.data, n, true),
    qq: block(q.data, n, q.data, n, true),
    pq: block(p.data, n, q.data, n, false),
  }
}
const cpu = (f) => {
  const t = process.cpuUsage()
  const r = f()
  const u = process.cpuUsage(t)
  return [r, (u.user + u.system) / 1e6]
}
for (let round = 1; round <= 2; round++) {
  const [a, ta] = cpu(() => oldPairSums(p, q, Math.sqrt))
  const [b, tb] = cpu(() => pairSums(p, q, Math.sqrt))
  const rel = Math.max(...['pp', 'qq', 'pq'].map((k) => Math.abs(a[k] - b[k]) / Math.abs(a[k])))
  console.log(
    `round ${round}: both orders ${ta.toFixed(2)} s CPU, j > i doubled ${tb.toFixed(2)} s CPU, ratio ${(tb / ta).toFixed(3)}, largest relative difference ${rel.toExponential(2)}`,
  )
}
