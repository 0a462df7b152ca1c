// @ts-check
// What the drift gates' bootstrap intervals cost (src/core/drift/interval.ts): one numeric column of n values per
// side (N(0, 1) vs N(0.1, 1), seeded), B resamples of W1 / std(P) and PSI, timed in one process; prints nanoseconds
// per value (P + Q) per resample, the figure the time estimate (NS_PER_VALUE) is set below.
//   npm run build && node bench/drift-interval.mjs [n=100000] [B=199] [repeats=3]

import {columnIntervals} from '../dist/core/drift/interval.js'
import {createRng} from '../dist/core/stats/rng.js'

const n = Number(process.argv[2] ?? 100000),
  B = Number(process.argv[3] ?? 199),
  repeats = Number(process.argv[4] ?? 3)
const draw = (/** @type {number} */ seed, /** @type {number} */ shift) => {
  const r = createRng(seed)
  return Float64Array.from({length: n}, () => r.normal() + shift).sort()
}
const xs = draw(1, 0),
  ys = draw(2, 0.1)
for (let k = 0; k < repeats; k++) {
  const t0 = performance.now()
  const iv = columnIntervals(xs, ys, {resamples: B, seed: 1}, createRng(1))
  const s = (performance.now() - t0) / 1000
  const w = 'skipped' in iv.w1NormedInterval ? iv.w1NormedInterval.skipped : iv.w1NormedInterval
  console.log(
    `n ${n} per side, B ${B}: ${s.toFixed(2)} s, ${((s * 1e9) / (2 * n * B)).toFixed(1)} ns per value per resample; w1Normed interval ${JSON.stringify(w)}`,
  )
}
