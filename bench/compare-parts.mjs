// Development aid for issue 11's `compare` targets: CPU and wall seconds of compare's parts other than W1 on one pair
// of CSV files with compare's defaults (W1 is taken as given, so the bound reuses it as compare does). Build first.
//   node bench/compare-parts.mjs P.csv Q.csv W1
// (W1: the exact value, e.g. from an earlier `compare --json`; the bound only compares it with its right-hand side.)
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const {makeSampleSet} = await import(`${root}dist/core/sampleset.js`)
const {computeJsd} = await import(`${root}dist/core/jsd/index.js`)
const {computeAlignment, selfGraphK} = await import(`${root}dist/core/align/index.js`)
const {computeBound} = await import(`${root}dist/core/bound/index.js`)
const {sharedSelfGraphs} = await import(`${root}dist/core/shared-graphs.js`)

function read(path) {
  const lines = readFileSync(path, 'utf8').trim().split('\n')
  const cols = lines[0].split(',')
  const data = Float64Array.from(lines.slice(1).flatMap((l) => l.split(',').map(Number)))
  return makeSampleSet(data, lines.length - 1, cols.length, cols, path)
}
const [fp, fq, w1] = process.argv.slice(2)
const p = read(fp),
  q = read(fq)
const seed = 1
const clock = async (name, f) => {
  const c0 = process.cpuUsage(),
    t0 = performance.now()
  const out = await f()
  const c = process.cpuUsage(c0)
  console.log(
    `${name}: ${((c.user + c.system) / 1e6).toFixed(2)} s CPU, ${((performance.now() - t0) / 1000).toFixed(2)} s wall`,
  )
  return out
}
const method = p.d <= 3 ? 'kde' : 'knn'
let graphs
if (method === 'knn')
  graphs = await clock('knnGraphs', () => sharedSelfGraphs(p, q, Math.max(5, selfGraphK(p.n), selfGraphK(q.n))))
const jsd = await clock(`jsd (${method})`, () => computeJsd(p, q, {method, seed, graphs: graphs?.scaled}))
const bound = await clock('bound', () =>
  computeBound(p, q, {seed, w1: {method: 'exact', valueIs: 'exact', value: Number(w1), upper: Number(w1), p: 1}}),
)
const align = await clock('align', () => computeAlignment(p, q, {seed, graphs: graphs?.input}))
console.log(
  JSON.stringify({
    jsd: jsd.value,
    bound: [bound.sigma, bound.jsd, bound.draws, bound.value],
    align: [
      align.verdict,
      align.precision,
      align.recall,
      align.density,
      align.coverage,
      align.onManifold.qOnP,
      align.onManifold.pOnQ,
    ],
  }),
)
