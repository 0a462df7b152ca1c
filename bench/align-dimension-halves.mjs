// @ts-check
// How far apart are the TwoNN dimensions of two random halves of one data set, in units of se = d̂/√N?
// Calibrates the alignment verdict's --dim-tolerance (docs/align.md). Run after `npm run build`:
//   node bench/align-dimension-halves.mjs
// Data: fixtures/issue13/{iris,digits}.csv (sklearn's iris and digits, fixtures/issue13/make.py). 30 seeded splits each.
import {readFileSync} from 'node:fs'

const {knnSelf} = await import('../dist/core/knn/index.js')
const {twoNN} = await import('../dist/core/align/intrinsic-dimension.js')
const {makeSampleSet} = await import('../dist/core/sampleset.js')
const {createRng, permutation} = await import('../dist/core/stats/rng.js')

const load = (/** @type {string} */ path) =>
  readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number))
for (const name of ['iris', 'digits']) {
  const rows = load(`fixtures/issue13/${name}.csv`)
  const d = rows[0].length,
    n = rows.length,
    half = Math.floor(n / 2)
  const rng = createRng(3)
  const z = [],
    gaps = []
  for (let t = 0; t < 30; t++) {
    const perm = permutation(rng, n)
    const est = [0, 1].map((h) => {
      const idx = Array.from(perm.slice(h * half, (h + 1) * half))
      const s = makeSampleSet(
        Float64Array.from(idx.flatMap((i) => rows[i])),
        half,
        d,
        rows[0].map((_, k) => `c${k}`),
        name,
      )
      return twoNN(knnSelf(s, 20), 0.1)
    })
    gaps.push(Math.abs(est[0].value - est[1].value))
    z.push(gaps[t] / Math.hypot(est[0].stderr, est[1].stderr))
  }
  z.sort((a, b) => a - b)
  gaps.sort((a, b) => a - b)
  console.log(
    `${name} (${n} × ${d}, halves of ${half}): |d_A − d_B| / se  median ${z[15].toFixed(2)}  90% ${z[27].toFixed(2)}  max ${z[29].toFixed(2)};  largest gap ${gaps[29].toFixed(2)}`,
  )
}
