import type {Gate} from './document.js'

/** A gate request from the command line: a threshold on a named number, and the part of the command that computes it. */
export interface GateSpec<P extends string = string> {
  name: string
  kind: 'max' | 'min'
  part: P
  threshold: number
}

/**
 * A gate's number that was computed but cannot be trusted (e.g. a JSD estimate flagged unreliable): the gate is not
 * evaluated and carries the reason — never a pass or a fail on it. Any command's gates use it (`untrusted(reason)`).
 */
export interface Untrusted {
  untrusted: string
}

/** The value of a gate: a finite number, or the reason it cannot be trusted. */
export type GateValue = number | Untrusted

/** Marks a gate's value as untrustworthy, with the reason (one clause, e.g. "the JSD estimate is unreliable: …"). */
export function untrusted(reason: string): Untrusted {
  return {untrusted: reason}
}

/**
 * Evaluates gates: `max` passes when value ≤ threshold, `min` when value ≥ threshold. A gate is not evaluated, and
 * carries the reason, when its part could not be computed (named in `missing`) or its value is `untrusted`.
 */
export function evaluateGates(
  specs: GateSpec[],
  values: Record<string, GateValue>,
  missing: Record<string, string> = {},
): Gate[] {
  return specs.map(({name, kind, threshold}) => {
    if (missing[name] !== undefined)
      return {name, kind, threshold, value: null, passed: false, notEvaluated: missing[name]}
    const value = values[name]
    if (typeof value === 'object' && value !== null)
      return {name, kind, threshold, value: null, passed: false, notEvaluated: value.untrusted}
    if (value === undefined || !Number.isFinite(value)) throw new Error(`internal: gate ${name} has no finite value`)
    const passed = kind === 'max' ? value <= threshold : value >= threshold
    return {name, kind, threshold, value, passed}
  })
}

/**
 * One stderr line per gate that was not evaluated, saying why (the exit code is 2: the run cannot vouch for what was
 * asked), e.g. "gate jsd ≤ 0.01 not evaluated (exit 2): the JSD estimate is unreliable: …".
 */
export function notEvaluatedLines(gates: Gate[]): string[] {
  return gates
    .filter((g) => g.notEvaluated !== undefined)
    .map(
      (g) => `gate ${g.name} ${g.kind === 'max' ? '≤' : '≥'} ${g.threshold} not evaluated (exit 2): ${g.notEvaluated}`,
    )
}

/**
 * The process exit code for a computed report: 0 when every gate passed (or there are none), 1 when one failed,
 * 2 when one could not be evaluated (its part failed or its value is untrusted: the run cannot vouch for what was
 * asked). The one place that decides it, so the printed pass/fail and the exit code cannot disagree.
 */
export function exitCodeFor(gates: Gate[] | undefined): 0 | 1 | 2 {
  if (gates?.some((g) => g.notEvaluated !== undefined)) return 2
  return gates?.some((g) => !g.passed) ? 1 : 0
}
