import {parentPort} from 'node:worker_threads'
import {numericDrift} from '../../core/drift/numeric.js'

/**
 * One worker of the drift column pool (./workers.ts): for each numeric column pair it is sent (the raw float64
 * values of P and Q, missing cells as NaN), numericDrift, the in-memory engine's own function, so the numbers are
 * the ones `--engine memory` computes; the statistics go back as a structured clone (numbers kept bit for bit).
 */
parentPort!.on('message', (task: {id: number; name: string; p: Float64Array; q: Float64Array; bins: number}) => {
  try {
    parentPort!.postMessage({id: task.id, stats: numericDrift(task.name, task.p, task.q, {bins: task.bins})})
  } catch (error) {
    parentPort!.postMessage({id: task.id, error: String((error as Error)?.stack ?? error)})
  }
})
