/**
 * Determinism: the same inputs and flags give byte-identical JSON apart from `timing` — in two processes
 * running at the same time, with a different libuv thread pool, and whether the same data come as CSV, Parquet or
 * Arrow (apart from the path and format that describe the file), and for any --threads (the kernels' worker pool,
 * src/kernels/pool.ts; test/kernels/pool.test.ts checks that the fixtures' sizes really are split). The seed must matter: a different --seed changes the
 * randomised results, so these comparisons could fail.
 */
import {describe, expect, it} from 'vitest'
import {runCliAsync, shared} from '../helpers/cli.js'

const example = (name: string, ext: string) => `fixtures/examples/${name}.${ext}`
const pair = (ext: string) => [example('real', ext), example('generated', ext)]

/** Runs with every random choice made: kNN jitter and subsampling, Monte Carlo noise, sliced projections, --sample. */
const runs: Record<string, (ext: string) => string[]> = {
  info: (ext) => ['info', example('real', ext)],
  'w1 exact': (ext) => ['w1', ...pair(ext)],
  'w1 sinkhorn': (ext) => ['w1', ...pair(ext), '--method', 'sinkhorn', '--gap', '0.02'],
  'w1 sliced': (ext) => ['w1', ...pair(ext), '--method', 'sliced', '--projections', '20'],
  'jsd kde': (ext) => ['jsd', ...pair(ext), '--method', 'kde'],
  'jsd noisy': (ext) => ['jsd', ...pair(ext), '--method', 'noisy', '--sigma', '0.3', '--draws', '300'],
  'jsd knn': (ext) => ['jsd', ...pair(ext), '--method', 'knn'],
  'bound sweep': (ext) => ['bound', ...pair(ext), '--sweep', '--sweep-points', '3', '--draws', '200'],
  align: (ext) => ['align', ...pair(ext)],
  'compare --sample': (ext) => ['compare', ...pair(ext), '--sample', '150', '--draws', '200'],
}

/** Flags whose result depends on the seed (the others are exact and must not). */
const seeded = ['w1 sliced', 'jsd noisy', 'bound sweep', 'compare --sample']

async function run(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runCliAsync([...args, '--json', '--quiet'], {env})
  if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}`)
  return r.stdout
}

/** The document's text with `timing` removed and nothing else touched (key order and number formatting kept). */
function withoutTiming(text: string): string {
  const doc = JSON.parse(text)
  delete doc.timing
  return JSON.stringify(doc)
}

/** Also without what describes the file rather than the data: its path, format and (info) each column's stored type. */
function withoutFile(text: string): string {
  const doc = JSON.parse(text)
  delete doc.timing
  for (const side of ['p', 'q', 'info']) {
    if (doc[side]) {
      delete doc[side].path
      delete doc[side].format
      for (const column of doc[side].columns ?? []) if (typeof column === 'object') delete column.type
    }
  }
  return JSON.stringify(doc)
}

describe('byte-identical results', () => {
  // Each case's plain run (no env) is spawned once and checked by three tests: as one of the two processes at once,
  // as the CSV beside Parquet and Arrow, and as the default seed beside --seed 7. The first test starts it, so it
  // still runs at the same time as its twin.
  const once = shared((args: string[]) => run(args))
  for (const [name, args] of Object.entries(runs)) {
    it.concurrent(`${name}: two processes at once, and another thread-pool size, agree byte for byte`, async () => {
      const [a, b, c] = await Promise.all([
        once(args('csv')),
        run(args('csv')),
        run(args('csv'), {UV_THREADPOOL_SIZE: '1'}),
      ])
      expect(a.length).toBeGreaterThan(0)
      expect(withoutTiming(b)).toBe(withoutTiming(a))
      expect(withoutTiming(c)).toBe(withoutTiming(a))
    })

    it.concurrent(`${name}: the same data as CSV, Parquet and Arrow give the same results`, async () => {
      const [csv, parquet, arrow] = await Promise.all(['csv', 'parquet', 'arrow'].map((ext) => once(args(ext))))
      expect(withoutFile(parquet)).toBe(withoutFile(csv))
      expect(withoutFile(arrow)).toBe(withoutFile(csv))
    })
  }

  for (const name of seeded) {
    it.concurrent(`${name}: another --seed changes the result (so the seed, and only the seed, drives the randomness)`, async () => {
      const [a, b] = await Promise.all([once(runs[name]('csv')), run([...runs[name]('csv'), '--seed', '7'])])
      const strip = (text: string) => {
        const doc = JSON.parse(withoutTiming(text))
        delete doc.seed
        return JSON.stringify(doc)
      }
      expect(strip(b)).not.toBe(strip(a))
    })
  }
})

/** Every command whose work runs in the pairwise kernels, at sizes the pool splits (500 × 500 points in 2-D). */
const threaded = ['w1 sinkhorn', 'jsd kde', 'jsd noisy', 'bound sweep', 'align']

describe('byte-identical for any --threads', () => {
  const cases: Record<string, string[]> = {
    ...Object.fromEntries(threaded.map((name) => [name, runs[name]('csv')])),
    compare: ['compare', ...pair('csv'), '--draws', '200'],
  }
  for (const [name, args] of Object.entries(cases)) {
    // One case at a time (four processes at once, each with its workers), so a loaded CI machine is not swamped.
    it(`${name}: --threads 1, 2, 3 and 4 give the same JSON apart from timing`, {timeout: 180_000}, async () => {
      const outputs = await Promise.all([1, 2, 3, 4].map((t) => run([...args, '--threads', String(t)])))
      for (const [i, out] of outputs.entries()) expect(JSON.parse(out).timing.threads).toBe(i + 1)
      for (const out of outputs.slice(1)) expect(withoutTiming(out)).toBe(withoutTiming(outputs[0]))
    })
  }
})
