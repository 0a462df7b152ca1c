import {Flags} from '@oclif/core'
import {InputError} from '../core/errors.js'
import {CORRECTIONS, DEFAULT_CORRECTION} from '../core/stats/multiple-testing.js'
import {ENGINES} from '../io/load.js'
import type {GateSpec} from '../report/gates.js'

/** The per-column drift flags `drift` has (the decision and the numeric bins). */
export const driftFlags = {
  categorical: Flags.string({
    description:
      'comma-separated numeric columns to treat as categories (text, boolean and dictionary columns always are)',
    helpGroup: 'DRIFT',
  }),
  bins: Flags.integer({
    description:
      "quantile bins of P for the numeric JSD (a point mass of P is a bin of its own: docs/drift.md); the PSI uses P's deciles, proportions floored at 1e-4",
    default: 20,
    min: 2,
    max: 1000,
    helpGroup: 'DRIFT',
  }),
  stat: Flags.string({
    description:
      'the drift statistic(s), at most one per kind: w1-normed (default, numeric), js-distance (default, categorical), w1, ks, ks-p, psi, jsd, tvd, chi2-p; e.g. --stat ks-p,chi2-p',
    helpGroup: 'DRIFT',
  }),
  threshold: Flags.string({
    description:
      'threshold(s), one per --stat, in order (default 0.1; p-values 0.05, drifted below; psi 0.2); a column drifts at or beyond it',
    helpGroup: 'DRIFT',
  }),
  correction: Flags.string({
    description:
      'multiple-testing correction of the per-column p-values: holm (family-wise error), bh (false discovery rate), none; ks-p and chi2-p decide on the adjusted ones',
    options: [...CORRECTIONS],
    default: DEFAULT_CORRECTION,
    helpGroup: 'DRIFT',
  }),
}

/** Where `drift` reads its columns (src/io/load.ts chooseEngine). */
export const engineFlag = {
  engine: Flags.string({
    description:
      'where to read: duckdb for a pattern (data/*.parquet), a directory (hive year=2025/…) or a file over the memory budget (DIVERGENCE_MAX_BYTES); memory otherwise. Same numbers; DuckDB streams a column at a time',
    options: [...ENGINES],
    default: 'auto',
    helpGroup: 'INPUT',
  }),
}

/** The gates of `drift`. */
export const driftGateFlags = {
  'max-drift-share': Flags.string({
    description:
      'fail (exit 1) if the share of drifted columns exceeds this (0 to 1; a column emptied in Q counts as drifted)',
    helpGroup: 'GATES',
  }),
  'max-column-w1-normed': Flags.string({
    description: "fail if any numeric column's W1 / std(P) exceeds this",
    helpGroup: 'GATES',
  }),
  'max-psi': Flags.string({description: "fail if any numeric column's PSI exceeds this", helpGroup: 'GATES'}),
}

/** Each gate, its value's name, and the values its threshold can take (a share is a fraction; the others ≥ 0). */
const GATES: [keyof typeof driftGateFlags, string, number][] = [
  ['max-drift-share', 'driftShare', 1],
  ['max-column-w1-normed', 'maxColumnW1Normed', Infinity],
  ['max-psi', 'maxPsi', Infinity],
]

/** The drift gates asked for, thresholds parsed strictly and refused outside their range (a gate that cannot fail). */
export function driftGateSpecs(flags: Partial<Record<keyof typeof driftGateFlags, string>>): GateSpec[] {
  const specs: GateSpec[] = []
  for (const [flag, name, hi] of GATES) {
    const raw = flags[flag]
    if (raw === undefined) continue
    const threshold = Number(raw)
    if (raw.trim() === '' || !Number.isFinite(threshold))
      throw new InputError(`--${flag} must be a finite number, got '${raw}'`)
    if (threshold < 0 || threshold > hi)
      throw new InputError(
        `--${flag} must be ${hi === 1 ? 'between 0 and 1 (a share of the columns)' : '≥ 0'}, got ${raw}`,
      )
    specs.push({name, kind: 'max', threshold})
  }
  return specs
}

/** A comma-separated list flag as trimmed, non-empty items. */
export function listFlag(text: string | undefined): string[] | undefined {
  return text === undefined
    ? undefined
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
}

/** `--threshold a,b` as finite numbers. */
export function thresholdsFlag(text: string | undefined): number[] {
  return (listFlag(text) ?? []).map((s) => {
    const x = Number(s)
    if (!Number.isFinite(x)) throw new InputError(`--threshold must be finite numbers, got '${s}'`)
    return x
  })
}
