// @ts-check
// Issue 22 item 3: the bound's default σ. Is it informative (below the diameter of P ∪ Q, which bounds W1 anyway)?
// Run after `npm run build`:  nice -n 10 node bench/bound-sigma.mjs [filter]
// For each case: the old default (σ = the median nearest-neighbour distance of P ∪ Q), the new default (the tightest
// of searchSigma's grid, src/core/bound/index.ts), and the tightest σ of a 20-point --sweep (the best the grid
// 1e-3 … 1 × diameter finds, at 20 full evaluations). Cases: the bundled fixtures, Gaussian shifts in d = 1 … 16,
// sizes 200 … 1000, and two mixtures. Prints one row per case and the medians; the figures go to bench/RESULTS.md.
// Target: the new default is below the diameter on every case where any σ of the sweep is.

import {computeBound} from '../dist/core/bound/index.js'
import {generate} from '../dist/core/gen/index.js'
import {defaultSigma} from '../dist/core/jsd/default-sigma.js'
import {computeW1} from '../dist/core/ot/w1.js'
import {makeSampleSet} from '../dist/core/sampleset.js'
import {createRng} from '../dist/core/stats/rng.js'
import {loadPair} from '../dist/io/load.js'

const filter = process.argv[2]
const base = {
  n: 500,
  theta: 0,
  dim: 2,
  shift: 0,
  scale: 1,
  tilt: 0,
  offset: 0,
  modes: 8,
  drop: 0,
  spread: 0.05,
  noise: 0,
}
/** @param {string} name @param {Partial<typeof base>} o @param {number} seed */
const gen = (name, o, seed) => generate(name, createRng(seed), {...base, ...o})
/**
 * A two-component Gaussian mixture in d = 2: weight w at N(0, I), 1 − w at N(4·e₀ + shift·e₁, I), n points.
 * @param {number} n @param {number} w @param {number} shift @param {number} seed
 */
function mixture(n, w, shift, seed) {
  const rng = createRng(seed)
  const data = new Float64Array(n * 2)
  for (let i = 0; i < n; i++) {
    const far = rng.uniform() >= w
    data[2 * i] = rng.normal() + (far ? 4 : 0)
    data[2 * i + 1] = rng.normal() + (far ? shift : 0)
  }
  return makeSampleSet(data, n, 2, ['x0', 'x1'], 'bench')
}

/** @type {[string, () => Promise<import('../src/core/sampleset.js').SampleSet[]>][]} */
const cases = []
const fx = new URL('../fixtures/', import.meta.url).pathname
for (const [a, b] of [
  ['examples/real.csv', 'examples/generated.csv'],
  ['examples/lines-theta0.csv', 'examples/lines-theta1.csv'],
  ['align/gauss-a.csv', 'align/gauss-b.csv'],
  ['align/gauss-a.csv', 'align/gauss-far.csv'],
  ['align/ring8.csv', 'align/ring8-drop1.csv'],
  ['align/plane-a.csv', 'align/plane-b.csv'],
  ['align/plane-a.csv', 'align/plane-offset.csv'],
  ['align/plane-a.csv', 'align/plane-rotated.csv'],
  ['align/plane-a.csv', 'align/curve-in-plane.csv'],
])
  cases.push([
    `${a} vs ${b}`,
    async () => {
      const l = await loadPair({p: fx + a, q: fx + b}, {seed: 42})
      return [l.p, l.q]
    },
  ])
for (const d of [1, 2, 3, 4, 8, 16])
  for (const shift of [0.5, 1])
    cases.push([
      `N(0,I) vs N(${shift}e0,I) d=${d} n=500`,
      async () => [gen('gaussians', {dim: d}, 1), gen('gaussians', {dim: d, shift}, 2)],
    ])
for (const n of [200, 1000])
  cases.push([
    `N(0,I) vs N(e0,I) d=2 n=${n}`,
    async () => [gen('gaussians', {n}, 1), gen('gaussians', {n, shift: 1}, 2)],
  ])
cases.push([
  'N(0,I) vs N(0,I) d=2 n=500 (no difference)',
  async () => [gen('gaussians', {}, 1), gen('gaussians', {}, 2)],
])
cases.push(['ring 8 modes vs 2 dropped n=500', async () => [gen('ring', {}, 1), gen('ring', {drop: 2}, 2)]])
cases.push(['mixture 0.5/0.5 vs 0.7/0.3 d=2 n=500', async () => [mixture(500, 0.5, 0, 1), mixture(500, 0.7, 0, 2)]])
cases.push(['mixture far mode shifted by 1 d=2 n=500', async () => [mixture(500, 0.5, 0, 1), mixture(500, 0.5, 1, 2)]])

const g = (/** @type {number} */ x) => x.toPrecision(4)
console.log(`bound-sigma: ${new Date().toISOString()}, node ${process.version}`)
console.log(
  'case | d | diameter | W1 | old default σ → bound (s) | new default σ → bound (s) | sweep best σ → bound (s)',
)
const ratios = [],
  costs = []
let informable = 0,
  informed = 0,
  oldInformed = 0
for (const [name, make] of cases) {
  if (filter && !name.includes(filter)) continue
  const [p, q] = await make()
  // W1 once, as computeBound would compute it, handed to every call: the times below are the σ part alone.
  const w1 = await computeW1(p, q, {method: 'auto', gap: 0.01, maxIter: 2000, projections: 100, seed: 42})
  const t0 = performance.now()
  const oldSigma = defaultSigma(p, q, createRng(42).fork()).sigma
  const old = await computeBound(p, q, {seed: 42, sigma: oldSigma, w1})
  const t1 = performance.now()
  const cur = await computeBound(p, q, {seed: 42, w1})
  const t2 = performance.now()
  const sweep = await computeBound(p, q, {seed: 42, sweep: true, w1})
  const t3 = performance.now()
  const diam = sweep.diameter.value
  const mark = (/** @type {{value: number, vacuous: boolean}} */ r) => `${g(r.value)}${r.vacuous ? ' VACUOUS' : ''}`
  console.log(
    `${name} | ${p.d} | ${g(diam)} | ${g(cur.w1)} | ${g(oldSigma)} → ${mark(old)} (${((t1 - t0) / 1000).toFixed(2)}) | ${g(cur.sigma)} → ${mark(cur)} (${((t2 - t1) / 1000).toFixed(2)}) | ${g(sweep.sigma)} → ${mark(sweep)} (${((t3 - t2) / 1000).toFixed(2)})`,
  )
  if (!sweep.vacuous) {
    informable++
    if (!cur.vacuous) informed++
    if (!old.vacuous) oldInformed++
  }
  ratios.push(cur.value / sweep.value)
  costs.push((t2 - t1) / (t1 - t0))
}
const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
console.log(
  `cases where the sweep's tightest σ is informative: ${informable}; new default informative on ${informed} of them, old default on ${oldInformed}`,
)
console.log(
  `new default / sweep minimum: median ${g(median(ratios))}, max ${g(Math.max(...ratios))}; time of the σ part, new / old default: median ${g(median(costs))} (W1 computed once, outside)`,
)
