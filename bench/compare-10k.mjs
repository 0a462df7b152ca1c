// Issue 11's `compare` targets: `compare` with defaults (every part), 10k × 10k, d = 2 and d = 64, in ≤ 1.0× the
// time of POT `ot.dist` + `ot.emd2` (W1 alone) on the same files, measured in the same run. Build first.
//   node bench/compare-10k.mjs data [n]        writes bench/out/c{n}-{d}-{p,q}.csv, d = 2 and 64 (default n = 10000)
//   node bench/compare-10k.mjs run d [pairs]   runs `compare --json --quiet` and the POT anchor alternately, `pairs`
//                                              times (default 1), and prints each run, the per-part seconds of
//                                              `timing`, the medians and the ratio
// Data: P and Q are mixtures of three unit Gaussians whose means (seeded, spread 2 per axis) and weights differ a
// little (Q: means moved by 0.3 along a seeded direction, weights ⅓ ± 0.05), so every part has work to do.
// The anchor needs a Python with pot and pandas: ANCHOR_PYTHON=/path/to/python (one BLAS thread is set here).
// Figures: bench/RESULTS.md, "compare at 10k × 10k (issue 11)".
import {spawnSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import {cpus, loadavg} from 'node:os'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = `${root}bench/out/`
const python = process.env.ANCHOR_PYTHON ?? 'python3'
const file = (n, d, s) => `${out}c${n}-${d}-${s}.csv`
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')

async function data(n) {
  mkdirSync(out, {recursive: true})
  const {createRng} = await import(`${root}dist/core/stats/rng.js`)
  for (const d of [2, 64]) {
    const rng = createRng(1100 + d)
    const means = Array.from({length: 3}, () => Array.from({length: d}, () => 2 * rng.normal()))
    const dir = Array.from({length: d}, () => rng.normal())
    const norm = Math.hypot(...dir)
    for (const [s, shift, weights] of [
      ['p', 0, [1 / 3, 1 / 3, 1 / 3]],
      ['q', 0.3, [1 / 3 + 0.05, 1 / 3, 1 / 3 - 0.05]],
    ]) {
      const rows = [Array.from({length: d}, (_, k) => `x${k}`).join(',')]
      for (let i = 0; i < n; i++) {
        let u = rng.uniform(),
          c = 0
        while (c < 2 && u >= weights[c]) u -= weights[c++]
        rows.push(
          Array.from({length: d}, (_, k) =>
            (means[c][k] + (shift * dir[k]) / norm + rng.normal()).toPrecision(17),
          ).join(','),
        )
      }
      writeFileSync(file(n, d, s), `${rows.join('\n')}\n`)
    }
  }
}

/** Wall and CPU seconds (user + system of the child) of one whole command, and what it printed. */
function run(cmd, args) {
  const t = performance.now()
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: {...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1'},
  })
  const wall = (performance.now() - t) / 1000
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`)
  const [user, sys, rss] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number)
  return {wall, cpu: user + sys, rssMB: rss / 1024, stdout: r.stdout}
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

function bench(n, d, pairs) {
  console.log(
    `machine: ${cpus()[0].model}, ${cpus().length} vCPU, node ${process.version}, ${new Date().toISOString()}`,
  )
  const ours = [],
    pot = []
  for (let k = 0; k < pairs; k++) {
    const l0 = load()
    const a = run(process.execPath, [
      `${root}bin/run.js`,
      'compare',
      file(n, d, 'p'),
      file(n, d, 'q'),
      '--json',
      '--quiet',
    ])
    const doc = JSON.parse(a.stdout)
    const parts = Object.entries(doc.timing)
      .map(([key, v]) => `${key} ${typeof v === 'number' ? Number(v.toPrecision(3)) : v}`)
      .join(', ')
    console.log(
      `ours  ${a.wall.toFixed(1)} s wall, ${a.cpu.toFixed(1)} s CPU, ${a.rssMB.toFixed(0)} MB; W1 ${doc.w1.value} (${doc.w1.method}); timing: ${parts}; load before ${l0}`,
    )
    ours.push(a)
    const l1 = load()
    const b = run(python, [`${root}bench/anchors/anchors.py`, 'emd', file(n, d, 'p'), file(n, d, 'q')])
    console.log(
      `POT   ${b.wall.toFixed(1)} s wall, ${b.cpu.toFixed(1)} s CPU, ${b.rssMB.toFixed(0)} MB; ${b.stdout.trim()}; load before ${l1}`,
    )
    pot.push(b)
    console.log(`pair ${k + 1}: wall ratio ${(a.wall / b.wall).toFixed(2)}, CPU ratio ${(a.cpu / b.cpu).toFixed(2)}`)
  }
  const mw = (xs) => median(xs.map((x) => x.wall)),
    mc = (xs) => median(xs.map((x) => x.cpu))
  console.log(
    `d = ${d}, ${pairs} pair(s): ours median ${mw(ours).toFixed(1)} s wall / ${mc(ours).toFixed(1)} s CPU; POT ${mw(pot).toFixed(1)} s / ${mc(pot).toFixed(1)} s; ratio of medians wall ${(mw(ours) / mw(pot)).toFixed(2)}, CPU ${(mc(ours) / mc(pot)).toFixed(2)}; median of pair ratios wall ${median(ours.map((a, i) => a.wall / pot[i].wall)).toFixed(2)} (target ≤ 1.0); load now ${load()}`,
  )
}

const [what, a1, a2, a3] = process.argv.slice(2)
if (what === 'data') await data(Number(a1 ?? 10000))
else if (what === 'run') bench(Number(a3 ?? 10000), Number(a1), Number(a2 ?? 1))
else console.error('usage: node bench/compare-10k.mjs data [n] | run d [pairs] [n]')
