// Issue 24 benchmarks: exact W1 by the shortlist network simplex (src/core/ot/shortlist.ts, through computeW1) on
// seeded mixtures of 8 Gaussians, and the same points written to a .f64 file for POT (bench/exact_pot.py).
// Needs `npm run build`.
//   node bench/shortlist.mjs gen N M D FILE        writes P then Q (row-major float64) to FILE
//   node bench/shortlist.mjs run N M D FILE [P]    exact W_P (default 1) on FILE; prints wall, CPU, peak RSS, rounds
import {readFileSync, writeFileSync} from 'node:fs'
import {computeW1} from '../dist/core/ot/w1.js'
import {makeSampleSet} from '../dist/core/sampleset.js'
import {createRng} from '../dist/core/stats/rng.js'
import {setWorkBudget} from '../dist/core/work-budget.js'

const [mode, ns, ms, ds, file, ps] = process.argv.slice(2)
const n = Number(ns),
  m = Number(ms),
  d = Number(ds)

/** Mixture of 8 Gaussians (unit spread, centres N(0, 9 I)); Q's centres moved by 0.5 along every axis. */
function mixture(rng, k, centres, shift) {
  const z = new Float64Array(k * d)
  for (let i = 0; i < k; i++) {
    const c = Math.floor(rng.uniform() * 8)
    for (let t = 0; t < d; t++) z[i * d + t] = centres[c * d + t] + shift + rng.normal()
  }
  return z
}

if (mode === 'gen') {
  const rng = createRng(24)
  const centres = Float64Array.from({length: 8 * d}, () => 3 * rng.normal())
  const x = mixture(rng, n, centres, 0),
    y = mixture(rng, m, centres, 0.5)
  const all = new Float64Array(x.length + y.length)
  all.set(x)
  all.set(y, x.length)
  writeFileSync(file, Buffer.from(all.buffer))
} else {
  const all = new Float64Array(readFileSync(file).buffer.slice(0))
  const P = makeSampleSet(
    all.slice(0, n * d),
    n,
    d,
    Array.from({length: d}, (_, k) => `x${k}`),
    'P',
  )
  const Q = makeSampleSet(
    all.slice(n * d, n * d + m * d),
    m,
    d,
    Array.from({length: d}, (_, k) => `x${k}`),
    'Q',
  )
  setWorkBudget(1e6)
  // Wall seconds per phase, from the solver's progress lines (candidates, solve, check; "added" lines end a check).
  const phases = {candidates: 0, solve: 0, check: 0},
    cpu = {candidates: 0, solve: 0, check: 0}
  let phase = 'candidates',
    since = performance.now(),
    cpuSince = process.cpuUsage()
  const onProgress = (_d, _t, detail = '') => {
    const now = performance.now(),
      cu = process.cpuUsage(cpuSince)
    phases[phase] += (now - since) / 1000
    cpu[phase] += (cu.user + cu.system) / 1e6
    since = now
    cpuSince = process.cpuUsage()
    if (process.env.BENCH_ROUNDS && !/%$/.test(detail))
      console.error(`${(performance.now() / 1000).toFixed(1)} s  ${detail}`)
    if (detail.startsWith('candidates')) phase = 'candidates'
    else if (/^round \d+: solving/.test(detail)) phase = 'solve'
    else if (/^round \d+: checking/.test(detail)) phase = 'check'
  }
  const t = performance.now(),
    c = process.cpuUsage()
  const w = await computeW1(P, Q, {
    method: 'exact',
    p: Number(ps ?? 1),
    gap: 0.01,
    maxIter: 2000,
    projections: 10,
    seed: 1,
    onProgress,
  })
  const wall = (performance.now() - t) / 1000,
    cu = process.cpuUsage(c)
  const rss = process.resourceUsage().maxRSS / 1024
  console.log(
    `shortlist ${n} x ${m} d=${d}: ${wall.toFixed(2)} s (cpu ${((cu.user + cu.system) / 1e6).toFixed(2)} s), W1 = ${w.value.toFixed(9)} (${w.value}), checked ${w.certificate.checked}, solver ${w.certificate.solver}, ${JSON.stringify(w.certificate.shortlist ?? {})}, pivots ${w.certificate.pivots}, peak RSS ${rss.toFixed(0)} MB; wall (cpu) by phase: candidates ${phases.candidates.toFixed(1)} (${cpu.candidates.toFixed(1)}) s, solve ${phases.solve.toFixed(1)} (${cpu.solve.toFixed(1)}) s, check ${phases.check.toFixed(1)} (${cpu.check.toFixed(1)}) s`,
  )
}
