import type {Gate} from './document.js'

/** A gate request from the command line: a threshold on a named number. */
export interface GateSpec {
  name: string
  kind: 'max' | 'min'
  threshold: number
}

/** Evaluates gates: `max` passes when value ≤ threshold, `min` when value ≥ threshold. */
export function evaluateGates(specs: GateSpec[], values: Record<string, number>): Gate[] {
  return specs.map(({name, kind, threshold}) => {
    const value = values[name]
    if (value === undefined || !Number.isFinite(value)) throw new Error(`internal: gate ${name} has no finite value`)
    const passed = kind === 'max' ? value <= threshold : value >= threshold
    return {name, kind, threshold, value, passed}
  })
}

/**
 * The process exit code for a computed report: 0 when every gate passed (or there are none), 1 otherwise.
 * The one place that decides it, so the printed pass/fail and the exit code cannot disagree.
 */
export function exitCodeFor(gates: Gate[] | undefined): 0 | 1 {
  return gates && gates.some((g) => !g.passed) ? 1 : 0
}
