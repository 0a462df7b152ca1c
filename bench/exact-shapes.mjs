// @ts-check
// Network simplex CPU time over shapes, against the time model of src/core/ot/exact-estimate.ts:
// `node bench/exact-shapes.mjs [n×m×d …]`. Prints measured CPU seconds, the model's estimate and their ratio.
const dist = new URL('../dist/', import.meta.url)
const {createRng} = await import(new URL('core/stats/rng.js', dist).href)
const {networkSimplex} = await import(new URL('core/ot/network-simplex.js', dist).href)
const {exactSeconds} = await import(new URL('core/ot/exact-estimate.js', dist).href)
const shapes = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['10x10000x8', '100x10000x8', '10x100000x8', '1000x4000x8', '901x896x64', '2000x2000x8']
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
for (const shape of shapes) {
  const [n, m, d] = shape.split('x').map(Number)
  const x = gaussian(7, n, d),
    y = gaussian(8, m, d, 0.5)
  const c0 = process.cpuUsage()
  const r = networkSimplex({
    a: new Float64Array(n).fill(m),
    b: new Float64Array(m).fill(n),
    costs: {x, n, y, m, d, power: 1},
  })
  const c = process.cpuUsage(c0),
    s = (c.user + c.system) / 1e6
  console.log(
    `${shape}: ${s.toFixed(3)} s CPU, ${r.pivots} pivots, moved/pivot ${(r.moved / r.pivots).toFixed(0)}, scanned/pivot ${(r.scanned / r.pivots).toFixed(0)}, estimate ${exactSeconds(n, m, d).toFixed(3)} s, measured/estimate ${(s / exactSeconds(n, m, d)).toFixed(2)}`,
  )
}
