// @ts-check
// Exact-transport benchmarks (network simplex; bench/RESULTS.md "Exact W1 by network simplex"). Runs on the built dist/ (npm run build).
// `node bench/exact.mjs CASE [n] [m] [d] [storage]`, one case per process so peak RSS is its own (printed at the end).
// Cases: ns (network simplex on N(0, I) vs N(0.5·e0, I), the bench data of bench/w1.mjs), hungarian (assignment
// solver, n = m only), ssp (successive shortest paths). The POT anchor on the same data: bench/exact_pot.py.
const dist = new URL('../dist/', import.meta.url)
const {createRng} = await import(new URL('core/stats/rng.js', dist).href)
const {networkSimplex} = await import(new URL('core/ot/network-simplex.js', dist).href)
const {assignmentCost} = await import(new URL('core/ot/assignment.js', dist).href)

const [which = 'ns', n0 = '1000', m0, d0 = '8', storage] = process.argv.slice(2)
const n = Number(n0),
  m = Number(m0 ?? n0),
  d = Number(d0)
/**
 * @param {number} seed
 * @param {number} n
 * @param {number} d
 */
function gaussian(seed, n, d, shift = 0) {
  const r = createRng(seed)
  const data = new Float64Array(n * d)
  for (let i = 0; i < data.length; i++) data[i] = r.normal() + (i % d === 0 ? shift : 0)
  return data
}
const x = gaussian(7, n, d),
  y = gaussian(8, m, d, 0.5)
const t0 = performance.now(),
  cpu0 = process.cpuUsage()
let line
if (which === 'ns') {
  const r = networkSimplex({
    a: new Float64Array(n).fill(m),
    b: new Float64Array(m).fill(n),
    costs: {x, n, y, m, d, power: 1},
    storage: storage || undefined,
  })
  line = `scanned/pivot = ${(r.scanned / r.pivots).toFixed(0)} W1 = ${r.cost.toFixed(9)} dual = ${r.dualValue.toFixed(9)} viol = ${r.maxViolation.toExponential(1)} pivots = ${r.pivots} storage = ${r.storage}`
} else if (which === 'hungarian') {
  line = `W1 = ${assignmentCost(x, y, n, d, 1).toFixed(9)}`
} else throw new Error(`unknown case ${which}`)
const s = (performance.now() - t0) / 1000,
  cpu = process.cpuUsage(cpu0)
console.log(
  `${which} ${n} x ${m} d=${d}: ${s.toFixed(2)} s (cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), ${line}, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
)
