// Calibration of the shortlist solver's time model (src/core/ot/exact-estimate.ts `shortlistSeconds`) against measured
// runs of bench/shortlist.mjs (seeded mixtures of 8 Gaussians, p = 1, two kernel threads). Needs `npm run build`.
//   node bench/shortlist-calibrate.mjs run N×M×D …     runs each shape (writes its data to /tmp), appends the parsed
//                                                      line to bench/reference/shortlist-calibration.json
//   node bench/shortlist-calibrate.mjs record N×M×D LOAD LINE   appends a line bench/shortlist.mjs printed (a run made by
//                                                      hand, e.g. niced or the 100k one) with the load it ran under
//   node bench/shortlist-calibrate.mjs fit             per-phase constants from every recorded run, and the model
//                                                      (as built in dist/) against each run's wall and CPU seconds
// Each record keeps the machine's `uptime` load: the CPU seconds of a phase are what the constants are fitted to
// (under load the wall clock says more about the other processes than about the solver).
import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {loadavg} from 'node:os'

const FILE = new URL('./reference/shortlist-calibration.json', import.meta.url)
const records = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : []
const [mode, ...shapes] = process.argv.slice(2)

/** The record of one bench/shortlist.mjs output line. */
function parse(n, m, d, load, line) {
  const num = (re) => Number(line.match(re)?.[1])
  const stats = JSON.parse(line.match(/(\{"rounds".*?\})/)[1])
  return {
    n,
    m,
    d,
    date: new Date().toISOString(),
    load1: Number(load.toFixed(2)),
    wall: num(/: ([\d.]+) s \(cpu/),
    cpu: num(/\(cpu ([\d.]+) s\)/),
    w1: num(/W1 = ([\d.]+)/),
    ...stats,
    pivots: num(/pivots (\d+)/),
    rssMB: num(/peak RSS (\d+) MB/),
    candidatesCpu: num(/candidates [\d.]+ \(([\d.]+)\)/),
    solveCpu: num(/solve [\d.]+ \(([\d.]+)\)/),
    checkCpu: num(/check [\d.]+ \(([\d.]+)\)/),
    candidatesWall: num(/candidates ([\d.]+) \(/),
    solveWall: num(/solve ([\d.]+) \(/),
    checkWall: num(/check ([\d.]+) \(/),
  }
}

const save = () => writeFileSync(FILE, `${JSON.stringify(records, null, 2)}\n`)

if (mode === 'run') {
  for (const shape of shapes) {
    const [n, m, d] = shape.split(/[x×]/).map(Number)
    const file = `/tmp/shortlist-${n}x${m}x${d}.f64`
    const bench = new URL('./shortlist.mjs', import.meta.url).pathname
    if (!existsSync(file)) execFileSync('node', [bench, 'gen', n, m, d, file].map(String))
    const load = loadavg()[0]
    const line = execFileSync('node', [bench, 'run', n, m, d, file].map(String), {encoding: 'utf8'}).trim()
    const rec = parse(n, m, d, load, line)
    console.log(JSON.stringify(rec))
    records.push(rec)
    save()
  }
} else if (mode === 'record') {
  const [n, m, d] = shapes[0].split(/[x×]/).map(Number)
  records.push(parse(n, m, d, Number(shapes[1]), shapes.slice(2).join(' ')))
  save()
} else if (mode === 'fit') {
  const {pairWork} = await import('../dist/core/work-budget.js')
  const est = await import('../dist/core/ot/exact-estimate.js')
  const {SHORTLIST_FILTER_SHARE} = est
  const median = (v) => {
    const s = [...v].sort((a, b) => a - b)
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
  }
  // Per-phase constants in the model's terms (src/core/ot/exact-estimate.ts): the candidates as two passes (ns per
  // pair-work unit, CPU of both threads); the checks as (rounds − 1) float32 filter rounds and one float64 check at
  // 1/SHORTLIST_FILTER_SHARE the filter's cost; the sparse solves single-threaded, per (n + m)²·(rounds/6)².
  const cand = records.map((r) => (r.candidatesCpu * 1e9) / (2 * pairWork(r.n * r.m, r.d)))
  const filter = records.map(
    (r) => (r.checkCpu * 1e9) / (pairWork(r.n * r.m, r.d) * (r.rounds - 1 + 1 / SHORTLIST_FILTER_SHARE)),
  )
  const solve = records.map((r) => r.solveCpu / ((r.n + r.m) ** 2 * (r.rounds / 6) ** 2))
  const range = (v, digits) =>
    `median ${median(v).toFixed(digits)} (range ${Math.min(...v).toFixed(digits)}–${Math.max(...v).toFixed(digits)})`
  console.log(`SHORTLIST_KNN_NS: ${range(cand, 3)} ns per unit`)
  console.log(
    `SHORTLIST_FILTER_NS: ${range(filter, 3)} ns per unit; SHORTLIST_CHECK_NS = that / ${SHORTLIST_FILTER_SHARE}`,
  )
  console.log(
    `SHORTLIST_SOLVE_COEF: median ${median(solve).toExponential(2)} s per (n+m)²·(R/6)² (range ${Math.min(...solve).toExponential(2)}–${Math.max(...solve).toExponential(2)})`,
  )
  // On two idle threads a run would take its parallel phases' CPU / 2 plus its solves' CPU: the "ideal wall", which a
  // loaded machine's wall clock cannot show; the model is meant to match it.
  console.log('n×m×d, rounds (model), load, wall, cpu, ideal wall, model (2 threads), model/ideal')
  for (const r of records) {
    const t = est.shortlistSeconds(r.n, r.m, r.d, 2)
    const ideal = (r.candidatesCpu + r.checkCpu) / 2 + r.solveCpu
    console.log(
      `${r.n}×${r.m}×${r.d}, ${r.rounds} (${est.shortlistRounds(r.d).toFixed(1)}), ${r.load1}, ${r.wall} s, ${r.cpu} s, ${ideal.toFixed(1)} s, ${t.toFixed(1)} s, ${(t / ideal).toFixed(2)}`,
    )
  }
} else {
  console.error('usage: node bench/shortlist-calibrate.mjs run N×M×D … | fit')
  process.exit(2)
}
