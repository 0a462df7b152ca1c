// @ts-check
// Drift at scale (issue 23): `divergence drift P Q` on one Parquet file per side (made by bench/make-drift-scale.py,
// default 1e6 rows × 100 float64 columns) against the SciPy loop bench/drift_scale_scipy.py (read_table, then
// wasserstein_distance + ks_2samp per column), the two whole processes alternated ROUNDS times (A B A B …), each
// under /usr/bin/time -v for its peak RSS; then once more with DIVERGENCE_MAX_BYTES (default 2e8), checking that
// every w1, ks, ksPValue equals the first run's to 1e-12 relative, and ours against SciPy's.
// Run: PYTHON=/tmp/anchors/bin/python node bench/drift-scale.mjs DIR [ROUNDS] [MAX_BYTES]   (needs `npm run build`)
import {spawnSync} from 'node:child_process'
import {cpus, loadavg} from 'node:os'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dir = process.argv[2] ?? '/tmp/scale/1m'
const rounds = Number(process.argv[3] ?? 1)
const maxBytes = process.argv[4] ?? '200000000'
const python = process.env.PYTHON ?? 'python3'
const files = [`${dir}/p.parquet`, `${dir}/q.parquet`]
const env = {...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1'}

/** Runs a whole process under /usr/bin/time -v: wall seconds, peak RSS in MB, stdout. */
const timed = (/** @type {string[]} */ argv, extra = {}) => {
  const t = performance.now()
  const r = spawnSync('/usr/bin/time', ['-v', ...argv], {encoding: 'utf8', env: {...env, ...extra}, maxBuffer: 1 << 28})
  const s = (performance.now() - t) / 1000
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')}: ${r.stderr}`)
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) / 1024
  return {s, rss, out: r.stdout}
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')
const median = (/** @type {number[]} */ v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]
const rel = (/** @type {number} */ a, /** @type {number} */ b) =>
  a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)
console.log(
  `machine: ${cpus()[0].model}, ${cpus().length} vCPU, node ${process.version}, ${new Date().toISOString()}, load ${load()}`,
)
const ours = [],
  theirs = []
let doc, scipy
for (let r = 0; r < rounds; r++) {
  const a = timed([process.execPath, `${root}bin/run.js`, 'drift', ...files, '--json', '--quiet'])
  doc = JSON.parse(a.out)
  const b = timed([python, `${root}bench/drift_scale_scipy.py`, ...files])
  scipy = JSON.parse(b.out)
  ours.push(a)
  theirs.push(b)
  console.log(
    `round ${r + 1}: divergence (${doc.drift.engine}) ${a.s.toFixed(1)} s, ${a.rss.toFixed(0)} MB | SciPy ${b.s.toFixed(1)} s, ${b.rss.toFixed(0)} MB | ratio ${(a.s / b.s).toFixed(2)} | load ${load()}`,
  )
}
const small = timed([process.execPath, `${root}bin/run.js`, 'drift', ...files, '--json', '--quiet'], {
  DIVERGENCE_MAX_BYTES: maxBytes,
})
const docSmall = JSON.parse(small.out)
let worst = 0,
  worstScipy = 0
const cols = Object.fromEntries(doc.drift.columns.map((/** @type {any} */ c) => [c.name, c]))
for (const c of docSmall.drift.columns)
  for (const k of ['w1', 'ks', 'ksPValue']) worst = Math.max(worst, rel(c[k], cols[c.name][k]))
for (const [name, [w1, ks, pv]] of Object.entries(scipy)) {
  const c = cols[name]
  worstScipy = Math.max(worstScipy, rel(c.w1, w1), rel(c.ks, ks), pv > 1e-300 ? rel(c.ksPValue, pv) : 0)
}
console.log(
  `DIVERGENCE_MAX_BYTES=${maxBytes}: engine ${docSmall.drift.engine}, ${small.s.toFixed(1)} s, ${small.rss.toFixed(0)} MB, worst relative difference of w1/ks/ksPValue to the first run ${worst.toExponential(2)}`,
)
console.log(`ours vs SciPy: worst relative difference of w1/ks/ksPValue (p > 1e-300) ${worstScipy.toExponential(2)}`)
console.log(
  `median whole process: divergence ${median(ours.map((x) => x.s)).toFixed(1)} s, SciPy ${median(theirs.map((x) => x.s)).toFixed(1)} s, ratio ${(median(ours.map((x) => x.s)) / median(theirs.map((x) => x.s))).toFixed(2)}; peak RSS ${Math.max(...ours.map((x) => x.rss)).toFixed(0)} MB (target ≤ 0.2×, ≤ 1 GB)`,
)
