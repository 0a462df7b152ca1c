import {type CompareResult, PARTS, type Part} from '../core/compare.js'
import type {IntervalOutcome} from '../core/twosample/index.js'
import {alignReasonsSection, alignSection} from './align.js'
import {boundSection, sweepLabels, sweepSection} from './bound.js'
import {keyNumbersSection} from './compare-brief.js'
import {type ComparedPair, type Figure, pairJson, type Report, type Row, type Section} from './document.js'
import {driftColumnsSection, driftJson, driftSummarySection} from './drift.js'
import {driftSvg} from './drift-svg.js'
import {fidelityJson, fidelitySections} from './fidelity.js'
import {formatNumber} from './format.js'
import {evaluateGates, type GateSpec, type GateValue, notEvaluatedLines, untrusted} from './gates.js'
import {jsdSection} from './jsd.js'
import {papersReading} from './reading.js'
import {compareSummary} from './summary.js'
import {sweepSvg} from './svg.js'
import {pValueText, smallestPValue, testJson, testReading, testSection} from './test.js'
import {w1Section} from './w1.js'

/** What `compare` was asked besides the parts' options: the parts, the gates, how many columns to list, the plot. */
export interface CompareAsked {
  parts: Set<Part>
  gates: GateSpec[]
  topColumns: number
  /** The ground-cost power of the W part (2: W2). */
  power: 1 | 2
  /** The SVG the σ sweep was drawn to. */
  plot?: string
}

/**
 * The `compare` report: the data, each computed part's section (or its reason for not being computed), the gates on
 * the parts' numbers, the JSON document, and a reading in the papers' terms.
 */
export function compareReport(
  pair: ComparedPair,
  result: CompareResult,
  asked: CompareAsked,
  timing: {read: number; total: number; threads: number},
): Report {
  const {parts, gates: specs, topColumns} = asked
  const warnings = [...pair.warnings]
  const values: Record<string, GateValue> = {}
  const sections: Section[] = [dataSection(pair, result)]
  const w = result.w1
  if (w) {
    sections.push(w1Section(w))
    if (!w.converged)
      warnings.push(
        `Sinkhorn stopped at --max-iter before the bracket closed to --gap; the bracket [${w.lower}, ${w.upper}] still holds`,
      )
    if (w.upper === null && specs.some((s) => s.name === 'w1'))
      warnings.push('--max-w1 with --w1-method sliced compares a lower bound: a pass is not a certificate')
    values.w1 = w.upper ?? w.value
    if (result.w1Interval) {
      sections[sections.length - 1].rows.push(
        ...intervalRows(result.w1Interval, 'input units', w.p === 2 ? 'W2' : 'W1'),
      )
      values.w1Upper =
        'interval' in result.w1Interval
          ? result.w1Interval.interval.upper
          : untrusted(`W1's bootstrap interval was not computed: ${result.w1Interval.skipped}`)
    }
    if (result.baseline) {
      const b = result.baseline.w1
      const w1Name = w.p === 2 ? 'W2' : 'W1'
      const versus = `${w1Name} ${formatNumber(w.value)} vs ${formatNumber(b.median)} under no difference (95 %: ${formatNumber(b.q95)}), ${pValueText(b)}`
      // The W1 table itself says at once whether the number means anything.
      sections[sections.length - 1].rows.push({
        key: 'null',
        name: 'under no difference',
        value: b.median,
        unit: 'input units',
        note: versus,
      })
      sections.push({
        key: 'baseline.w1',
        title: `${w1Name} under no difference (permutation null at ${pair.p.n} vs ${pair.q.n})`,
        rows: [
          {
            key: 'median',
            name: `median ${w1Name}*`,
            value: b.median,
            unit: 'input units',
            note: `${w1Name} between ${pair.p.n} and ${pair.q.n} points drawn from P ∪ Q, ${b.permutations} relabellings (seed ${b.seed})`,
          },
          {key: 'q95', name: '95 % quantile', value: b.q95, unit: 'input units'},
          {
            key: 'pValue',
            name: 'p-value',
            value: b.pValue,
            note: `(1 + #{${w1Name}* ≥ ${w1Name}}) / (1 + ${b.permutations})`,
          },
          {
            key: 'ratio',
            name: `${w1Name} ratio`,
            value: result.baseline.ratio,
            note: `${w1Name}(P,Q) / median ${w1Name}*`,
          },
        ],
      })
      values.w1Ratio =
        result.baseline.ratio ??
        untrusted('W1 under no difference is 0 (P ∪ Q repeats one point): the ratio has no meaning here, use --max-w1')
    }
  }
  if (result.test) {
    sections.push(testSection(result.test))
    warnings.push(...result.test.warnings)
    values.pValue = smallestPValue(result.test)
  }
  if (result.jsd) {
    sections.push(jsdSection(result.jsd, result.jsdMethodReason))
    warnings.push(...result.jsd.warnings)
    values.jsd = result.jsd.unreliable
      ? untrusted(`the JSD estimate is unreliable: ${result.jsd.unreliable}`)
      : result.jsd.value
    const ji = result.jsdInterval
    if (ji && 'skipped' in ji) sections[sections.length - 1].rows.push(...intervalRows(ji, result.jsd.unit, 'JSD'))
    values.jsdUpper = result.jsd.unreliable
      ? untrusted(`the JSD estimate is unreliable: ${result.jsd.unreliable}`)
      : !ji
        ? untrusted('the JSD has no bootstrap interval')
        : 'interval' in ji
          ? ji.interval.upper
          : untrusted(`the JSD's bootstrap interval cannot back a gate: ${ji.skipped}`)
  }
  if (result.bound) {
    sections.push(boundSection(result.bound))
    if (result.bound.sweep) sections.push(sweepSection(result.bound.sweep))
    warnings.push(...result.bound.warnings)
    values.bound = result.bound.unreliable
      ? untrusted(`the bound's noisy JSD is unreliable: ${result.bound.unreliable}`)
      : result.bound.value
  }
  if (result.align) {
    sections.push(alignSection(result.align), alignReasonsSection(result.align))
    Object.assign(values, {
      qOnP: result.align.onManifold.qOnP,
      precision: result.align.precision,
      recall: result.align.recall,
      coverage: result.align.coverage,
    })
    if (pair.p.weights || pair.q.weights)
      warnings.push('alignment looks at the supports only: sample weights are ignored')
  }
  if (result.fidelity) {
    sections.push(...fidelitySections(result.fidelity))
    warnings.push(...result.fidelity.warnings)
    if (result.fidelity.fd) values.fd = result.fidelity.fd.value
    if (result.fidelity.kid) values.kid = result.fidelity.kid.mean
  }
  if (result.columns) {
    sections.push(
      driftColumnsSection(
        result.columns,
        `columns (top ${Math.min(topColumns, result.columns.total)} of ${result.columns.total}, most moved first)`,
        topColumns,
      ),
      driftSummarySection(result.columns),
    )
    if (pair.p.weights || pair.q.weights) warnings.push('the columns part is unweighted: sample weights are ignored')
  }
  // A part that could not be computed: its reason in the table, in the JSON (`{error}`) and on stderr.
  const PART_TITLE: Record<Part, string> = {
    w1: asked.power === 2 ? 'W2' : 'W1',
    jsd: 'Jensen–Shannon divergence',
    bound: 'Arjovsky & Bottou Thm 3.3',
    align: 'Alignment',
    columns: 'columns',
    test: 'two-sample permutation tests',
    fidelity: 'FD and KID',
  }
  for (const part of PARTS) {
    const error = result.errors[part]
    if (error === undefined) continue
    sections.push({
      key: part,
      title: PART_TITLE[part],
      rows: [{key: 'error', name: 'error', value: 'not computed', note: error}],
    })
    warnings.push(`${part} could not be computed on these data, the other parts are reported: ${error}`)
  }
  const missing: Record<string, string> = {}
  for (const s of specs) {
    const error = result.errors[s.part as Part]
    if (error !== undefined) missing[s.name] = `the ${s.part} part could not be computed: ${error}`
  }
  const gates = evaluateGates(specs, values, missing)
  const figures: Figure[] = []
  if (result.bound?.sweep)
    figures.push({title: 'Thm 3.3 across σ', svg: sweepSvg(result.bound.sweep, sweepLabels(pair, result.bound.sigma))})
  if (result.columns) figures.push({title: 'the most moved columns, P vs Q', svg: driftSvg(result.columns)})
  warnings.push(...notEvaluatedLines(gates))
  return {
    command: 'compare',
    brief: [sections[0], keyNumbersSection(result, parts)],
    figures,
    summary: compareSummary(result, gates, parts),
    json: compareJson(pair, result, asked),
    sections,
    gates,
    reading: [
      ...papersReading({
        w1: w && {...w, upper: w.upper ?? w.value},
        diameter: result.diameter.value,
        jsd: result.jsd,
        bound: result.bound,
        align: result.align,
      }),
      ...baselineReading(result),
      ...intervalReading(result),
      ...(result.test ? testReading(result.test) : []),
    ],
    // The bound runs its own noisy JSD, whose warnings (e.g. identical sets) can repeat the JSD part's.
    warnings: [...new Set(warnings)],
    timing: {read: timing.read, ...result.timing, total: timing.total, threads: timing.threads},
  }
}

/** The data section: P, Q, the diameter C uses, and whether the sets were standardised. */
function dataSection(pair: ComparedPair, result: CompareResult): Section {
  return {
    key: 'data',
    title: 'data',
    rows: [
      {key: 'p', name: 'P', value: `${pair.p.n} × ${pair.p.d}`, note: pair.p.source},
      {key: 'q', name: 'Q', value: `${pair.q.n} × ${pair.q.d}`, note: pair.q.source},
      {
        key: 'diameter',
        name: 'diameter of P ∪ Q',
        value: result.diameter.value,
        unit: 'input units',
        note: result.diameter.exact ? 'exact' : 'upper bound',
      },
      ...(pair.standardization
        ? [{key: 'standardized', name: 'standardized', value: true, note: 'pooled z-score of P ∪ Q'}]
        : []),
    ],
  }
}

/** The JSON document of `compare` (schema/divergence-v1.json): each part's result, or `{error}` for a failed one. */
function compareJson(pair: ComparedPair, result: CompareResult, asked: CompareAsked): Record<string, unknown> {
  const {parts, topColumns} = asked
  const w = result.w1
  const failedPart = (part: Part) => (result.errors[part] !== undefined ? {[part]: {error: result.errors[part]}} : {})
  const strip = <T extends {warnings: string[]}>(x: T | undefined) => {
    if (!x) return undefined
    const {warnings: _w, ...rest} = x
    return rest
  }
  return pairJson(pair, {
    parts: PARTS.filter((x) => parts.has(x)),
    diameter: result.diameter,
    ...(w ? {w1: result.w1Interval ? {...w, interval: intervalJson(result.w1Interval)} : w} : failedPart('w1')),
    ...(result.baseline ? {baseline: {w1: baselineJson(result.baseline.w1)}} : {}),
    ...(result.jsd
      ? {
          jsd: {
            ...strip(result.jsd),
            methodReason: result.jsdMethodReason,
            ...(result.jsdInterval ? {interval: intervalJson(result.jsdInterval)} : {}),
          },
        }
      : failedPart('jsd')),
    ...(result.bound ? {bound: strip(result.bound)} : failedPart('bound')),
    ...(result.align ? {align: result.align} : failedPart('align')),
    ...(result.columns
      ? {columns: {...driftJson(result.columns, topColumns), shown: Math.min(topColumns, result.columns.total)}}
      : failedPart('columns')),
    ...(result.test ? {test: testJson(result.test)} : failedPart('test')),
    ...(result.fidelity ? {fidelity: fidelityJson(result.fidelity)} : failedPart('fidelity')),
    ...(asked.plot ? {plot: asked.plot} : {}),
  })
}

/** An effect's interval in the JSON: the `interval` object, or `{skipped}` with the reason. */
function intervalJson(o: IntervalOutcome): Record<string, unknown> {
  return 'interval' in o ? {...o.interval} : {skipped: o.skipped}
}

/** The interval's rows in its part's table: its lower and upper ends and how they were drawn, or why not. */
function intervalRows(o: IntervalOutcome, unit: string, name: string): Row[] {
  if ('skipped' in o) return [{key: 'interval', name: '95 % interval', value: 'not computed', note: o.skipped}]
  const i = o.interval
  const level = `${Math.round(i.level * 100)} %`
  return [
    {
      key: 'intervalLower',
      name: `${level} interval, lower`,
      value: i.lower,
      unit,
      note: `${i.method} of ${name}(P*, Q*), ${i.resamples} resamples (seed ${i.seed}): the plug-in estimate's sampling spread, not its bias`,
    },
    {
      key: 'intervalUpper',
      name: `${level} interval, upper`,
      value: i.upper,
      unit,
      note: 'what --max-w1-upper compares',
    },
  ]
}

/**
 * What W1's bootstrap interval says (src/core/twosample/w1-interval.ts): it covers the plug-in estimator's sampling
 * variability, not its bias, which in d dimensions shrinks only like n^(−1/d) (Fournier & Guillin 2015, Thm 1); so
 * in high dimension the interval lies above the true W1 and an upper-bound gate on it errs toward failing.
 */
function intervalReading(r: CompareResult): string[] {
  const o = r.w1Interval
  if (!o || !('interval' in o) || !r.w1) return []
  const i = o.interval
  const d = r.w1.p === 2 ? 'W2' : 'W1'
  return [
    `${d}'s ${Math.round(i.level * 100)} % bootstrap interval is [${formatNumber(i.lower)}, ${formatNumber(i.upper)}] (${i.resamples} resamples of P and Q at their sizes): it measures how much the estimate moves from sample to sample, not the estimator's bias.` +
      (r.w1.method === 'exact-1d'
        ? ' In one dimension that bias is small against the spread, so the interval covers the true W1 at about its level.'
        : ' In several dimensions the empirical W1 overstates the true W1 by a bias that shrinks only like n^(−1/d), so the interval sits above the truth; a gate on its upper end errs toward failing.'),
  ]
}

/** W1's baseline in the JSON: the null's summary (`value` is its median, what --max-w1-ratio divides by). */
function baselineJson(b: NonNullable<CompareResult['baseline']>['w1']): Record<string, unknown> {
  const {values: _v, ...rest} = b
  return {value: b.median, ...rest}
}

/**
 * What W1 against its permutation null says. In high dimension the empirical W1 between two samples of ONE
 * distribution is far from 0 (it shrinks only like n^(−1/d); Fournier & Guillin 2015, Probab. Theory Relat. Fields
 * 162, Thm 1), so a raw W1 is mostly sampling bias; only its place in the null at the same sizes says whether P and Q
 * differ.
 */
function baselineReading(r: CompareResult): string[] {
  const b = r.baseline?.w1
  if (!b || !r.w1) return []
  const biased = b.median > 0.5 * r.w1.value
  return [
    `W1 ${formatNumber(r.w1.value)} against ${formatNumber(b.median)} for two samples of one distribution at these sizes (95 %: ${formatNumber(b.q95)}; ${pValueText(b)}).` +
      (biased
        ? ' Most of the raw W1 is sampling bias: empirical W1 between samples of the same distribution shrinks only like n^(−1/d), so in high dimension it stays large; read W1 against this null (or use the test part, --min-p-value), not on its own.'
        : ' The null is well below W1: the difference is not sampling bias.'),
  ]
}
