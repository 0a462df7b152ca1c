import type {W1Result} from '../core/ot/w1.js'
import {type ComparedPair, pairJson, type Report, type Row, type Section} from './document.js'

const METHOD_NOTE: Record<W1Result['method'], string> = {
  'exact-1d': 'exact, from the sorted quantile functions',
  exact: 'exact optimal transport (network simplex: shortlist from 2000² pairs; Hungarian for equal sizes ≤ 500)',
  sinkhorn: 'entropic OT; value = midpoint of the certified bracket',
  sliced: 'sliced: a LOWER bound on W (mean over random 1-D projections)',
}

/** The W section of a report (shared by `w1` and `compare`). */
export function w1Section(w: W1Result): Section {
  const name = w.p === 2 ? 'W2' : 'W1'
  const rows: Row[] = [
    {key: 'value', name, value: w.value, unit: 'input units', note: METHOD_NOTE[w.method]},
    {key: 'method', name: 'method', value: w.method},
  ]
  if (w.method === 'sinkhorn') {
    rows.push(
      {
        key: 'lower',
        name: 'certified lower',
        value: w.lower,
        unit: 'input units',
        note: 'dual objective after c-transforms (weak duality)',
      },
      {
        key: 'upper',
        name: 'certified upper',
        value: w.upper,
        unit: 'input units',
        note: 'cost of the plan rounded onto Π(a,b) (Altschuler et al. 2017)',
      },
      {
        key: 'relativeGap',
        name: 'relative gap',
        value: w.upper !== null && w.upper > 0 ? (w.upper - w.lower) / w.upper : 0,
      },
      {
        key: 'planCost',
        name: 'plan cost',
        value: w.planCost,
        unit: 'input units',
        note: 'the entropic plan itself (not feasible exactly)',
      },
      {
        key: 'sinkhornDivergence',
        name: 'Sinkhorn divergence S_ε',
        value: w.sinkhornDivergence,
        unit: w.p === 2 ? 'input units²' : 'input units',
        ...(w.sinkhornDivergenceSkipped ? {note: w.sinkhornDivergenceSkipped} : {}),
      },
      {key: 'epsilon', name: 'ε', value: w.epsilon, unit: w.p === 2 ? 'input units²' : 'input units'},
      {key: 'iterations', name: 'iterations', value: w.iterations},
      {
        key: 'converged',
        name: 'converged',
        value: w.converged,
        note: w.converged ? 'bracket within --gap' : 'stopped at --max-iter before reaching --gap',
      },
      {key: 'marginalError', name: 'marginal error (L1)', value: w.marginalError},
    )
  }
  if (w.method === 'exact' && w.certificate) {
    const c = w.certificate
    rows.push({
      key: 'certificate.dual',
      name: 'dual (certificate)',
      value: c.dual,
      unit: 'input units',
      note: c.checked
        ? `= W within rounding; potentials feasible over all pairs (${c.solver}, costs ${c.costs})`
        : 'NOT within rounding of W: the result is the bracket [dual, W]',
    })
  }
  if (w.method === 'sliced')
    rows.push(
      {key: 'projections', name: 'projections', value: w.projections ?? null},
      {key: 'stderr', name: 'standard error', value: w.stderr ?? null, unit: 'input units'},
    )
  return {key: 'w1', title: name, rows}
}

/** The `w1` report; `maxIter` is quoted when Sinkhorn stopped before its bracket closed. */
export function w1Report(pair: ComparedPair, w1: W1Result, maxIter: number, timing: Record<string, number>): Report {
  const warnings = [...pair.warnings]
  if (!w1.converged)
    warnings.push(
      `Sinkhorn stopped at --max-iter ${maxIter} before the bracket closed to --gap; the bracket [${w1.lower}, ${w1.upper}] still holds`,
    )
  return {command: 'w1', json: pairJson(pair, {w1}), sections: [w1Section(w1)], warnings, timing}
}
