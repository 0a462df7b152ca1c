import {existsSync} from 'node:fs'
import {Worker} from 'node:worker_threads'
import {numericDrift} from '../../core/drift/numeric.js'

/** One numeric column's statistics, as numericDrift returns them. */
export type NumericStatistics = ReturnType<typeof numericDrift>

/**
 * Numeric columns of drift on worker threads (issue 23, parallel columns): each column pair goes whole to one worker
 * (its buffers transferred, not copied), which sorts and computes with numericDrift (./drift-worker.ts). A column's
 * numbers come from that column's values alone, in the same operations whichever thread runs it, and the caller
 * keeps them in column order, so the result is byte-identical for any thread count, and the in-memory engine's.
 */
export interface DriftWorkers {
  /** Threads computing (1: the calling thread, no workers). */
  threads: number
  compute(name: string, p: Float64Array, q: Float64Array, bins: number): Promise<NumericStatistics>
  close(): void
}

/** The worker's program, built beside this file; from src/ (tests) the built copy in dist/. */
const WORKER_FILE = [
  new URL('./drift-worker.js', import.meta.url),
  new URL('../../../dist/io/duckdb/drift-worker.js', import.meta.url),
].find((u) => existsSync(u))

/**
 * `threads` workers, each given the next column when it is free. With one thread, without a built worker, or where
 * threads are not allowed (Node's permission model without --allow-worker), every column runs on this thread.
 */
export function createDriftWorkers(threads: number): DriftWorkers {
  const inline: DriftWorkers = {
    threads: 1,
    compute: async (name, p, q, bins) => numericDrift(name, p, q, {bins}),
    close() {},
  }
  if (threads <= 1 || !WORKER_FILE) return inline
  const workers: Worker[] = []
  try {
    for (let t = 0; t < threads; t++) workers.push(new Worker(WORKER_FILE))
  } catch {
    for (const w of workers) void w.terminate()
    return inline
  }
  const waiting = new Map<number, {resolve: (s: NumericStatistics) => void; reject: (e: Error) => void; w: number}>()
  const busy = new Array<number>(threads).fill(0)
  let nextId = 0
  workers.forEach((w, k) => {
    w.on('message', (m: {id: number; stats?: NumericStatistics; error?: string}) => {
      const job = waiting.get(m.id)
      if (!job) return
      waiting.delete(m.id)
      busy[k]--
      if (m.error !== undefined) job.reject(new Error(`internal: drift worker failed: ${m.error}`))
      else job.resolve(m.stats!)
    })
    w.on('error', (error) => {
      for (const [id, job] of waiting)
        if (job.w === k) {
          waiting.delete(id)
          job.reject(error)
        }
    })
  })
  return {
    threads,
    compute(name, p, q, bins) {
      // The least busy worker (lowest index on a tie): which one runs a column changes nothing in its numbers.
      let k = 0
      for (let t = 1; t < threads; t++) if (busy[t] < busy[k]) k = t
      busy[k]++
      const id = nextId++
      return new Promise((resolve, reject) => {
        waiting.set(id, {resolve, reject, w: k})
        workers[k].postMessage({id, name, p, q, bins}, [p.buffer as ArrayBuffer, q.buffer as ArrayBuffer])
      })
    },
    close() {
      for (const w of workers) void w.terminate()
    },
  }
}
