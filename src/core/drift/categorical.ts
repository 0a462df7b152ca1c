import {chi2ContingencyPValue} from './contingency.js'
import {jsdOfCounts, tvdOfCounts} from './divergences.js'
import type {CategoricalDrift, Categories} from './types.js'

/** Categories shown in the pictures; the rest are summed into one "other" bar. */
const SHAPE_CATEGORIES = 12

/** Counts per level and the number of missing cells (code −1). */
function countLevels(c: Categories): CountedSide {
  const perCode = new Float64Array(c.levels.length)
  let missing = 0
  for (let i = 0; i < c.codes.length; i++) {
    const code = c.codes[i]
    if (code < 0) missing++
    else perCode[code]++
  }
  const counts = new Map<string, number>()
  c.levels.forEach((level, k) => {
    if (perCode[k] > 0) counts.set(level, (counts.get(level) ?? 0) + perCode[k])
  })
  return {counts, missing}
}

/**
 * Every categorical statistic of one column: frequencies per side, JSD (nats) and total variation of the two
 * frequency vectors over the union of categories, the chi-square test on the 2 × K table (./contingency.ts), and
 * the categories only in Q (new) or only in P (missing). Categories are compared by their text.
 */
export function categoricalDrift(
  name: string,
  p: Categories,
  q: Categories,
): Omit<CategoricalDrift, 'stat' | 'score' | 'threshold' | 'drifted' | 'missingShare'> {
  return categoricalDriftCounts(name, countLevels(p), countLevels(q))
}

/** One side of a categorical column as counts: cells per category (by its text), and the missing cells. */
export interface CountedSide {
  counts: Map<string, number>
  missing: number
}

/**
 * categoricalDrift from each side's counts per category: the entry point of an engine that counts outside
 * JavaScript (src/io/duckdb/), the same numbers as categoricalDrift on the coded column, which calls it.
 */
export function categoricalDriftCounts(
  name: string,
  P: CountedSide,
  Q: CountedSide,
): Omit<CategoricalDrift, 'stat' | 'score' | 'threshold' | 'drifted' | 'missingShare'> {
  const all = [...new Set([...P.counts.keys(), ...Q.counts.keys()])].sort()
  const a = all.map((k) => P.counts.get(k) ?? 0),
    b = all.map((k) => Q.counts.get(k) ?? 0)
  const np = a.reduce((s, x) => s + x, 0),
    nq = b.reduce((s, x) => s + x, 0)
  const side = (counts: number[], total: number) => ({
    counts: Object.fromEntries(all.map((k, i) => [k, counts[i]]).filter(([, c]) => (c as number) > 0)),
    frequencies: Object.fromEntries(
      all.map((k, i) => [k, total > 0 ? counts[i] / total : 0]).filter(([, c]) => (c as number) > 0),
    ),
  })
  const base = {
    name,
    kind: 'categorical' as const,
    n: {p: np, q: nq},
    missing: {p: P.missing, q: Q.missing},
    p: side(a, np),
    q: side(b, nq),
    newCategories: all.filter((_k, i) => a[i] === 0 && b[i] > 0),
    missingCategories: all.filter((_k, i) => b[i] === 0 && a[i] > 0),
  }
  if (np === 0 || nq === 0) return {...base, jsd: null, tvd: null, chi2PValue: null, chi2PValueAdjusted: null}
  // Pictures: the most frequent categories of P ∪ Q, then "other".
  const order = all
    .map((_k, i) => i)
    .sort((i, j) => a[j] / np + b[j] / nq - (a[i] / np + b[i] / nq) || (all[i] < all[j] ? -1 : 1))
  const top = order.slice(0, SHAPE_CATEGORIES)
  const rest = order.slice(SHAPE_CATEGORIES)
  const shape = {
    labels: [...top.map((i) => all[i]), ...(rest.length ? ['(other)'] : [])],
    p: [...top.map((i) => a[i]), ...(rest.length ? [rest.reduce((s, i) => s + a[i], 0)] : [])],
    q: [...top.map((i) => b[i]), ...(rest.length ? [rest.reduce((s, i) => s + b[i], 0)] : [])],
  }
  return {
    ...base,
    jsd: jsdOfCounts(a, b),
    tvd: tvdOfCounts(a, b),
    chi2PValue: chi2ContingencyPValue(a, b).pValue,
    chi2PValueAdjusted: null,
    shape,
  }
}
