// @ts-check
// drift benchmark: `divergence drift P Q` on two Parquet files of N rows × C numeric columns (default
// 1e6 × 20), against the SciPy loop bench/drift_scipy.py (wasserstein_distance + ks_2samp per column, read with
// pyarrow) on the same files, alternating the two whole processes ROUNDS times (default 3) and quoting medians.
// Run: PYTHON=/path/to/python node bench/drift.mjs [N] [C] [ROUNDS]    (needs `npm run build`; Python with scipy, pyarrow)
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {cpus, loadavg} from 'node:os'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = `${root}bench/out/`
mkdirSync(out, {recursive: true})
const n = Number(process.argv[2] ?? 1e6),
  c = Number(process.argv[3] ?? 20),
  rounds = Number(process.argv[4] ?? 3)
const python = process.env.PYTHON ?? 'python3'
const files = [0, 1].map((k) => `${out}drift-${n}x${c}-${k}.parquet`)
if (!files.every(existsSync)) {
  const {encode} = await import(`${root}dist/io/write/index.js`)
  const {createRng} = await import(`${root}dist/core/stats/rng.js`)
  const rng = createRng(14)
  for (const [k, file] of files.entries()) {
    const data = new Float64Array(n * c)
    // Q: every fourth column shifted by 0.2 and scaled 1.2×, the rest unchanged.
    for (let i = 0; i < data.length; i++) {
      const moved = k === 1 && (i % c) % 4 === 0
      data[i] = moved ? 1.2 * rng.normal() + 0.2 : rng.normal()
    }
    writeFileSync(
      file,
      await encode({n, d: c, data, columns: Array.from({length: c}, (_, j) => `x${j}`), source: 'bench'}, 'parquet'),
    )
  }
}
const env = {...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1'}
/**
 * @param {string} cmd
 * @param {string[]} args
 */
const time = (cmd, args) => {
  const t = performance.now()
  const r = spawnSync(cmd, args, {encoding: 'utf8', env, maxBuffer: 1 << 28})
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`)
  return {s: (performance.now() - t) / 1000, out: r.stdout}
}
const median = (/** @type {number[]} */ v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]
console.log(
  `machine: ${cpus()[0].model}, ${cpus().length} vCPU, node ${process.version}, ${new Date().toISOString()}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
)
const ours = [],
  theirs = [],
  ratios = []
for (let r = 0; r < rounds; r++) {
  const a = time(process.execPath, [`${root}bin/run.js`, 'drift', ...files, '--json', '--quiet'])
  const b = time(python, [`${root}bench/drift_scipy.py`, ...files])
  const timing = JSON.parse(a.out).timing
  console.log(
    `round ${r + 1}: drift ${a.s.toFixed(2)} s (read ${timing.read.toFixed(2)}, columns ${timing.drift.toFixed(2)}) | scipy ${b.s.toFixed(2)} s (${b.out.trim()}) | ratio ${(a.s / b.s).toFixed(2)}×`,
  )
  ours.push(a.s)
  theirs.push(b.s)
  ratios.push(a.s / b.s)
}
console.log(
  `| ${n} × ${c} Parquet | drift ${median(ours).toFixed(2)} s | SciPy loop ${median(theirs).toFixed(2)} s | median ratio ${median(ratios).toFixed(2)}× | load now ${loadavg()[0].toFixed(1)} |`,
)
