import type {Gate} from './document.js'

/** A gate request from the command line: a threshold on a named number. */
export interface GateSpec {
  name: string
  kind: 'max' | 'min'
  threshold: number
}

/**
 * Evaluates gates: `max` passes when value ≤ threshold, `min` when value ≥ threshold. A gate named in `missing`
 * (its part could not be computed) is not evaluated and carries that reason.
 */
export function evaluateGates(
  specs: GateSpec[],
  values: Record<string, number>,
  missing: Record<string, string> = {},
): Gate[] {
  return specs.map(({name, kind, threshold}) => {
    if (missing[name] !== undefined)
      return {name, kind, threshold, value: null, passed: false, notEvaluated: missing[name]}
    const value = values[name]
    if (value === undefined || !Number.isFinite(value)) throw new Error(`internal: gate ${name} has no finite value`)
    const passed = kind === 'max' ? value <= threshold : value >= threshold
    return {name, kind, threshold, value, passed}
  })
}

/**
 * The process exit code for a computed report: 0 when every gate passed (or there are none), 1 when one failed,
 * 2 when one could not be evaluated (its part failed: the run cannot vouch for what was asked).
 * The one place that decides it, so the printed pass/fail and the exit code cannot disagree.
 */
export function exitCodeFor(gates: Gate[] | undefined): 0 | 1 | 2 {
  if (gates?.some((g) => g.notEvaluated !== undefined)) return 2
  return gates?.some((g) => !g.passed) ? 1 : 0
}
