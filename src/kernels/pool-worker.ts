import {workerData} from 'node:worker_threads'
import {ARG_WORDS, DONE, FAILED, SLOTS} from './pool.js'

/**
 * One worker of the kernel pool (./pool.ts): instantiates the same compiled module over the same shared memory,
 * marks itself ready, then loops: sleep until its job number changes, run the named export on the arguments the
 * calling thread wrote, count itself done. A trap sets the error flag instead of leaving the caller waiting.
 */
const {module, memory, control, names, slot, argOffset} = workerData as {
  module: WebAssembly.Module
  memory: WebAssembly.Memory
  control: SharedArrayBuffer
  names: string[]
  slot: number
  argOffset: number
}
const kernels = new WebAssembly.Instance(module, {env: {memory}}).exports as Record<string, (...a: number[]) => void>
const ctrl = new Int32Array(control)
const args = new Float64Array(control, argOffset, ARG_WORDS)
const job = SLOTS + 2 * slot
Atomics.store(ctrl, job + 1, 1)
let seen = 0
for (;;) {
  Atomics.wait(ctrl, job, seen)
  const now = Atomics.load(ctrl, job)
  if (now === seen) continue
  seen = now
  try {
    kernels[names[args[0]]](...args.subarray(2, 2 + args[1]))
  } catch {
    Atomics.store(ctrl, FAILED, 1)
  }
  Atomics.sub(ctrl, DONE, 1)
  Atomics.notify(ctrl, DONE)
}
