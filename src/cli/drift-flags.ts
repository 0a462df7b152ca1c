import {Flags} from '@oclif/core'
import {DRIFT_BOOTSTRAP, type DriftIntervalOptions} from '../core/drift/index.js'
import {InputError} from '../core/errors.js'
import {CORRECTIONS, DEFAULT_CORRECTION} from '../core/stats/multiple-testing.js'
import {ENGINES} from '../io/load.js'
import {countFlag} from './parse.js'

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
  bootstrap: Flags.string({
    description: `[default: ${DRIFT_BOOTSTRAP} with --max-column-w1-normed-upper or --max-psi-upper] resamples for each numeric column's 95 % percentile bootstrap interval of W1 / std(P) and PSI (P and Q resampled with replacement at their sizes, seeded by --seed; memory engine only)`,
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

/**
 * The drift intervals asked for: --bootstrap B, or DRIFT_BOOTSTRAP resamples when a gate on an interval's upper end
 * is given; none otherwise (they cost B resamples of every numeric column).
 */
export function driftIntervalsFrom(
  flags: {bootstrap?: string; seed: number},
  gates: {name: string}[],
): DriftIntervalOptions | undefined {
  const upperGate = gates.some((g) => g.name === 'maxColumnW1NormedUpper' || g.name === 'maxPsiUpper')
  const resamples = countFlag('bootstrap', flags.bootstrap) ?? (upperGate ? DRIFT_BOOTSTRAP : undefined)
  if (resamples === undefined) return undefined
  if (resamples < 2) throw new InputError(`--bootstrap needs at least 2 resamples for an interval, got ${resamples}`)
  return {resamples, seed: flags.seed}
}
