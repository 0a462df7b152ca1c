// @ts-check
// The two drift engines on the same files, and both against SciPy: `divergence drift P Q --engine memory` and
// `--engine duckdb`, and bench/drift_scale_scipy.py; prints the worst relative difference of w1, ks, ksPValue
// between the engines (target: ≤ 1e-12, issue 23) and to SciPy, with each process's wall time and peak RSS.
// Run: PYTHON=/tmp/anchors/bin/python node bench/drift-engines.mjs DIR     (DIR/p.parquet, DIR/q.parquet)
import {spawnSync} from 'node:child_process'
import {loadavg} from 'node:os'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dir = process.argv[2] ?? '/tmp/scale/1m10'
const files = [`${dir}/p.parquet`, `${dir}/q.parquet`]
const run = (/** @type {string[]} */ argv) => {
  const t = performance.now()
  const r = spawnSync('/usr/bin/time', ['-v', ...argv], {encoding: 'utf8', maxBuffer: 1 << 28})
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')}: ${r.stderr}`)
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) / 1024
  return {s: (performance.now() - t) / 1000, rss, out: JSON.parse(r.stdout)}
}
const rel = (/** @type {number} */ a, /** @type {number} */ b) =>
  a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)
console.log(
  `${new Date().toISOString()} load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
)
const memory = run([
  process.execPath,
  `${root}bin/run.js`,
  'drift',
  ...files,
  '--engine',
  'memory',
  '--json',
  '--quiet',
])
const duck = run([process.execPath, `${root}bin/run.js`, 'drift', ...files, '--engine', 'duckdb', '--json', '--quiet'])
const scipy = run([process.env.PYTHON ?? 'python3', `${root}bench/drift_scale_scipy.py`, ...files])
const byName = (/** @type {any} */ doc) =>
  Object.fromEntries(doc.drift.columns.map((/** @type {any} */ c) => [c.name, c]))
const m = byName(memory.out),
  d = byName(duck.out)
/** @type {Record<string, number>} */
const engines = {w1: 0, ks: 0, ksPValue: 0},
  toScipy = {w1: 0, ks: 0, ksPValue: 0}
for (const [name, [w1, ks, pv]] of Object.entries(scipy.out)) {
  for (const k of ['w1', 'ks', 'ksPValue']) engines[k] = Math.max(engines[k], rel(d[name][k], m[name][k]))
  toScipy.w1 = Math.max(toScipy.w1, rel(d[name].w1, w1))
  toScipy.ks = Math.max(toScipy.ks, rel(d[name].ks, ks))
  if (pv > 1e-300) toScipy.ksPValue = Math.max(toScipy.ksPValue, rel(d[name].ksPValue, pv))
}
const f = (/** @type {Record<string, number>} */ o) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${v.toExponential(2)}`)
    .join(', ')
console.log(
  `memory ${memory.s.toFixed(1)} s ${memory.rss.toFixed(0)} MB | duckdb ${duck.s.toFixed(1)} s ${duck.rss.toFixed(0)} MB | SciPy ${scipy.s.toFixed(1)} s ${scipy.rss.toFixed(0)} MB`,
)
console.log(`duckdb vs memory, worst relative: ${f(engines)}`)
console.log(
  `duckdb vs memory, whole drift JSON (engine left out) identical: ${JSON.stringify({...duck.out.drift, engine: 0}) === JSON.stringify({...memory.out.drift, engine: 0})}`,
)
console.log(`duckdb vs SciPy, worst relative: ${f(toScipy)} (p-values ≤ 1e-300 left out)`)
console.log(
  `load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
)
