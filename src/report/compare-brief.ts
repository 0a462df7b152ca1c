import type {CompareResult} from '../core/compare.js'
import type {Row, Section} from './document.js'
import {formatNumber} from './format.js'

/**
 * `compare`'s default table: one row per part with its headline number and what it means in a phrase — the numbers a
 * reader looks for, in one screen. The part tables, the reading and every detail come with --verbose (and are always
 * in the JSON, CSV, markdown and HTML).
 */
export function keyNumbersSection(r: CompareResult, parts: Set<string>): Section {
  const rows: Row[] = []
  const w = r.w1
  if (w && parts.has('w1')) {
    const name = w.p === 2 ? 'W2' : 'W1'
    if (w.method === 'sinkhorn')
      rows.push({
        key: 'w1',
        name,
        value: w.value,
        unit: 'input units',
        note: `certified bracket [${formatNumber(w.lower)}, ${w.upper === null ? '?' : formatNumber(w.upper)}]${w.converged ? '' : ', not converged'}`,
      })
    else if (w.method === 'sliced')
      rows.push({key: 'w1', name, value: w.value, unit: 'input units', note: 'sliced: a lower bound on W'})
    else
      rows.push({
        key: 'w1',
        name,
        value: w.value,
        unit: 'input units',
        note: `${w.method === 'exact-1d' ? 'exact, from the sorted quantile functions' : `exact, ${w.certificate?.checked === false ? 'certificate NOT passed' : 'certificate checked'}`}`,
      })
  }
  const b = r.baseline?.w1
  if (b && parts.has('w1'))
    rows.push({
      key: 'baseline.w1',
      name: 'W1 under no difference',
      value: b.median,
      unit: 'input units',
      note: `permutation null at these sizes: 95 % ${formatNumber(b.q95)}, p = ${formatNumber(b.pValue)}`,
    })
  for (const t of r.test?.tests ?? [])
    rows.push({
      key: `test.${t.name}`,
      name: `${t.name} test p`,
      value: t.pValue,
      note: `${t.permutations} relabellings; p ≥ ${formatNumber(t.pValueFloor)}`,
    })
  if (r.jsd)
    rows.push({
      key: 'jsd',
      name: 'JSD',
      value: r.jsd.value,
      unit: r.jsd.unit,
      note: r.jsd.unreliable ? `UNRELIABLE: ${r.jsd.unreliable}` : `${r.jsd.method}; range [0, ln 2]`,
    })
  if (r.bound) {
    const b = r.bound
    rows.push({
      key: 'bound',
      name: 'bound 2√V + 2C√JSD',
      value: b.value,
      unit: 'input units',
      note: !b.holds
        ? 'VIOLATED at the JSD’s upper confidence limit'
        : b.vacuous
          ? `vacuous: ≥ the diameter ${formatNumber(b.diameter.value)}, which bounds W1 anyway`
          : `holds (W1 ≤ bound), at σ = ${formatNumber(b.sigma)}`,
    })
  }
  if (r.align) {
    const a = r.align
    rows.push(
      {
        key: 'align',
        name: 'supports',
        value: a.verdict,
        note: `${formatNumber(100 * a.onManifold.qOnP)}% of Q on P's manifold, ${formatNumber(100 * a.onManifold.pOnQ)}% of P on Q's`,
      },
      {
        key: 'modeDropping',
        name: 'mode dropping',
        value: a.modeDropping.detected ? 'yes' : 'no',
        note: `recall ${formatNumber(a.recall)}, coverage ${formatNumber(a.coverage)}, precision ${formatNumber(a.precision)}`,
      },
    )
  }
  if (r.columns) {
    const moved = r.columns.columns.filter((c) => c.drifted)
    const named = moved
      .slice(0, 3)
      .map((c) => `${c.name} (${c.score === null ? '–' : formatNumber(c.score)} ${c.stat})`)
      .join(', ')
    rows.push({
      key: 'columns',
      name: 'drifted columns',
      value: `${r.columns.drifted} of ${r.columns.total}`,
      note: moved.length === 0 ? 'none' : `${named}${moved.length > 3 ? `, +${moved.length - 3} more` : ''}`,
    })
  }
  const fd = r.fidelity?.fd,
    kid = r.fidelity?.kid
  if (fd)
    rows.push({
      key: 'fd',
      name: 'FD',
      value: fd.value,
      note: 'W2² between the Gaussian fits (FID on Inception features)',
    })
  if (kid)
    rows.push({
      key: 'kid',
      name: 'KID',
      value: kid.mean,
      note: `± ${formatNumber(kid.std)} over ${kid.subsets} subsets of ${kid.subsetSize}`,
    })
  for (const [part, reason] of Object.entries(r.errors))
    if (parts.has(part)) rows.push({key: `${part}.error`, name: part, value: 'not computed', note: reason})
  return {key: 'key', title: 'key numbers', rows}
}
