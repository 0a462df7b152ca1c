// @ts-check
// Reading benchmark: a 1e6 × 8 float64 matrix from CSV, Arrow IPC and Parquet (snappy), timed in a fresh
// process each, with the process's peak RSS; and the CLI's start-up time. Needs `npm run build` first.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {cpus} from 'node:os'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = `${root}bench/out/`
mkdirSync(out, {recursive: true})
const N = Number(process.env.BENCH_ROWS ?? 1_000_000),
  D = 8

const {encode} = await import(`${root}dist/io/write/index.js`)
const {createRng} = await import(`${root}dist/core/stats/rng.js`)
if (!existsSync(`${out}io-${N}.parquet`)) {
  const rng = createRng(1)
  const data = new Float64Array(N * D)
  for (let i = 0; i < data.length; i++) data[i] = rng.normal()
  const set = {n: N, d: D, data, columns: Array.from({length: D}, (_, k) => `x${k}`), source: 'bench'}
  for (const f of ['csv', 'arrow', 'parquet']) writeFileSync(`${out}io-${N}.${f}`, await encode(set, f))
}

// The reader module is imported lazily by readSampleSet; it is imported first here so that its load time
// (apache-arrow ~0.3–0.9 s on this machine) is reported apart from the read itself.
const readerOf = {parquet: 'parquet', arrow: 'arrow', csv: 'csv'}
/**
 * @param {string} file
 * @param {keyof typeof readerOf} format
 */
const probe = (file, format) => `
  const t0 = performance.now()
  const {readSampleSet} = await import(${JSON.stringify(`${root}dist/io/read.js`)})
  await import(${JSON.stringify(`${root}dist/io/`)} + ${JSON.stringify(readerOf[format])} + '.js')
  const t = performance.now()
  const r = await readSampleSet(${JSON.stringify(file)}, {seed: 1})
  const s = (performance.now() - t) / 1000
  console.log(JSON.stringify({importSeconds: (t - t0) / 1000, seconds: s, n: r.set.n, d: r.set.d, maxRssMB: process.resourceUsage().maxRSS / 1024}))`
console.log(`machine: ${cpus()[0].model}, ${cpus().length} vCPU, node ${process.version}, ${new Date().toISOString()}`)
console.log('| format | rows × cols | module import (s) | read (s) | peak RSS (MB) | RSS / matrix |')
console.log('|---|---|---|---|---|---|')
const matrixMB = (N * D * 8) / 2 ** 20
for (const f of /** @type {const} */ (['parquet', 'arrow', 'csv'])) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe(`${out}io-${N}.${f}`, f)], {
    encoding: 'utf8',
  })
  if (r.status !== 0) {
    console.log(`| ${f} | failed: ${r.stderr.split('\n')[0]} |`)
    continue
  }
  const m = JSON.parse(r.stdout)
  console.log(
    `| ${f} | ${m.n} × ${m.d} | ${m.importSeconds.toFixed(2)} | ${m.seconds.toFixed(2)} | ${m.maxRssMB.toFixed(0)} | ${(m.maxRssMB / matrixMB).toFixed(1)}× |`,
  )
}
const times = []
for (let i = 0; i < 7; i++) {
  const t = performance.now()
  spawnSync(process.execPath, [`${root}bin/run.js`, '--help'], {encoding: 'utf8'})
  times.push(performance.now() - t)
}
times.sort((a, b) => a - b)
console.log(
  `\n\`divergence --help\` start-up: median ${times[3].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[6].toFixed(0)}) over 7 runs`,
)
