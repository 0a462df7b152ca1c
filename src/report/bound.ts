import type {BoundResult, BoundRow} from '../core/bound/index.js'
import {type ComparedPair, pairJson, type Report, type Row, type Section} from './document.js'
import {formatNumber} from './format.js'
import {papersReading} from './reading.js'
import {type SweepPlotLabels, sweepSvg} from './svg.js'

/** The sweep picture's labels: both files and the tightest σ. */
export function sweepLabels(pair: ComparedPair, tightestSigma: number): SweepPlotLabels {
  return {p: pair.p.source, q: pair.q.source, tightestSigma}
}

/** How W1 was found, once: 'exact', 'exact (exact-1d)', or the bracket end a Sinkhorn run certified. */
function w1Note(b: BoundResult): string {
  if (b.w1Is !== 'exact') return `certified upper end of the ${b.w1Method} bracket`
  return b.w1Method === 'exact' ? 'exact' : `exact (${b.w1Method})`
}

/** The Thm 3.3 section: both sides at one σ (the best σ of a sweep). */
export function boundSection(b: BoundResult): Section {
  const rows: Row[] = [
    {key: 'w1', name: 'W1', value: b.w1, unit: 'input units', note: w1Note(b)},
    {
      key: 'value',
      name: 'bound 2√V + 2C√JSD',
      value: b.value,
      unit: 'input units',
      note: b.sweep ? 'at the tightest σ of the sweep' : undefined,
    },
    {
      key: 'upper',
      name: "bound at the JSD's upper limit",
      value: b.upper,
      unit: 'input units',
      note: `2√V + 2C√JSD⁺, JSD⁺ = ${fmt(b.jsdUpper)} nats, its one-sided ${100 * b.confidence}% upper confidence limit`,
    },
    {
      key: 'holds',
      name: 'holds',
      value: b.holds,
      note: b.holds
        ? `W1 ≤ the bound at the JSD's ${100 * b.confidence}% upper confidence limit`
        : `VIOLATED even at the JSD's ${100 * b.confidence}% upper confidence limit — a 1-in-${Math.round(1 / (1 - b.confidence))} Monte Carlo fluke or a bug; rerun with more --draws, and report it if it stays`,
    },
    {key: 'slack', name: 'slack', value: b.slack, unit: 'input units'},
    {
      key: 'vacuous',
      name: 'vacuous',
      value: b.vacuous,
      note: b.vacuous
        ? `the bound ≥ the diameter ${fmt(b.diameter.value)}, which bounds W1 anyway: it says nothing here (try --sweep)`
        : `below the diameter ${fmt(b.diameter.value)}: informative`,
    },
    ...(b.unreliable
      ? [
          {
            key: 'reliable',
            name: 'reliability',
            value: 'UNRELIABLE',
            note: `the noisy JSD is unreliable (${b.unreliable}): the bound and "holds" are not to be relied on; no gate on it`,
          },
        ]
      : []),
    {key: 'sigma', name: 'σ', value: b.sigma, unit: 'input units'},
    {key: 'radius', name: 'R', value: b.radius, unit: 'input units', note: 'noise truncated to ‖ε‖ ≤ R'},
    {key: 'V', name: 'V = E‖ε‖²', value: b.V, unit: 'input units²'},
    {
      key: 'C',
      name: 'C = diam + 2R',
      value: b.C,
      unit: 'input units',
      note: b.diameter.exact ? 'exact diameter' : 'diameter upper bound',
    },
    {
      key: 'jsd',
      name: 'noisy JSD',
      value: b.jsd,
      unit: 'nats',
      note: `± ${fmt(b.jsdStderr)} (stratified Monte Carlo, ${b.draws} draws per side; upper limit ${fmt(b.jsdUpper)})`,
    },
    {key: 'noiseTerm', name: '2√V', value: b.noiseTerm, unit: 'input units'},
    {key: 'jsdTerm', name: '2C√JSD', value: b.jsdTerm, unit: 'input units'},
  ]
  return {key: 'bound', title: 'Arjovsky & Bottou Thm 3.3: W1 ≤ 2√V + 2C√JSD(P+ε ‖ Q+ε)', rows}
}

/** The bound's verdict in a few words: UNRELIABLE, VIOLATED, vacuous (≥ the diameter) or holds — as compare says it. */
export function boundVerdict(b: BoundResult): string {
  if (b.unreliable) return 'UNRELIABLE'
  if (!b.holds) return 'VIOLATED'
  if (b.vacuous) return `vacuous (≥ diameter ${formatNumber(b.diameter.value)})`
  return 'holds'
}

/**
 * `bound`'s first line: the bound and its verdict, W1 against it, and the σ with how it was chosen. Never wrapped
 * (the width rule is for tables).
 */
export function boundSummary(b: BoundResult): string {
  return [
    `bound ${formatNumber(b.value)} ${boundVerdict(b)}`,
    `W1 ${formatNumber(b.w1)} (${b.w1Is === 'exact' ? 'exact' : 'certified upper end'})`,
    `σ ${formatNumber(b.sigma)} (${sigmaSource(b)})`,
  ].join(' · ')
}

/** Where the σ of the reported row came from, in two or three words. */
function sigmaSource(b: BoundResult): string {
  if (b.sweep) return `tightest of ${b.sweep.length}`
  if (b.sigmaSearch) return `tightest of ${b.sigmaSearch.grid.length}`
  return 'given'
}

/**
 * `bound`'s default table: W1, the bound and its verdict, the two terms, the noisy JSD and σ, one short row each
 * (every detail, the sweep and the reading come with --verbose, and are always in the JSON, CSV, markdown and HTML).
 */
export function boundBriefSection(b: BoundResult): Section {
  return {
    key: 'bound',
    title: 'Thm 3.3: W1 ≤ 2√V + 2C√JSD(P+ε ‖ Q+ε)',
    rows: [
      {key: 'w1', name: 'W1', value: b.w1, unit: 'input units', note: w1Note(b)},
      {
        key: 'value',
        name: 'bound',
        value: b.value,
        unit: 'input units',
        note: b.unreliable
          ? 'UNRELIABLE: its noisy JSD cannot be trusted'
          : !b.holds
            ? "VIOLATED at the JSD's upper limit"
            : b.vacuous
              ? `vacuous: ≥ the diameter ${fmt(b.diameter.value)}`
              : `holds; below the diameter ${fmt(b.diameter.value)}`,
      },
      {key: 'noiseTerm', name: '2√V', value: b.noiseTerm, unit: 'input units'},
      {key: 'jsdTerm', name: '2C√JSD', value: b.jsdTerm, unit: 'input units', note: `C = ${fmt(b.C)}`},
      {key: 'jsd', name: 'noisy JSD', value: b.jsd, unit: 'nats', note: `± ${fmt(b.jsdStderr)}`},
      {key: 'sigma', name: 'σ', value: b.sigma, unit: 'input units', note: sigmaSource(b)},
    ],
  }
}

/** One row per σ of a sweep. */
export function sweepSection(rows: BoundRow[]): Section {
  return {
    key: 'bound.sweep',
    title: 'σ sweep',
    rows: rows.map((r) => ({
      key: `sigma=${r.sigma}`,
      name: `σ = ${fmt(r.sigma)}`,
      value: r.value,
      unit: 'input units',
      note: `2√V ${fmt(r.noiseTerm)} + 2C√JSD ${fmt(r.jsdTerm)} (JSD ${fmt(r.jsd)} nats, upper limit ${fmt(r.jsdUpper)}); W1 ${fmt(r.w1)}; ${r.holds ? 'holds' : 'VIOLATED'} at the upper limit`,
    })),
  }
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString()
}

/** The `bound` report: the bound at one σ, or its sweep (drawn to `plot` if given). */
export function boundReport(
  pair: ComparedPair,
  bound: BoundResult,
  plot: string | undefined,
  timing: Record<string, number>,
): Report {
  const {warnings, ...json} = bound
  return {
    command: 'bound',
    summary: boundSummary(bound),
    brief: [boundBriefSection(bound)],
    json: pairJson(pair, {bound: json, ...(plot ? {plot} : {})}),
    sections: bound.sweep ? [boundSection(bound), sweepSection(bound.sweep)] : [boundSection(bound)],
    reading: papersReading({bound}),
    ...(bound.sweep
      ? {figures: [{title: 'Thm 3.3 across σ', svg: sweepSvg(bound.sweep, sweepLabels(pair, bound.sigma))}]}
      : {}),
    warnings: [...pair.warnings, ...warnings],
    timing,
  }
}
