// @ts-check
// Network simplex vs the assignment solver (Hungarian/Crouse) on equal sizes, in one process, best of R runs each,
// alternating: `node bench/exact-small.mjs [d] [n,n,…]`. Decides whether the Hungarian method keeps any sizes.
const dist = new URL('../dist/', import.meta.url)
const {createRng} = await import(new URL('core/stats/rng.js', dist).href)
const {networkSimplex} = await import(new URL('core/ot/network-simplex.js', dist).href)
const {assignmentCost} = await import(new URL('core/ot/assignment.js', dist).href)
const d = Number(process.argv[2] ?? 8)
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
for (const n of (process.argv[3] ?? '10,50,100,200,500,1000,1500').split(',').map(Number)) {
  const x = gaussian(7, n, d),
    y = gaussian(8, n, d, 0.5)
  const R = n <= 200 ? 20 : n <= 1000 ? 5 : 3
  let ns = Infinity,
    hu = Infinity,
    v1,
    v2
  for (let r = 0; r < R; r++) {
    let t = performance.now()
    v1 = networkSimplex({
      a: new Float64Array(n).fill(n),
      b: new Float64Array(n).fill(n),
      costs: {x, n, y, m: n, d, power: 1},
    }).cost
    ns = Math.min(ns, performance.now() - t)
    t = performance.now()
    v2 = assignmentCost(x, y, n, d, 1)
    hu = Math.min(hu, performance.now() - t)
  }
  console.log(
    `n = m = ${n}, d = ${d}: network simplex ${ns.toFixed(2)} ms, Hungarian ${hu.toFixed(2)} ms, ratio ${(ns / hu).toFixed(2)}, |Δ| = ${Math.abs(v1 - v2).toExponential(1)}`,
  )
}
