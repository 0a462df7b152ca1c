import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {ROOT} from '../../helpers/cli.js'

/** The expected values fixtures/drift/expected.py computed with SciPy (versions recorded in the file). */
export const EXPECTED = JSON.parse(readFileSync(join(ROOT, 'fixtures/drift/expected.json'), 'utf8'))

export interface SampleSpec {
  n: number
  start: number
  scale?: number
  shift?: number
  power?: number
  floor?: number
}

/** u(k) = ((k · 2654435761) mod 2³²) / 2³², exact in float64 for k < 3·10⁶: the same numbers as expected.py's. */
function u(k: number): number {
  return ((k * 2654435761) % 4294967296) / 4294967296
}

/** The sample expected.py's `sample(spec)` draws. */
export function sample(spec: SampleSpec): Float64Array {
  const x = new Float64Array(spec.n)
  for (let i = 0; i < spec.n; i++) {
    let v = (spec.scale ?? 1) * u(spec.start + i) ** (spec.power ?? 1) + (spec.shift ?? 0)
    if (spec.floor) v = Math.floor(v * spec.floor) / spec.floor
    x[i] = v
  }
  return x
}

/** |a − b| ≤ tol · |b| (or ≤ tol when b is 0). */
export function relClose(a: number | null, b: number, tol: number): boolean {
  if (a === null) return false
  return Math.abs(a - b) <= tol * Math.max(Math.abs(b), b === 0 ? 1 : 0)
}
