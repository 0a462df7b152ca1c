import type {JsdResult} from '../core/jsd/types.js'
import {type ComparedPair, pairJson, type Report, type Row, type Section} from './document.js'
import {papersReading} from './reading.js'

const METHOD_NOTE: Record<JsdResult['method'], string> = {
  kde: 'Gaussian KDE per set, plug-in ln 2 − E[h(posterior)], leave-one-out at each set’s own points',
  noisy: 'JSD of P̂+ε and Q̂+ε (Arjovsky & Bottou Thm 3.1), Monte Carlo',
  knn: 'k-nearest-neighbour mutual information (Ross 2014)',
}

/** The JSD section of a report (shared by `jsd` and `compare`). */
export function jsdSection(j: JsdResult, methodReason?: string): Section {
  const unit = j.unit
  const max = unit === 'bits' ? 1 : Math.LN2
  const rows: Row[] = [
    {
      key: 'value',
      name: 'JSD',
      value: j.value,
      unit,
      note: `${METHOD_NOTE[j.method]}; range [0, ${unit === 'bits' ? '1' : 'ln 2 = 0.693147'}]`,
    },
    {
      key: 'raw',
      name: 'raw estimate',
      value: j.raw,
      unit,
      note:
        j.raw < 0
          ? 'below 0: the JSD above is clamped up to 0'
          : j.raw > max
            ? `above ${unit === 'bits' ? '1' : 'ln 2'}: the JSD above is clamped down to it`
            : 'before clamping',
    },
    {key: 'method', name: 'method', value: j.method, ...(methodReason ? {note: methodReason} : {})},
  ]
  rows.push(
    j.unreliable
      ? {key: 'reliable', name: 'reliability', value: 'UNRELIABLE', note: `${j.unreliable}; no reading, no gate`}
      : {key: 'reliable', name: 'reliability', value: 'reliable', note: 'no check against it failed'},
  )
  if (j.stderr !== null)
    rows.push({
      key: 'stderr',
      name: 'standard error',
      value: j.stderr,
      unit,
      note:
        j.method === 'noisy'
          ? 'stratified Monte Carlo (every component drawn, or counted exactly)'
          : 'per-point sampling error of the terms averaged (ignores the estimator’s bias)',
    })
  if (j.check)
    rows.push({
      key: 'check',
      name: 'log-ratio form',
      value: j.check.logRatio,
      unit,
      note: `leave-one-out log-ratio form of the same estimate; gap ${fmt(j.check.gap)}, trusted up to ${fmt(j.check.tolerance)}`,
    })
  if (j.upper !== undefined)
    rows.push({
      key: 'upper',
      name: `upper limit (${100 * (j.upperLevel ?? 0.999)}%)`,
      value: j.upper,
      unit,
      note: 'one-sided: raw + 3.090 × standard error; the bound\'s "holds" is judged against it',
    })
  if (j.exactComponents && j.exactComponents.p + j.exactComponents.q > 0)
    rows.push({
      key: 'exactComponents',
      name: 'components counted exactly',
      value: `${j.exactComponents.p}, ${j.exactComponents.q}`,
      note: 'P, Q: noise balls that meet no ball of the other set (log-ratio ln 2 there, no sampling)',
    })
  if (j.ci)
    rows.push({
      key: 'ci',
      name: '95% bootstrap interval',
      value: `[${fmt(j.ci[0])}, ${fmt(j.ci[1])}]`,
      unit,
      note: `${j.bootstrap} replicates, percentile`,
    })
  if (j.bandwidth)
    for (const set of ['p', 'q'] as const) {
      const w = j.bandwidth[set]
      rows.push({
        key: `bandwidth.${set}`,
        name: `bandwidth of ${set.toUpperCase()}`,
        value: w.widths.map(fmt).join(', '),
        unit: 'input units',
        note:
          w.factor === null
            ? 'fixed'
            : `${j.bandwidth.rule} factor ${fmt(w.factor)} × each column’s spread in ${set.toUpperCase()}`,
      })
    }
  if (j.sigma !== undefined)
    rows.push({key: 'sigma', name: 'σ', value: j.sigma, unit: 'input units', note: 'noise scale'})
  if (j.radius !== undefined)
    rows.push({key: 'radius', name: 'R', value: j.radius, unit: 'input units', note: 'noise truncated to ‖ε‖ ≤ R'})
  if (j.draws !== undefined) rows.push({key: 'draws', name: 'draws per side', value: j.draws})
  if (j.k !== undefined) rows.push({key: 'k', name: 'k', value: j.k})
  rows.push({key: 'pointsUsed', name: 'points used', value: `${j.n} × ${j.m}`})
  if (j.baseline)
    rows.push({
      key: 'baseline',
      name: 'baseline (P vs P)',
      value: j.baseline.value,
      unit,
      note: `same statistic between two random halves of P (${j.baseline.n} points each)`,
    })
  return {key: 'jsd', title: 'Jensen–Shannon divergence', rows}
}

function fmt(x: number): string {
  return Number(x.toPrecision(6)).toString()
}

/** The `jsd` report; `methodReason` says why this estimator was used (chosen for the dimension, or asked for). */
export function jsdReport(
  pair: ComparedPair,
  jsd: JsdResult,
  methodReason: string,
  timing: Record<string, number>,
): Report {
  const {warnings, ...json} = jsd
  return {
    command: 'jsd',
    json: pairJson(pair, {jsd: {...json, methodReason}}),
    sections: [jsdSection(jsd, methodReason)],
    reading: papersReading({jsd}),
    warnings: [...pair.warnings, ...warnings],
    timing,
  }
}
