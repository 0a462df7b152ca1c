// @ts-check
// Issue 11 benchmarks (fast kernels) against POT / SciPy on the same files. Build first (npm run build).
//   node bench/kernels.mjs data            writes bench/out/k-{d}-{p,q}.csv: 10k × d, N(0, I) vs N(0.5·e₀, I), d = 2, 8, 64
//   node bench/kernels.mjs run [part…]      times each part and its anchor in turn (parts: w1 kde compare2 compare64 threads)
// Anchors (one BLAS thread): OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python bench/anchors/anchors.py emd|kde P Q,
// with a Python that has pot, scipy, pandas. Figures and the load are in bench/RESULTS.md ("Fast kernels").
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {cpus, loadavg} from 'node:os'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = `${root}bench/out/`
const bin = `${root}bin/run.js`
const python = process.env.ANCHOR_PYTHON ?? 'python3'
const file = (/** @type {number} */ d, /** @type {string} */ s) => `${out}k-${d}-${s}.csv`

async function data() {
  mkdirSync(out, {recursive: true})
  const {createRng} = await import(`${root}dist/core/stats/rng.js`)
  for (const d of [2, 8, 64]) {
    const rng = createRng(11 + d)
    for (const [s, shift] of /** @type {[string, number][]} */ ([
      ['p', 0],
      ['q', 0.5],
    ])) {
      const rows = [Array.from({length: d}, (_, k) => `x${k}`).join(',')]
      for (let i = 0; i < 10000; i++)
        rows.push(Array.from({length: d}, (_, k) => (rng.normal() + (k === 0 ? shift : 0)).toPrecision(17)).join(','))
      writeFileSync(file(d, s), `${rows.join('\n')}\n`)
    }
  }
}

/** Wall seconds of one whole command, and what it printed. */
/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {Record<string, string>} env
 */
function run(cmd, args, env = {}) {
  const t = performance.now()
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: {...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', ...env},
  })
  const s = (performance.now() - t) / 1000
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`)
  return {s, stdout: r.stdout}
}
const cli = (/** @type {string[]} */ ...args) => run(process.execPath, [bin, ...args, '--quiet'])
const anchor = (/** @type {string} */ what, /** @type {number} */ d) =>
  run(python, [`${root}bench/anchors/anchors.py`, what, file(d, 'p'), file(d, 'q')])

const parts = {
  w1: () => w1(),
  w1t1: () => w1('1'),
  kde() {
    const a = cli('jsd', file(8, 'p'), file(8, 'q'), '--method', 'kde', '--json'),
      b = anchor('kde', 8)
    return `KDE JSD 10k vs 10k, d = 8: ${a.s.toFixed(2)} s (JSD ${JSON.parse(a.stdout).jsd.value}); SciPy gaussian_kde: ${b.s.toFixed(2)} s (${b.stdout.trim()}); ratio ${(a.s / b.s).toFixed(2)} (target ≤ 0.15)`
  },
  compare2: () => compare(2),
  compare64: () => compare(64),
  threads() {
    // 5k × 5k, d = 8: the first 5000 rows of the 10k sets; three alternating pairs, medians; results must be identical.
    /** @param {string} side */
    const small = (side) => {
      const path = `${out}k-8-${side}-5k.csv`
      if (!existsSync(path))
        writeFileSync(path, `${readFileSync(file(8, side), 'utf8').split('\n').slice(0, 5001).join('\n')}\n`)
      return path
    }
    const args = ['w1', small('p'), small('q'), '--method', 'sinkhorn', '--json']
    /** @type {Record<number, number[]>} */
    const times = {1: [], 2: []}
    /** @type {Record<number, string>} */
    const docs = {}
    for (let r = 0; r < 3; r++)
      for (const k of [1, 2]) {
        const a = cli(...args, '--threads', String(k))
        times[k].push(a.s)
        const doc = JSON.parse(a.stdout)
        delete doc.timing
        docs[k] = JSON.stringify(doc)
      }
    /** @param {number[]} v */
    const median = (v) => [...v].sort((x, y) => x - y)[1]
    const ratios = times[1].map((t, i) => t / times[2][i])
    return `certified 1% Sinkhorn W1, 5k × 5k, d = 8: --threads 1 ${times[1].map((t) => t.toFixed(1)).join('/')} s, --threads 2 ${times[2].map((t) => t.toFixed(1)).join('/')} s; speed-up per pair ${ratios.map((r) => r.toFixed(2)).join('/')}, median ${median(ratios).toFixed(2)} (target ≥ 1.6); JSON identical: ${docs[1] === docs[2]}`
  },
}

/** @param {string} [threads] */
function w1(threads) {
  const a = cli(
      'w1',
      file(8, 'p'),
      file(8, 'q'),
      '--method',
      'sinkhorn',
      '--json',
      ...(threads ? ['--threads', threads] : []),
    ),
    b = anchor('emd', 8)
  const w = JSON.parse(a.stdout)
  return `certified 1% W1, 10k × 10k, d = 8, ${threads ? `--threads ${threads}` : 'default threads'}: ${a.s.toFixed(1)} s (bracket [${w.w1.lower.toFixed(6)}, ${w.w1.upper.toFixed(6)}], ${w.w1.iterations} iterations, timing ${JSON.stringify(w.timing)}); POT ot.dist + emd2: ${b.s.toFixed(1)} s (${b.stdout.trim()}); ratio ${(a.s / b.s).toFixed(2)} (target ≤ 0.5)`
}

/** @param {number} d */
function compare(d) {
  const a = cli('compare', file(d, 'p'), file(d, 'q'), '--json'),
    b = anchor('emd', d)
  const doc = JSON.parse(a.stdout)
  return `compare (defaults), 10k × 10k, d = ${d}: ${a.s.toFixed(1)} s, parts ${JSON.stringify(doc.timing)}; POT emd2: ${b.s.toFixed(1)} s (${b.stdout.trim()}); ratio ${(a.s / b.s).toFixed(2)} (target ≤ 1.0)`
}

const [what, ...rest] = process.argv.slice(2)
if (what === 'data') await data()
else if (what === 'run') {
  if (![2, 8, 64].every((d) => existsSync(file(d, 'p')))) await data()
  console.log(
    `machine: ${cpus()[0].model}, ${cpus().length} vCPU, node ${process.version}, ${new Date().toISOString()}, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  )
  for (const p of rest.length ? rest : Object.keys(parts)) {
    try {
      console.log(
        `- ${parts[/** @type {keyof typeof parts} */ (p)]()}; load ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
      )
    } catch (e) {
      console.log(`- ${p}: failed: ${String(e instanceof Error ? e.message : e).split('\n')[0]}`)
    }
  }
} else console.error('usage: node bench/kernels.mjs data | run [w1 w1t1 kde compare2 compare64 threads]')
