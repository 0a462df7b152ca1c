// @ts-check
// Writes the points of bench/exact.mjs (seeded N(0, I) vs N(0.5·e0, I)) as raw float64 for bench/exact_pot.py.
// `node bench/exact-data.mjs n m d FILE`
import {writeFileSync} from 'node:fs'

const {createRng} = await import(new URL('../dist/core/stats/rng.js', import.meta.url).href)
const [n, m, d] = process.argv.slice(2, 5).map(Number)
if (!(n > 0 && m > 0 && d > 0) || !process.argv[5]) {
  console.log('usage: node bench/exact-data.mjs n m d FILE (a helper of bench/exact-vs-pot.sh; nothing to run alone)')
  process.exit(0)
}
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
const out = new Float64Array((n + m) * d)
out.set(gaussian(7, n, d))
out.set(gaussian(8, m, d, 0.5), n * d)
writeFileSync(process.argv[5], Buffer.from(out.buffer))
