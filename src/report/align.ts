import type {AlignResult} from '../core/align/index.js'
import {type ComparedPair, pairJson, type Report, type Row, type Section} from './document.js'
import {formatNumber} from './format.js'
import {papersReading} from './reading.js'

const VERDICT_NOTE: Record<AlignResult['verdict'], string> = {
  aligned:
    "about the supports: Q's samples lie on P's manifold, in as many dimensions — they positively align (Lui et al. 2017 Def 3.1)",
  partial:
    "about the supports: they positively align on part of Q only, or Q lies on a thinner (lower-dimensional) piece of P's manifold",
  misaligned: 'about the supports: they meet at most in a set of measure zero — JSD → ln 2 whatever W1 is',
}

/** The alignment section of a report (shared by `align` and `compare`). */
export function alignSection(a: AlignResult): Section {
  const om = a.onManifold
  // `sampled.p` counts the points of Q tested against P's manifold (core/align/index.ts), and `sampled.q` those of P.
  const byDef = om.byDefinition.p
    ? `k̂ = d: on P's manifold by definition`
    : `local PCA, k̂ = ${om.kHat.p}, K = ${om.neighbourhood.p}, ${om.sampled.p} points of Q tested`
  const byDefQ = om.byDefinition.q
    ? `k̂ = d: on Q's manifold by definition`
    : `local PCA, k̂ = ${om.kHat.q}, K = ${om.neighbourhood.q}, ${om.sampled.q} points of P tested`
  const rows: Row[] = [
    {key: 'verdict', name: 'verdict', value: a.verdict, note: VERDICT_NOTE[a.verdict]},
    {
      key: 'modeDropping.detected',
      name: 'mode dropping',
      value: a.modeDropping.detected ? 'yes' : 'no',
      note: `a separate finding on diversity, not the verdict: P on Q's manifold ${formatNumber(a.modeDropping.pOnQ)}, coverage ${formatNumber(a.modeDropping.coverage)}, recall ${formatNumber(a.modeDropping.recall)}`,
    },
    {
      key: 'intrinsicDim.p',
      name: 'intrinsic dimension P',
      value: a.intrinsicDim.p,
      note: `TwoNN (Facco et al. 2017) ± ${formatNumber(a.intrinsicDim.stderr.p)}${a.intrinsicDim.full.p ? ', consistent with the ambient d' : ''}; MLE ${formatNumber(a.intrinsicDim.mle.p)}`,
    },
    {
      key: 'intrinsicDim.q',
      name: 'intrinsic dimension Q',
      value: a.intrinsicDim.q,
      note: `TwoNN ± ${formatNumber(a.intrinsicDim.stderr.q)}${a.intrinsicDim.full.q ? ', consistent with the ambient d' : ''}; MLE ${formatNumber(a.intrinsicDim.mle.q)}`,
    },
    {key: 'intrinsicDim.ambient', name: 'ambient dimension', value: a.intrinsicDim.ambient},
    {key: 'onManifold.qOnP', name: "Q on P's manifold", value: om.qOnP, note: byDef},
    {key: 'onManifold.pOnQ', name: "P on Q's manifold", value: om.pOnQ, note: byDefQ},
    // k̂ = d leaves no normal space: no residual, no τ (JSON keeps 0 beside byDefinition; the table shows –).
    {
      key: 'onManifold.tau',
      name: 'τ (P)',
      value: om.byDefinition.p ? null : om.tau,
      unit: 'input units',
      note: om.byDefinition.p
        ? 'none: k̂ = d leaves no normal space, so there is no residual to threshold'
        : `${formatNumber(om.quantile)} quantile of P's leave-one-out normal residuals`,
    },
    {
      key: 'onManifold.tauQ',
      name: 'τ (Q)',
      value: om.byDefinition.q ? null : om.tauQ,
      unit: 'input units',
      ...(om.byDefinition.q ? {note: 'none: k̂ = d for Q too'} : {}),
    },
    {
      key: 'precision',
      name: 'precision',
      value: a.precision,
      note: `k = ${a.k.precisionRecall}: share of Q inside P's kNN balls (Kynkäänniemi et al. 2019)`,
    },
    {
      key: 'recall',
      name: 'recall',
      value: a.recall,
      note: `k = ${a.k.precisionRecall}: share of P inside Q's kNN balls`,
    },
    {
      key: 'density',
      name: 'density',
      value: a.density,
      note: `k = ${a.k.densityCoverage}: 1 when P = Q in distribution (Naeem et al. 2020)`,
    },
    {
      key: 'coverage',
      name: 'coverage',
      value: a.coverage,
      note: `k = ${a.k.densityCoverage}: share of P's kNN balls holding a point of Q`,
    },
  ]
  if (a.duplicates.p + a.duplicates.q > 0)
    rows.push({
      key: 'duplicates',
      name: 'duplicates (P, Q)',
      value: `${a.duplicates.p}, ${a.duplicates.q}`,
      note: 'points at distance 0 from a neighbour; left out of the dimension estimates',
    })
  // One number per row: a sentence in the value column wraps word by word in a narrow terminal, and CSV (no note
  // column) keeps a key and a number it can use.
  const t = a.thresholds
  rows.push(
    {
      key: 'thresholds.source',
      name: 'thresholds from',
      value: t.source,
      note: a.baseline
        ? `halves of P: qOnP ${formatNumber(a.baseline.qOnP)}, pOnQ ${formatNumber(a.baseline.pOnQ)}, coverage ${formatNumber(a.baseline.coverage)}, dimensions ${formatNumber(a.baseline.dim[0])} and ${formatNumber(a.baseline.dim[1])}`
        : 'the thresholds of the verdict, below',
    },
    {key: 'thresholds.alignedMin', name: 'threshold aligned ≥', value: t.alignedMin},
    {key: 'thresholds.coverageMin', name: 'threshold coverage ≥', value: t.coverageMin},
    {key: 'thresholds.misalignedMax', name: 'threshold misaligned <', value: t.misalignedMax},
    {
      key: 'thresholds.dimSlack',
      name: 'dimension slack',
      value: t.dimSlack,
      note: 'dimensions differ when |d_P − d_Q| > max(slack, tolerance × s.e.)',
    },
    {key: 'thresholds.dimTolerance', name: 'dimension tolerance', value: t.dimTolerance, unit: 's.e.'},
  )
  return {key: 'align', title: 'Alignment', rows}
}

/** The evidence behind the verdict, one row per reason. */
export function alignReasonsSection(a: AlignResult): Section {
  return {
    key: 'align.reasons',
    title: 'Why',
    rows: a.reasons.map((r) => ({key: r.code, name: r.code, value: r.points, note: `${r.message} (${r.source})`})),
  }
}

/** The closing reading in the papers' terms: the shared wording plus the dimension-specific reasons. */
export function alignReading(a: AlignResult): string[] {
  const lines = papersReading({align: a})
  for (const r of a.reasons)
    if (r.code === 'dimension-mismatch' || r.code === 'full-dimensional')
      lines.push(`${r.message[0].toUpperCase()}${r.message.slice(1)} (${r.source}).`)
  return lines
}

/**
 * `align`'s first line: the verdict about the supports, mode dropping (a separate finding), and how much of each set
 * lies on the other's manifold, and the coverage (Naeem et al. 2020). Never wrapped (the width rule is for tables).
 */
export function alignSummary(a: AlignResult): string {
  const pct = (x: number) => `${formatNumber(Math.round(1000 * x) / 10)}%`
  return [
    `align: supports ${a.verdict}`,
    `mode dropping ${a.modeDropping.detected ? 'YES' : 'no'}`,
    `Q on P's manifold ${pct(a.onManifold.qOnP)}, P on Q's ${pct(a.onManifold.pOnQ)}`,
    `coverage ${formatNumber(a.coverage)}`,
  ].join(' · ')
}

/**
 * `align`'s default table: the verdict and the numbers it rests on, one short row each (the thresholds, τ, the
 * reasons and the reading come with --verbose, and are always in the JSON, CSV, markdown and HTML).
 */
export function alignBriefSection(a: AlignResult): Section {
  const id = a.intrinsicDim
  const om = a.onManifold
  return {
    key: 'align',
    title: 'alignment',
    rows: [
      {key: 'verdict', name: 'supports', value: a.verdict, note: `about the supports (Lui et al. 2017 Def 3.1)`},
      {
        key: 'modeDropping.detected',
        name: 'mode dropping',
        value: a.modeDropping.detected ? 'yes' : 'no',
        note: 'a separate finding on diversity',
      },
      {
        key: 'intrinsicDim.p',
        name: 'intrinsic dim. P',
        value: id.p,
        note: `TwoNN ± ${formatNumber(id.stderr.p)}; ambient d = ${id.ambient}`,
      },
      {key: 'intrinsicDim.q', name: 'intrinsic dim. Q', value: id.q, note: `TwoNN ± ${formatNumber(id.stderr.q)}`},
      {
        key: 'onManifold.qOnP',
        name: "Q on P's manifold",
        value: om.qOnP,
        note: om.byDefinition.p ? 'k̂ = d: by definition' : `local PCA, τ = ${formatNumber(om.tau)}`,
      },
      {
        key: 'onManifold.pOnQ',
        name: "P on Q's manifold",
        value: om.pOnQ,
        note: om.byDefinition.q ? 'k̂ = d: by definition' : `local PCA, τ = ${formatNumber(om.tauQ)}`,
      },
      {
        key: 'precision',
        name: 'precision',
        value: a.precision,
        note: `k = ${a.k.precisionRecall}, share of Q in P's balls`,
      },
      {key: 'recall', name: 'recall', value: a.recall, note: `k = ${a.k.precisionRecall}, share of P in Q's balls`},
      {key: 'density', name: 'density', value: a.density, note: `k = ${a.k.densityCoverage}; 1 when P = Q`},
      {key: 'coverage', name: 'coverage', value: a.coverage, note: `k = ${a.k.densityCoverage}`},
    ],
  }
}

/** The `align` report. */
export function alignReport(pair: ComparedPair, align: AlignResult, timing: Record<string, number>): Report {
  const warnings = [...pair.warnings]
  if (pair.p.weights || pair.q.weights)
    warnings.push('alignment looks at the supports only: sample weights are ignored')
  return {
    command: 'align',
    summary: alignSummary(align),
    json: pairJson(pair, {align}),
    sections: [alignSection(align), alignReasonsSection(align)],
    brief: [alignBriefSection(align)],
    reading: alignReading(align),
    warnings,
    timing,
  }
}
