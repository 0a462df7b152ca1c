import {Flags} from '@oclif/core'
import {defaultThreads, kernelThreads, MAX_THREADS, setKernelThreads} from '../kernels/index.js'

/**
 * --threads, shared by the commands whose work runs in the pairwise kernels (w1, jsd, bound, align, compare). It sets
 * the kernels' pool directly: a run-wide setting like the work budget, which core never needs to see, since no result
 * depends on it.
 */
export const threadsFlags = {
  threads: Flags.integer({
    description: `[default: the available parallelism, ${defaultThreads()} here] threads for the pairwise kernels (Sinkhorn and its bracket, KDE, distance tiles for kNN, the noisy JSD and exact W1's costs); results are byte-identical for any count`,
    min: 1,
    max: MAX_THREADS,
    helpGroup: 'PERFORMANCE',
  }),
}

/**
 * Applies --threads (or the default, whose workers start only once a run is large enough to gain from them) and
 * returns the count now allowed, for `timing.threads`.
 */
export function useThreads(value: number | undefined): number {
  setKernelThreads(value ?? defaultThreads(), value !== undefined)
  return kernelThreads()
}
