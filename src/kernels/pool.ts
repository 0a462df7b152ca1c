import {existsSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {Worker} from 'node:worker_threads'

/**
 * A fixed pool of worker threads that run the WebAssembly row kernels over one shared memory, synchronously: the
 * caller's thread splits the rows into fixed blocks, wakes one worker per block, runs the first block itself and
 * sleeps until all are done (Atomics.wait; no event loop involved, so every kernel call stays a plain function call).
 *
 * Why results do not depend on the thread count: every kernel writes one result per row from that row's operands
 * only, in the same order of operations whichever thread runs it, and the blocks start at multiples of BLOCK_ALIGN
 * so the kernels that group rows (four at a time in the float64 LSE) group the same rows. Sums over rows are taken
 * afterwards by the caller, in row order. test/kernels/pool.test.ts checks byte equality for 1–4 threads.
 */

/** Block starts are multiples of this (a multiple of every kernel's row grouping). */
const BLOCK_ALIGN = 8
/** Calls with fewer row·column pairs than this run on the calling thread: waking a worker costs ~20–150 µs. */
export const PARALLEL_MIN_PAIRS = 1 << 16

/**
 * Work the calling thread runs alone before a pool at the default thread count starts its workers, in the units
 * `run` counts (rows × pairsPerRow; the distance kernels size a row as columns × coordinates, about one multiply-add
 * each). Starting a worker costs far more than waking one: a Node isolate and an instance of the module, ~0.1 CPU-s
 * and 0.2 s of wall time for `compare` on the bundled 500-point example, a ~2 CPU-s run that does 3.7e7 units
 * (bench/RESULTS.md "Issue 22 item 14, session 30"). 2²⁶ units are ~50 ms of kernel work, about what a start costs,
 * so a small run never pays for threads it cannot use and a large one loses at most that. A thread count the user
 * chose (`--threads`, tests) starts its workers at the first call over PARALLEL_MIN_PAIRS, as before. No result
 * depends on when the workers start: each row's result is the same on any thread (see above).
 */
export const WORKER_START_PAIRS = 1 << 26

/**
 * The worker's program (./pool-worker.ts, built beside this file). From src/ (tests) the built copy in dist/ runs.
 * Without either, or where threads are not allowed, the pool uses the calling thread only.
 */
const WORKER_FILE = [
  new URL('./pool-worker.js', import.meta.url),
  new URL('../../dist/kernels/pool-worker.js', import.meta.url),
].find((u) => existsSync(u))

/** Control words in the shared Int32Array: pending count, error flag, then per worker its job number and ready flag. */
export const DONE = 0
export const FAILED = 1
export const SLOTS = 2
/** Float64 argument words per worker: the kernel's index, the argument count, then the arguments. */
export const ARG_WORDS = 24

/** How long a new worker may take to start before the pool gives up on threads (it normally takes ~50 ms). */
const WORKER_START_MS = 10_000

/** The most threads a pool will use (workers + the calling thread). */
export const MAX_THREADS = 64

/** The default thread count: what the machine makes available to this process. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()))
}

type Kernel = (...args: number[]) => void

export interface KernelPool {
  /** Threads used by the next call over PARALLEL_MIN_PAIRS (1 = the calling thread only). */
  threads: number
  /** Pairs this thread runs alone before the workers start (0 = at the first call over PARALLEL_MIN_PAIRS). */
  startAfterPairs: number
  /** Blocks run on worker threads so far (tests check that the split really happened). */
  workerBlocks: number
  /**
   * Runs kernel `name` over rows 0 ≤ r < rows split into blocks: `argsOf(r0, r1)` gives the kernel's arguments for
   * rows r0..r1 (pointers offset to the block, the block's row count) and the block's index (0 ≤ index < threads,
   * for per-block scratch memory). `pairsPerRow` sizes the work (≈ columns): small calls stay on this thread.
   */
  run(
    name: string,
    rows: number,
    pairsPerRow: number,
    argsOf: (r0: number, r1: number, block: number) => number[],
  ): void
}

/**
 * A pool over `exports` (the calling thread's instance) and `module`/`memory` (shared with the workers). Workers
 * start on the first call that has work for them and are unref'd, so they never keep the process alive.
 */
export function createKernelPool(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  exports: Record<string, unknown>,
  names: readonly string[],
): KernelPool {
  const control = new SharedArrayBuffer(8 * (Math.ceil((SLOTS + 2 * MAX_THREADS) / 2) + ARG_WORDS * MAX_THREADS))
  const ctrl = new Int32Array(control)
  const argBase = 8 * Math.ceil((SLOTS + 2 * MAX_THREADS) / 2)
  const workers: Worker[] = []
  const index = new Map(names.map((n, i) => [n, i]))

  let broken = false
  /** Starts worker `slot` and waits until it has instantiated the module (once; ~50 ms). */
  const startWorker = (slot: number): boolean => {
    let w: Worker
    if (!WORKER_FILE) {
      broken = true
      return false
    }
    try {
      w = new Worker(WORKER_FILE, {
        workerData: {module, memory, control, names, slot, argOffset: argBase + 8 * ARG_WORDS * slot},
      })
    } catch {
      // Threads forbidden (Node's permission model without --allow-worker) or unavailable: this thread does the work.
      broken = true
      return false
    }
    w.unref()
    workers[slot] = w
    const flag = SLOTS + 2 * slot + 1
    const deadline = performance.now() + WORKER_START_MS
    while (Atomics.load(ctrl, flag) !== 1) {
      const left = deadline - performance.now()
      if (left <= 0) {
        // A worker that cannot start (no threads in this environment, a starved machine) must not stall the caller:
        // the pool falls back to this thread for good, with the same results.
        broken = true
        void w.terminate()
        return false
      }
      Atomics.wait(ctrl, flag, 0, Math.min(left, 50))
    }
    return true
  }

  /** Pairs run so far, for `startAfterPairs`. */
  let pairsRun = 0
  const pool: KernelPool = {
    threads: 1,
    startAfterPairs: 0,
    workerBlocks: 0,
    run(name, rows, pairsPerRow, argsOf) {
      const kernel = exports[name] as Kernel
      const pairs = rows * pairsPerRow
      const started = workers.length > 0 || pairsRun >= pool.startAfterPairs
      pairsRun += pairs
      const threads =
        broken || !WORKER_FILE || pairs < PARALLEL_MIN_PAIRS || !started ? 1 : Math.min(pool.threads, MAX_THREADS)
      const bounds = blockBounds(rows, threads)
      const blocks = bounds.length - 1
      for (let b = 1; b < blocks && !broken; b++) if (workers[b - 1] === undefined) startWorker(b - 1)
      if (blocks <= 1 || broken) {
        for (let b = 0; b < blocks; b++) kernel(...argsOf(bounds[b], bounds[b + 1], b))
        return
      }
      Atomics.store(ctrl, FAILED, 0)
      Atomics.store(ctrl, DONE, blocks - 1)
      for (let b = 1; b < blocks; b++) {
        const a = argsOf(bounds[b], bounds[b + 1], b)
        if (a.length > ARG_WORDS - 2) throw new Error(`internal: kernel ${name} has too many arguments for the pool`)
        const words = new Float64Array(control, argBase + 8 * ARG_WORDS * (b - 1), ARG_WORDS)
        words[0] = index.get(name) ?? -1
        words[1] = a.length
        words.set(a, 2)
        Atomics.add(ctrl, SLOTS + 2 * (b - 1), 1)
        Atomics.notify(ctrl, SLOTS + 2 * (b - 1))
      }
      pool.workerBlocks += blocks - 1
      kernel(...argsOf(bounds[0], bounds[1], 0))
      for (;;) {
        const left = Atomics.load(ctrl, DONE)
        if (left === 0) break
        Atomics.wait(ctrl, DONE, left)
      }
      if (Atomics.load(ctrl, FAILED) !== 0) throw new Error(`internal: kernel ${name} failed in a worker thread`)
    },
  }
  return pool
}

/**
 * Block boundaries 0 = b₀ < b₁ < … < b_k = rows for `threads` blocks of nearly equal size, each start a multiple
 * of BLOCK_ALIGN (fewer blocks when rows are few).
 */
export function blockBounds(rows: number, threads: number): number[] {
  const bounds = [0]
  for (let t = 1; t < threads; t++) {
    const b = Math.round((rows * t) / threads / BLOCK_ALIGN) * BLOCK_ALIGN
    if (b > bounds[bounds.length - 1] && b < rows) bounds.push(b)
  }
  bounds.push(rows)
  return bounds
}
