// @ts-check
// W1 benchmarks against its targets (bench/RESULTS.md "W1"). Runs on the built dist/ (npm run build).
// Each case runs in a child process so its peak RSS is its own: `node bench/w1.mjs [case…]`, cases listed below.
// BENCH_W1_FULL=1 adds the long runs (exact 4000², time-to-1%-gap at 10k).
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const dist = new URL('../dist/', import.meta.url)
const {makeSampleSet} = await import(new URL('core/sampleset.js', dist).href)
const {createRng} = await import(new URL('core/stats/rng.js', dist).href)
const {computeW1} = await import(new URL('core/ot/w1.js', dist).href)
const {sinkhorn} = await import(new URL('core/ot/sinkhorn.js', dist).href)
const kernels = await import(new URL('kernels/index.js', dist).href)

/**
 * @param {number} seed
 * @param {number} n
 * @param {number} d
 */
function gaussian(seed, n, d, shift = 0) {
  const r = createRng(seed)
  const data = new Float64Array(n * d)
  for (let i = 0; i < data.length; i++) data[i] = r.normal() + (i % d === 0 ? shift : 0)
  return makeSampleSet(
    data,
    n,
    d,
    Array.from({length: d}, (_, k) => `x${k}`),
    'bench',
  )
}
const opts = (/** @type {string} */ method, extra = {}) => ({
  method,
  gap: 0.01,
  maxIter: 5000,
  projections: 100,
  seed: 1,
  ...extra,
})
/**
 * @param {() => any} fn a W1 run (dist/ is untyped JavaScript, so its results are `any` here)
 */
const time = async (fn) => {
  const t = performance.now()
  const r = await fn()
  return {s: (performance.now() - t) / 1000, r}
}

const cases = {
  async 'exact-1d-1e6'() {
    const p = gaussian(1, 1e6, 1),
      q = gaussian(2, 1e6, 1, 0.5)
    const {s, r} = await time(() => computeW1(p, q, opts('exact-1d')))
    return `1-D exact, 1e6 vs 1e6: ${s.toFixed(2)} s (W1 = ${r.value.toFixed(6)}; target ≤ 0.6 s)`
  },
  async 'sinkhorn-iter'(d = 2, n = 10000) {
    const out = []
    for (const backend of ['wasm', 'ts']) {
      if (backend === 'ts' && d > 2) continue
      kernels.setKernelBackend(backend)
      const p = gaussian(3, n, d),
        q = gaussian(4, n, d, 0.5)
      const a = new Float64Array(n).fill(1 / n)
      const input = {x: p.data, n, y: q.data, m: n, d, a, b: a, power: 1}
      const iters = 3
      const {s} = await time(() =>
        sinkhorn(input, {epsilon: 0.01, epsilonStart: 0.01, gap: 0.01, maxIter: iters, certify: false}),
      )
      out.push(`${backend}: ${(s / (iters + 0.5)).toFixed(3)} s/iteration`)
    }
    return `Sinkhorn n = m = ${n}, d = ${d}, one iteration (f and g updates): ${out.join(', ')} (target ≤ ${d === 2 ? 0.4 : 2} s)`
  },
  'sinkhorn-iter-d64'() {
    return cases['sinkhorn-iter'](64)
  },
  async 'sinkhorn-gap-2000'(n = 2000) {
    const p = gaussian(5, n, 8),
      q = gaussian(6, n, 8, 0.5)
    const {s, r} = await time(() => computeW1(p, q, opts('sinkhorn')))
    return `Sinkhorn to a 1% certified gap, n = m = ${n}, d = 8: ${s.toFixed(1)} s, ${r.iterations} iterations, [${r.lower.toFixed(5)}, ${r.upper.toFixed(5)}], converged ${r.converged}, ε = ${r.epsilon.toExponential(2)}`
  },
  async 'sinkhorn-gap-10k'() {
    return cases['sinkhorn-gap-2000'](10000)
  },
  async exact(n = 1000) {
    const p = gaussian(7, n, 8),
      q = gaussian(8, n, 8, 0.5)
    const {s, r} = await time(() => computeW1(p, q, opts('exact')))
    return `exact n = m = ${n}, d = 8: ${s.toFixed(2)} s (W1 = ${r.value.toFixed(6)}; target at 4000: ≤ 5 s)`
  },
  async 'exact-unequal'() {
    const out = []
    for (const [n, m] of [
      [100, 1000],
      [900, 1000],
      [10, 10000],
    ]) {
      const p = gaussian(11, n, 2),
        q = gaussian(12, m, 2, 0.3)
      const {s, r} = await time(() => computeW1(p, q, opts('exact')))
      out.push(`${n} × ${m}: ${s.toFixed(2)} s (W1 = ${r.value.toFixed(6)})`)
    }
    return `exact (successive shortest paths), unequal sizes, d = 2: ${out.join('; ')}`
  },
  async 'auto-10-vs-10k'() {
    const p = gaussian(11, 10, 2),
      q = gaussian(12, 10000, 2, 0.3)
    const {s, r} = await time(() => computeW1(p, q, opts('auto')))
    return `auto, 10 vs 10 000, d = 2: ${s.toFixed(2)} s, method ${r.method}, [${r.lower.toFixed(5)}, ${r.upper.toFixed(5)}], S_ε ${r.sinkhornDivergence === null ? 'skipped' : r.sinkhornDivergence}`
  },
  async 'exact-4000'() {
    return cases.exact(4000)
  },
  async 'sliced-1e5x64'() {
    const p = gaussian(9, 1e5, 64),
      q = gaussian(10, 1e5, 64, 0.5)
    const {s, r} = await time(() => computeW1(p, q, opts('sliced', {projections: 200})))
    return `sliced, 1e5 vs 1e5, d = 64, 200 projections: ${s.toFixed(2)} s (lower bound ${r.value.toFixed(6)}; target ≤ 4.5 s)`
  },
}

const quick = [
  'exact-1d-1e6',
  'sinkhorn-iter',
  'sinkhorn-iter-d64',
  'exact',
  'exact-unequal',
  'auto-10-vs-10k',
  'sinkhorn-gap-2000',
  'sliced-1e5x64',
]
const full = [...quick, 'exact-4000', 'sinkhorn-gap-10k']
const wanted = process.argv.slice(2).filter((a) => a in cases)
if (wanted.length === 1 && process.env.BENCH_W1_CHILD) {
  const line = await cases[/** @type {keyof typeof cases} */ (wanted[0])]()
  console.log(`${line}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
} else {
  const list = wanted.length ? wanted : process.env.BENCH_W1_FULL ? full : quick
  console.log(
    `W1 benchmarks, ${new Date().toISOString()}, Node ${process.version}, kernels: ${kernels.kernelBackend()}`,
  )
  for (const c of list) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), c], {
      env: {...process.env, BENCH_W1_CHILD: '1'},
      encoding: 'utf8',
    })
    console.log(
      r.status === 0
        ? `- ${r.stdout.trim()}`
        : `- ${c}: failed: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`,
    )
  }
}
