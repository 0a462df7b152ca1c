import {OptionError, opt} from '../errors.js'
import type {CategoricalDrift, ColumnDrift, NumericDrift} from './types.js'

type Kind = 'numeric' | 'categorical'

/** A drift statistic: which column kinds it applies to, which side of the threshold is drift, and its default. */
interface StatDef {
  kinds: Kind[]
  /** 'above': drifted when value ≥ threshold; 'below' (p-values): drifted when value < threshold. */
  direction: 'above' | 'below'
  threshold?: number
  /** The values a threshold can sensibly take: the statistic's range ([lo, hi], or (0, 1] for a p-value). */
  range: {lo: number; hi: number; loOpen?: boolean}
  value: (c: ColumnDrift) => number | null
}

const UNBOUNDED = {lo: 0, hi: Infinity}
const UNIT = {lo: 0, hi: 1}
/** A p-value threshold α: 0 would never drift, and α = 1 drifts every column whose p-value is below 1. */
const ALPHA = {lo: 0, hi: 1, loOpen: true}

const jsDistance = (jsd: number | null) => (jsd === null ? null : Math.sqrt(jsd / Math.LN2))

/**
 * The statistics `--stat` can choose. Defaults follow Evidently's for large samples (docs/design.md
 * "Drift defaults"): normed W1 ≥ 0.1 for numeric columns, Jensen–Shannon distance (base 2, √JSD) ≥ 0.1 for
 * categorical ones; p-value statistics drift below 0.05; PSI ≥ 0.2 is the usual "significant shift" line.
 * The p-value statistics decide on the p-values adjusted for testing every column (`ksPValueAdjusted`,
 * `chi2PValueAdjusted`; see ./index.ts), so the default 0.05 bounds the chance of any false alarm, not of each.
 */
export const STATS: Record<string, StatDef> = {
  'w1-normed': {
    kinds: ['numeric'],
    direction: 'above',
    threshold: 0.1,
    range: UNBOUNDED,
    value: (c) => (c as NumericDrift).w1Normed,
  },
  w1: {kinds: ['numeric'], direction: 'above', range: UNBOUNDED, value: (c) => (c as NumericDrift).w1},
  ks: {kinds: ['numeric'], direction: 'above', threshold: 0.1, range: UNIT, value: (c) => (c as NumericDrift).ks},
  'ks-p': {
    kinds: ['numeric'],
    direction: 'below',
    threshold: 0.05,
    range: ALPHA,
    value: (c) => (c as NumericDrift).ksPValueAdjusted,
  },
  psi: {
    kinds: ['numeric'],
    direction: 'above',
    threshold: 0.2,
    range: UNBOUNDED,
    value: (c) => (c as NumericDrift).psi,
  },
  'js-distance': {
    kinds: ['numeric', 'categorical'],
    direction: 'above',
    threshold: 0.1,
    range: UNIT,
    value: (c) => jsDistance(c.jsd),
  },
  jsd: {
    kinds: ['numeric', 'categorical'],
    direction: 'above',
    threshold: 0.01 * Math.LN2,
    range: {lo: 0, hi: Math.LN2},
    value: (c) => c.jsd,
  },
  tvd: {
    kinds: ['categorical'],
    direction: 'above',
    threshold: 0.1,
    range: UNIT,
    value: (c) => (c as CategoricalDrift).tvd,
  },
  'chi2-p': {
    kinds: ['categorical'],
    direction: 'below',
    threshold: 0.05,
    range: ALPHA,
    value: (c) => (c as CategoricalDrift).chi2PValueAdjusted,
  },
}

export const DEFAULT_STAT: Record<Kind, string> = {numeric: 'w1-normed', categorical: 'js-distance'}

/** The statistic and threshold used for each kind of column. */
export type DecisionRule = Record<Kind, {stat: string; threshold: number}>

/** A threshold outside the values `stat` can take is refused: it would make the statistic's verdict constant. */
function checkThreshold(stat: string, threshold: number): void {
  const {lo, hi, loOpen} = STATS[stat].range
  if (!(loOpen ? threshold > lo : threshold >= lo) || threshold > hi) {
    const range = hi === Infinity ? `≥ ${lo}` : `in ${loOpen ? '(' : '['}${lo}, ${hi === Math.LN2 ? 'ln 2' : hi}]`
    throw new OptionError(
      'threshold',
      threshold,
      `${threshold} is out of range for ${stat}${STATS[stat].direction === 'below' ? ' (a p-value level)' : ''}: it must be ${range}`,
    )
  }
}

/**
 * The rule from `--stat a[,b]` and `--threshold x[,y]` (paired in order): a statistic for one kind sets that kind;
 * one for both kinds (jsd, js-distance) sets whichever kinds are not set otherwise. Without thresholds each
 * statistic has its default; with thresholds, one per statistic (one threshold for two statistics could pair either
 * way, so it is refused). Every threshold must lie in its statistic's range.
 */
export function decisionRule(stats: string[] = [], thresholds: number[] = []): DecisionRule {
  if (stats.length === 0 ? thresholds.length > 1 : thresholds.length > 0 && thresholds.length !== stats.length)
    throw new OptionError(
      'threshold',
      thresholds,
      `gives ${thresholds.length} value${thresholds.length === 1 ? '' : 's'} for ${Math.max(stats.length, 1)} statistic${Math.max(stats.length, 1) === 1 ? '' : 's'}; give one per ${opt('stat')}, in order (or none, for their defaults)`,
    )
  const rule: Partial<DecisionRule> = {}
  const pending: [string, number | undefined][] = []
  const named = stats
  if (named.length === 0 && thresholds.length === 1) {
    // A lone --threshold applies to both default statistics, which share the same 0-to-1 distance scale.
    checkThreshold(DEFAULT_STAT.numeric, thresholds[0])
    checkThreshold(DEFAULT_STAT.categorical, thresholds[0])
    return {
      numeric: {stat: DEFAULT_STAT.numeric, threshold: thresholds[0]},
      categorical: {stat: DEFAULT_STAT.categorical, threshold: thresholds[0]},
    }
  }
  named.forEach((name, k) => {
    const def = STATS[name]
    if (!def)
      throw new OptionError(
        'stat',
        name,
        `names an unknown statistic '${name}'; choose from ${Object.keys(STATS).join(', ')}`,
      )
    const threshold = thresholds[k] ?? def.threshold
    if (threshold === undefined)
      throw new OptionError(
        'stat',
        name,
        `${name} has no default threshold (it is in input units); give one with ${opt('threshold')}`,
      )
    checkThreshold(name, threshold)
    if (def.kinds.length === 1) {
      const kind = def.kinds[0]
      if (rule[kind])
        throw new OptionError(
          'stat',
          name,
          `names two statistics for ${kind} columns (${rule[kind]!.stat}, ${name}); give at most one per kind`,
        )
      rule[kind] = {stat: name, threshold}
    } else pending.push([name, threshold])
  })
  for (const [name, threshold] of pending)
    for (const kind of STATS[name].kinds) rule[kind] ??= {stat: name, threshold: threshold!}
  return {
    numeric: rule.numeric ?? {stat: DEFAULT_STAT.numeric, threshold: STATS[DEFAULT_STAT.numeric].threshold!},
    categorical: rule.categorical ?? {
      stat: DEFAULT_STAT.categorical,
      threshold: STATS[DEFAULT_STAT.categorical].threshold!,
    },
  }
}

/**
 * The verdict for one column. A statistic that is undefined for these data gets a stated fallback, never a NaN:
 * normed W1 with P constant (std 0) decides on W1 itself (drifted when Q is not that same constant, W1 > 0); a side
 * with no values at all is reported as not drifted, with the reason. The reason is read by people, so W1 in it has six
 * significant digits (the JSON's w1 keeps full precision). A column with values on one side only (every cell of Q
 * missing: the column emptied) is drifted, with the reason: no statistic is defined, but nothing moved more.
 * Both sides empty: not drifted, nothing to compare.
 */
export function decide(
  column: ColumnDrift,
  rule: DecisionRule,
): {stat: string; score: number | null; threshold: number; drifted: boolean; reason?: string} {
  const {stat, threshold} = rule[column.kind]
  const def = STATS[stat]
  const score = def.value(column)
  if (column.n.p === 0 && column.n.q === 0)
    return {stat, score: null, threshold, drifted: false, reason: 'no values in P or Q: nothing to compare'}
  if (column.n.p === 0 || column.n.q === 0) {
    const [empty, full] = column.n.p === 0 ? ['P', 'Q'] : ['Q', 'P']
    const missing = column.n.p === 0 ? column.missing.p : column.missing.q
    return {
      stat,
      score: null,
      threshold,
      drifted: true,
      reason: `every value of ${empty} is missing (${missing} of ${missing}) while ${full} has ${column.n.p === 0 ? column.n.q : column.n.p}: the column ${empty === 'Q' ? 'emptied' : 'was empty in P'}`,
    }
  }
  if (score === null) {
    const w1 = (column as NumericDrift).w1
    if (stat === 'w1-normed' && w1 !== null) {
      return {
        stat,
        score: null,
        threshold,
        drifted: w1 > 0,
        reason: `P is constant (std 0), so W1 cannot be normed; decided on W1 = ${String(Number(w1.toPrecision(6)))} ${w1 > 0 ? '> 0: Q differs' : '= 0: Q is the same constant'}`,
      }
    }
    return {stat, score: null, threshold, drifted: false, reason: `${stat} is undefined for this column`}
  }
  return {stat, score, threshold, drifted: def.direction === 'above' ? score >= threshold : score < threshold}
}

/** How far past (> 1) or short of (< 1) its threshold a column is, to rank columns of different statistics together. */
export function severity(column: ColumnDrift): number {
  if (column.score === null) return column.drifted ? Infinity : -1
  const def = STATS[column.stat]
  if (def.direction === 'above') return column.threshold > 0 ? column.score / column.threshold : column.score
  return column.score > 0 ? column.threshold / column.score : Infinity
}
