// Issue 24: the shortlist's all-pairs dual check, float64 kernel (`allPairsCheck`) against the float32 filter
// (`filteredCheck`), on the same points and potentials, alternating, one thread then two. Needs `npm run build`.
//   node bench/dual-check.mjs N D [noise]
// Points: the mixture of bench/shortlist.mjs (seed 24). Potentials: f_i = 0.5·‖x_i‖-ish offsets and g the c-transform
// g_j = min_i (C_ij − f_i), which makes about one pair per column tight (as at the end of a solve), then g_j raised by
// noise·U(0, 1) so that some pairs violate (as in a first round). Prints seconds (wall, CPU) and whether the two
// checks returned the same keys.
import {allPairsCheck, filteredCheck} from '../dist/core/ot/dual-check.js'
import {SHORTLIST_ADD_PER_LINE, SHORTLIST_VIOLATION_TOL} from '../dist/core/ot/shortlist.js'
import {pointCost} from '../dist/core/ot/transport-costs.js'
import {createRng} from '../dist/core/stats/rng.js'
import {dualFilter, kernelBackend, setKernelThreads} from '../dist/kernels/index.js'

const [ns, ds, noiseS] = process.argv.slice(2)
const n = Number(ns),
  d = Number(ds),
  noise = Number(noiseS ?? 0.05)
const rng = createRng(24)
const centres = Float64Array.from({length: 8 * d}, () => 3 * rng.normal())
const mixture = (k, shift) => {
  const z = new Float64Array(k * d)
  for (let i = 0; i < k; i++) {
    const c = Math.floor(rng.uniform() * 8)
    for (let t = 0; t < d; t++) z[i * d + t] = (centres[c * d + t] + shift + rng.normal()) / 16
  }
  return z
}
const x = mixture(n, 0),
  y = mixture(n, 0.5)
const pts = {x, n, y, m: n, d, power: 1}
const f = Float64Array.from({length: n}, () => 0.1 * rng.uniform())
const g = new Float64Array(n).fill(Infinity)
for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) g[j] = Math.min(g[j], pointCost(x, i, y, j, d, 1) - f[i])
for (let j = 0; j < n; j++) g[j] += noise * rng.uniform()
const opts = {tol: SHORTLIST_VIOLATION_TOL, perRow: SHORTLIST_ADD_PER_LINE}
const time = (fn) => {
  const t = performance.now(),
    c = process.cpuUsage()
  const r = fn()
  const cu = process.cpuUsage(c)
  return {r, wall: (performance.now() - t) / 1000, cpu: (cu.user + cu.system) / 1e6}
}
console.log(`backend ${kernelBackend()}, ${n} × ${n}, d = ${d}, noise ${noise}`)
for (const threads of [1, 2]) {
  setKernelThreads(threads)
  for (let rep = 0; rep < 2; rep++) {
    const gc = new Float64Array(n),
      fc = new Float64Array(n)
    const a = time(() => allPairsCheck(pts, f, g, gc, fc, opts))
    const filter = dualFilter(x, n, y, n, d)
    const b = time(() => filteredCheck(pts, filter, f, g, opts))
    filter.dispose()
    const same =
      b.r === undefined ? 'fell back (undefined)' : a.r.length === b.r.length && a.r.every((v, k) => v === b.r[k])
    console.log(
      `threads ${threads}: float64 ${a.wall.toFixed(2)} s (cpu ${a.cpu.toFixed(2)}), filter ${b.wall.toFixed(2)} s (cpu ${b.cpu.toFixed(2)}), ratio ${(b.wall / a.wall).toFixed(2)}; ${a.r.length} violators, same keys: ${same}`,
    )
  }
}
