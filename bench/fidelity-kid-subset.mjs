// @ts-check
// One KID subset's cost (bench/RESULTS.md "Session 27: fidelity"): the unbiased MMD² of 1000 × 2048 against
// 1000 × 2048 (float32-valued, non-negative like Inception features), the three kernel sums of one of KID's 100 subsets.
// usage: node bench/fidelity-kid-subset.mjs [THREADS] [REPS]   (after npm run build; ROOT=/other/checkout/ to compare
// another build in the same run). Prints ms per subset and the multiply-add rate over the 2·10⁶ pairs it needs.
import {fileURLToPath} from 'node:url'

const root = process.env.ROOT ?? fileURLToPath(new URL('..', import.meta.url))
const {unbiasedMmd2} = await import(`${root}dist/core/fidelity/kid.js`)
const {setKernelThreads} = await import(`${root}dist/kernels/index.js`)
const threads = Number(process.argv[2] ?? 2),
  reps = Number(process.argv[3] ?? 5)
setKernelThreads(threads)
const n = 1000,
  d = 2048
const x = new Float64Array(n * d),
  y = new Float64Array(n * d)
let s = 1
const r = () => {
  s = (s * 1103515245 + 12345) % 2147483648
  return Math.fround(Math.max(0, s / 2147483648 - 0.3))
}
for (let i = 0; i < n * d; i++) {
  x[i] = r()
  y[i] = r() + 0.01
}
unbiasedMmd2(x, n, y, n, d)
const t = performance.now()
let v = 0
for (let k = 0; k < reps; k++) v = unbiasedMmd2(x, n, y, n, d)
const ms = (performance.now() - t) / reps
console.log(
  `${root}: threads ${threads}: ${ms.toFixed(1)} ms/subset, MMD² ${v}, ${((2e6 * d) / ms / 1e6).toFixed(2)}·10⁹ multiply-adds/s`,
)
