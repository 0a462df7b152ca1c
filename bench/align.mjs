// @ts-check
// Benchmark of the alignment check (targets: two 10k × 64 sets ≤ 30 s, two 50k × 8 sets ≤ 60 s, RSS ≤ 1 GB).
// Run after `npm run build`:  node bench/align.mjs [n] [d] [manifoldSample]   (one size per process, so maxRSS is its own)
import {computeAlignment} from '../dist/core/align/index.js'
import {knnSelf} from '../dist/core/knn/index.js'
import {createRng} from '../dist/core/stats/rng.js'
import {kernelBackend} from '../dist/kernels/index.js'

const n = Number(process.argv[2] ?? 10000),
  d = Number(process.argv[3] ?? 64),
  sample = Number(process.argv[4] ?? 1000)
/**
 * @param {number} seed
 * @param {number} shift
 */
function gaussian(seed, shift) {
  const r = createRng(seed)
  const data = new Float64Array(n * d)
  for (let i = 0; i < data.length; i++) data[i] = r.normal() + (i % d === 0 ? shift : 0)
  return {n, d, data, columns: Array.from({length: d}, (_, k) => `x${k}`), source: `gaussian-${seed}`}
}
const p = gaussian(1, 0),
  q = gaussian(2, 0.5)
let t = performance.now()
knnSelf(p, 20)
const selfKnn = (performance.now() - t) / 1000
t = performance.now()
const a = await computeAlignment(p, q, {manifoldSample: sample})
const total = (performance.now() - t) / 1000
console.log(
  JSON.stringify({
    n,
    d,
    manifoldSample: sample,
    backend: kernelBackend(),
    selfKnnSeconds: +selfKnn.toFixed(2),
    alignSeconds: +total.toFixed(2),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    verdict: a.verdict,
    kHat: a.onManifold.kHat,
    K: a.onManifold.neighbourhood,
    qOnP: a.onManifold.qOnP,
    coverage: a.coverage,
  }),
)
