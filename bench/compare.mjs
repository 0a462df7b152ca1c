// @ts-check
// compare benchmark: `divergence compare` with defaults on two Parquet files, against running the four
// commands one after another on the same files (the shared work should make compare faster). Wall clock of the whole
// CLI process, as a user sees it. Sizes: BENCH_COMPARE="2000x8,10000x64" (default 2000x8; 10000x64 takes long).
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {cpus, loadavg} from 'node:os'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = `${root}bench/out/`
mkdirSync(out, {recursive: true})
const {encode} = await import(`${root}dist/io/write/index.js`)
const {createRng} = await import(`${root}dist/core/stats/rng.js`)
const bin = `${root}bin/run.js`

const sizes = (process.env.BENCH_COMPARE ?? '2000x8').split(',').map((s) => s.split('x').map(Number))
console.log(
  `machine: ${cpus()[0].model}, ${cpus().length} vCPU, node ${process.version}, ${new Date().toISOString()}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
)
console.log('| n × d | compare (s) | w1 + jsd + bound + align run separately (s) | ratio |')
console.log('|---|---|---|---|')
const time = (/** @type {string[]} */ args) => {
  const t = performance.now()
  const r = spawnSync(process.execPath, [bin, ...args, '--quiet', '--json'], {encoding: 'utf8', maxBuffer: 1 << 28})
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: ${r.stderr}`)
  return (performance.now() - t) / 1000
}
for (const [n, d] of sizes) {
  const files = [0, 1].map((k) => `${out}compare-${n}x${d}-${k}.parquet`)
  if (!files.every(existsSync)) {
    const rng = createRng(7)
    for (const [k, file] of files.entries()) {
      const data = new Float64Array(n * d)
      for (let i = 0; i < data.length; i++) data[i] = rng.normal() + (k === 1 && i % d === 0 ? 0.5 : 0)
      writeFileSync(
        file,
        await encode({n, d, data, columns: Array.from({length: d}, (_, c) => `x${c}`), source: 'bench'}, 'parquet'),
      )
    }
  }
  const together = time(['compare', ...files])
  const separately = ['w1', 'jsd', 'bound', 'align'].reduce(
    (s, cmd) => s + time([cmd, ...files, ...(cmd === 'jsd' && d > 3 ? ['--method', 'knn'] : [])]),
    0,
  )
  console.log(
    `| ${n} × ${d} | ${together.toFixed(1)} | ${separately.toFixed(1)} | ${(separately / together).toFixed(2)}× |`,
  )
}
