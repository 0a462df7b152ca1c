// @ts-check
// The KDE JSD panel of issue 19: the default JSD estimator (d ≤ 3: kde) against quadrature truths.
// Run after `npm run build`:  node bench/jsd-panel.mjs [panel|sizes|null|knn|forms|speed|all] [--old DIST]
//   truths: bench/reference/jsd-truths.json, from `/tmp/anchors/bin/python bench/jsd_truth.py`.
//   --old DIST: also run the estimator of another build (e.g. /work/main/dist, before issue 19) on the same data.
// Target (panel): every estimate with ≥ 300 points a side within max(0.02 nats, 35 %) of the truth and reliable;
// with 10 points on one side within that or flagged unreliable. 24 cases: d = 1, 2, 3; shift 0.5 and 1 along ALL
// axes (μ = shift·(1, …, 1)) and, as a second panel, along ONE axis (μ = shift·e₁); sizes 300/300, 3000/300,
// 10/2500, 1000/1000; unit-covariance Gaussians; REPS seeds per case (every seed must meet the target).

import {readFileSync} from 'node:fs'
import {computeJsd, defaultJsdMethod} from '../dist/core/jsd/index.js'
import {makeSampleSet} from '../dist/core/sampleset.js'
import {createRng} from '../dist/core/stats/rng.js'

const args = process.argv.slice(2)
const which = args.find((a) => !a.startsWith('--') && !a.startsWith('/')) ?? 'all'
const oldAt = args.includes('--old') ? args[args.indexOf('--old') + 1] : undefined
const old = oldAt ? await import(`${oldAt}/core/jsd/index.js`) : undefined
const REPS = 5
/**
 * computeJsd with its full result type (the optional keys are set after the literal, which JS inference misses).
 * @param {import('../src/core/sampleset.js').SampleSet} p @param {import('../src/core/sampleset.js').SampleSet} q
 * @param {import('../src/core/jsd/types.js').JsdOptions} o
 * @returns {Promise<import('../src/core/jsd/types.js').JsdResult>}
 */
const jsdOf = async (p, q, o) =>
  /** @type {import('../src/core/jsd/types.js').JsdResult} */ (/** @type {unknown} */ (await computeJsd(p, q, o)))
const truths = JSON.parse(readFileSync(new URL('./reference/jsd-truths.json', import.meta.url), 'utf8')).cases

/**
 * n draws of N(μ, I_d), seeded.
 * @param {number} n @param {number} d @param {number[]} mu @param {number} seed
 */
function gaussian(n, d, mu, seed) {
  const rng = createRng(seed)
  const data = new Float64Array(n * d)
  for (let i = 0; i < n * d; i++) data[i] = rng.normal() + mu[i % d]
  return makeSampleSet(
    data,
    n,
    d,
    Array.from({length: d}, (_, c) => `x${c}`),
    'bench',
  )
}

/** @param {number} d @param {number} shift @param {'all' | 'one'} axes */
function truthOf(d, shift, axes) {
  if (shift === 0) return 0
  const t = truths.find(
    (/** @type {{d: number, shift: number, axes: string}} */ c) => c.d === d && c.shift === shift && c.axes === axes,
  )
  if (!t) throw new Error(`no truth for d=${d} shift=${shift} ${axes}`)
  return t.jsd
}

/** @param {number} d @param {number} shift @param {'all' | 'one'} axes */
const meanOf = (d, shift, axes) => Array.from({length: d}, (_, c) => (axes === 'all' || c === 0 ? shift : 0))
const f = (/** @type {number} */ x) => (Number.isFinite(x) ? x.toFixed(4) : String(x))

/**
 * Runs one case over REPS seeds; returns the rows and whether it met the target.
 * @param {number} d @param {number} shift @param {'all' | 'one'} axes @param {number} n @param {number} m
 */
async function runCase(d, shift, axes, n, m) {
  const truth = truthOf(d, shift, axes)
  const tol = Math.max(0.02, 0.35 * truth)
  const method = /** @type {import('../src/core/jsd/types.js').JsdMethod} */ (defaultJsdMethod(d).method)
  const out = []
  let met = true
  for (let r = 0; r < REPS; r++) {
    const seed = 1000 * r + 19 * d + Math.round(10 * shift) + (axes === 'one' ? 7 : 0)
    const p = gaussian(n, d, Array(d).fill(0), seed)
    const q = gaussian(m, d, meanOf(d, shift, axes), seed + 500)
    const j = await jsdOf(p, q, {method, seed: 1})
    const within = Math.abs(j.value - truth) <= tol
    const ok = Math.min(n, m) >= 300 ? within && j.reliable : within || !j.reliable
    if (!ok) met = false
    let oldText = ''
    if (old) {
      const o = await old.computeJsd(p, q, {method: old.defaultJsdMethod(d).method, seed: 1})
      oldText = ` | old ${f(o.value)} raw ${f(o.raw)} ${Math.abs(o.value - truth) <= tol ? 'within' : 'OFF'}`
    }
    out.push(
      `  seed ${r}: ${f(j.value)} (err ${f(j.value - truth)}, gap ${f(j.check?.gap ?? NaN)}) ${within ? 'within' : 'OFF'} ${j.reliable ? 'reliable' : 'UNRELIABLE'} ${ok ? '' : '  <-- MISSES TARGET'}${oldText}`,
    )
  }
  return {
    line: `d=${d} shift=${shift} ${axes} ${n}/${m} truth ${f(truth)} tol ${f(tol)} ${met ? 'MET' : 'NOT MET'}`,
    out,
    met,
  }
}

const SIZES = [
  [300, 300],
  [3000, 300],
  [10, 2500],
  [1000, 1000],
]

if (which === 'panel' || which === 'all') {
  for (const axes of /** @type {const} */ (['all', 'one'])) {
    let met = 0,
      total = 0,
      estimates = 0,
      estimatesMet = 0
    console.log(`\n## panel, shift along ${axes === 'all' ? 'all axes' : 'one axis'} (${REPS} seeds per case)`)
    for (const d of [1, 2, 3])
      for (const shift of [0.5, 1])
        for (const [n, m] of SIZES) {
          const r = await runCase(d, shift, axes, n, m)
          total++
          if (r.met) met++
          estimates += r.out.length
          estimatesMet += r.out.filter((l) => !l.includes('MISSES')).length
          console.log(r.line)
          for (const l of r.out) console.log(l)
        }
    console.log(`target met on ${met} of ${total} cases (every seed), ${estimatesMet} of ${estimates} estimates`)
  }
}

if (which === 'sizes' || which === 'all') {
  // Justifies KDE_MIN_POINTS: the smaller set's size at which every seed is still within the tolerance.
  console.log(`\n## smaller set n vs 1000 points, shift along all axes (${REPS} seeds); flags ignored`)
  for (const n of [30, 100, 200, 300])
    for (const d of [1, 2, 3])
      for (const shift of [0.5, 1]) {
        const truth = truthOf(d, shift, 'all')
        const tol = Math.max(0.02, 0.35 * truth)
        const vals = []
        for (let r = 0; r < REPS; r++) {
          const p = gaussian(n, d, Array(d).fill(0), 77 + r)
          const q = gaussian(1000, d, meanOf(d, shift, 'all'), 177 + r)
          vals.push((await jsdOf(p, q, {method: 'kde', seed: 1})).value)
        }
        const worst = Math.max(...vals.map((v) => Math.abs(v - truth)))
        console.log(
          `n=${n} d=${d} shift=${shift}: worst |err| ${f(worst)} tol ${f(tol)} ${worst <= tol ? 'within' : 'OFF'}`,
        )
      }
}

if (which === 'null' || which === 'all') {
  // P and Q from the same law: the gap between the two KDE forms (KDE_FORM_GAP) and the values.
  console.log(`\n## same distribution (truth 0), ${REPS} seeds`)
  for (const d of [1, 2, 3])
    for (const [n, m] of [...SIZES, [200, 1000]]) {
      const rows = []
      for (let r = 0; r < REPS; r++) {
        const j = await jsdOf(gaussian(n, d, Array(d).fill(0), 300 + r), gaussian(m, d, Array(d).fill(0), 400 + r), {
          method: 'kde',
          seed: 1,
        })
        rows.push(`${f(j.value)}/gap ${f(j.check?.gap ?? NaN)}${j.reliable ? '' : '/UNRELIABLE'}`)
      }
      console.log(`d=${d} ${n}/${m}: ${rows.join('  ')}`)
    }
  const p = gaussian(500, 2, [0, 0], 1),
    q = gaussian(500, 2, [0, 0], 2)
  for (const bw of [0.01, 0.1]) {
    const j = await jsdOf(p, q, {method: 'kde', bandwidth: bw, seed: 1})
    console.log(
      `--bandwidth ${bw}, 500/500 same law in 2-D: value ${f(j.value)}, log-ratio form ${f(j.check?.logRatio ?? NaN)}, ${j.reliable ? 'reliable' : `UNRELIABLE (${j.unreliable})`}`,
    )
  }
}

if (which === 'knn' || which === 'all') {
  // Justifies KNN_MIN_POINTS: the kNN estimate's spread and standard error at small sizes (2-D, shift 0.5 all axes).
  console.log(`\n## kNN at small sizes, 2-D, shift (0.5, 0.5), truth ${f(truthOf(2, 0.5, 'all'))}, 5 seeds`)
  for (const n of [30, 50, 100, 300]) {
    const rows = []
    for (let r = 0; r < 5; r++) {
      const j = await jsdOf(gaussian(n, 2, [0, 0], 600 + r), gaussian(n, 2, [0.5, 0.5], 700 + r), {
        method: 'knn',
        seed: 1,
      })
      rows.push(`${f(j.raw)}±${f(j.stderr ?? NaN)}`)
    }
    console.log(`n=${n}: ${rows.join('  ')}`)
  }
  console.log('\n## kNN, same law, 1000/1000 in 2-D and 5-D (range check false alarms), 5 seeds')
  for (const d of [2, 5]) {
    const rows = []
    for (let r = 0; r < 5; r++) {
      const j = await jsdOf(
        gaussian(1000, d, Array(d).fill(0), 800 + r),
        gaussian(1000, d, Array(d).fill(0), 900 + r),
        {method: 'knn', seed: 1},
      )
      rows.push(`${f(j.raw)}±${f(j.stderr ?? NaN)}${j.reliable ? '' : ' UNRELIABLE'}`)
    }
    console.log(`d=${d}: ${rows.join('  ')}`)
  }
}

if (which === 'forms' || which === 'all') {
  // Why the bounded entropy form and not the average of the two forms (which cancels their second-order noise
  // bias but is unbounded below): 6 other seeds, the 36 shifted cases with ≥ 300 a side, misses of each.
  let missEntropy = 0,
    missAverage = 0,
    total = 0
  for (const axes of /** @type {const} */ (['all', 'one']))
    for (const d of [1, 2, 3])
      for (const shift of [0.5, 1])
        for (const [n, m] of SIZES.filter(([a, b]) => Math.min(a, b) >= 300))
          for (let r = 0; r < 6; r++) {
            const t = truthOf(d, shift, axes),
              tol = Math.max(0.02, 0.35 * t)
            const j = await jsdOf(
              gaussian(n, d, Array(d).fill(0), 5000 + 31 * r),
              gaussian(m, d, meanOf(d, shift, axes), 9000 + 37 * r),
              {
                method: 'kde',
                seed: 1,
              },
            )
            const average = Math.max(0, 0.5 * (j.raw + (j.check?.logRatio ?? Number.NaN)))
            total++
            if (Math.abs(j.value - t) > tol) missEntropy++
            if (!(Math.abs(average - t) <= tol)) missAverage++
          }
  console.log(
    `\n## forms: misses of ${total} estimates (6 other seeds): entropy form ${missEntropy}, average of the two forms ${missAverage}`,
  )
}

if ((which === 'speed' || which === 'all') && old) {
  // A B A B: the default KDE on two 10k × 3 sets, this build against --old, 3 pairs, in one process.
  const p = gaussian(10000, 3, [0, 0, 0], 1),
    q = gaussian(10000, 3, [0.5, 0, 0], 2)
  /** @type {{old: number[], new: number[]}} */
  const t = {old: [], new: []}
  for (let r = 0; r < 3; r++)
    for (const k of /** @type {const} */ (['old', 'new'])) {
      const t0 = performance.now()
      const j = await (k === 'old'
        ? old.computeJsd(p, q, {method: 'kde', seed: 1})
        : jsdOf(p, q, {method: 'kde', seed: 1}))
      t[k].push((performance.now() - t0) / 1000)
      if (r === 0) console.log(`${k}: JSD ${f(j.value)} (truth ${f(truthOf(3, 0.5, 'one'))})`)
    }
  const median = (/** @type {number[]} */ a) => a.slice().sort((x, y) => x - y)[1]
  console.log(
    `\n## speed, 10k × 3 vs 10k × 3: old ${t.old.map((x) => x.toFixed(2)).join(' / ')} s, new ${t.new.map((x) => x.toFixed(2)).join(' / ')} s, median ratio new/old ${(median(t.new) / median(t.old)).toFixed(2)}`,
  )
}
