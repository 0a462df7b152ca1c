// @ts-check
// Benchmarks of the JSD and the Thm 3.3 bound. Run after `npm run build`:  node bench/jsd.mjs [kde|noisy|sweep|all]
// Targets: KDE JSD of two 10k × 8 sets ≤ 3 s; noisy JSD (s.e. ≤ 0.005 nats) on two 10k × 8 sets ≤ 10 s;
// a 20-point σ sweep on two 5k × 8 sets ≤ 60 s.

import {computeBound} from '../dist/core/bound/index.js'
import {computeJsd} from '../dist/core/jsd/index.js'
import {makeSampleSet} from '../dist/core/sampleset.js'
import {createRng} from '../dist/core/stats/rng.js'
import {kernelBackend} from '../dist/kernels/index.js'

/**
 * @param {number} n
 * @param {number} d
 * @param {number} shift
 * @param {number} seed
 */
function gaussian(n, d, shift, seed) {
  const rng = createRng(seed)
  const data = new Float64Array(n * d)
  for (let i = 0; i < n * d; i++) data[i] = rng.normal() + (i % d === 0 ? shift : 0)
  return makeSampleSet(
    data,
    n,
    d,
    Array.from({length: d}, (_, c) => `x${c}`),
    `N(${shift}e0, I${d})`,
  )
}

/**
 * @param {string} label
 * @param {() => Promise<string>} fn
 */
async function time(label, fn) {
  const t0 = performance.now()
  const r = await fn()
  const s = (performance.now() - t0) / 1000
  console.log(`${label}: ${s.toFixed(2)} s  ${r}`)
  return s
}

const which = process.argv[2] ?? 'all'
console.log(`node ${process.version}, kernels: ${kernelBackend()}, ${new Date().toISOString()}`)
if (which === 'kde' || which === 'all') {
  const p = gaussian(10000, 8, 0, 1),
    q = gaussian(10000, 8, 0.5, 2)
  await time('KDE JSD 10k × 8 vs 10k × 8 (20k LOO evaluations)', async () => {
    const r = await computeJsd(p, q, {method: 'kde', seed: 1})
    return `JSD = ${r.value.toFixed(5)} nats (raw ${r.raw.toFixed(5)})`
  })
}
if (which === 'noisy' || which === 'all') {
  const p = gaussian(10000, 8, 0, 1),
    q = gaussian(10000, 8, 0.5, 2)
  await time('noisy JSD 10k × 8 vs 10k × 8, σ = 0.5, adaptive draws', async () => {
    // The types of dist/ are inferred from its JavaScript; the source's declared result type has every key.
    const r = /** @type {import('../src/core/jsd/types.js').JsdResult} */ (
      /** @type {unknown} */ (await computeJsd(p, q, {method: 'noisy', sigma: 0.5, seed: 1}))
    )
    return `JSD = ${r.value.toFixed(5)} ± ${(r.stderr ?? Number.NaN).toFixed(5)} nats, ${r.draws} draws per side`
  })
}
if (which === 'sweep' || which === 'all') {
  const p = gaussian(5000, 8, 0, 3),
    q = gaussian(5000, 8, 0.5, 4)
  await time('bound σ sweep, 20 points, 5k × 8 vs 5k × 8 (incl. W1)', async () => {
    const r = /** @type {import('../src/core/bound/index.js').BoundResult} */ (
      /** @type {unknown} */ (await computeBound(p, q, {sweep: true, sweepPoints: 20, seed: 1}))
    )
    return `W1 ${r.w1.toFixed(4)} (${r.w1Is}), best σ ${r.sigma.toFixed(4)}, bound ${r.value.toFixed(4)}, all hold: ${(r.sweep ?? []).every((x) => x.holds)}`
  })
}
