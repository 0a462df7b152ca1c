import type {CompareResult, Part} from '../core/compare.js'
import type {DriftResult} from '../core/drift/types.js'
import type {Gate} from './document.js'
import {formatNumber} from './format.js'

/**
 * The one line `compare` prints first, which is what a CI log shows: W1 with its certified bracket (or how it was
 * computed), the JSD, the Thm 3.3 bound (or `vacuous`), the alignment verdict with mode dropping, the drifted
 * columns, every part that was asked for and not computed (with why, in a word or two), and the gates with each
 * failed one named with its value and threshold. It is never wrapped (the width rule is for the tables).
 */
export function compareSummary(r: CompareResult, gates: Gate[], parts: Set<string>): string {
  const bits: string[] = []
  const w = r.w1
  if (w && parts.has('w1')) {
    const name = w.p === 2 ? 'W2' : 'W1'
    if (w.method === 'sinkhorn')
      bits.push(
        `${name} ${formatNumber(w.value)} in [${formatNumber(w.lower)}, ${w.upper === null ? '?' : formatNumber(w.upper)}]`,
      )
    else if (w.method === 'sliced') bits.push(`${name} ≥ ${formatNumber(w.value)} (sliced)`)
    else bits.push(`${name} ${formatNumber(w.value)} (exact)`)
    const b = r.baseline?.w1
    if (b)
      bits[bits.length - 1] +=
        ` vs ${formatNumber(b.median)} under no difference (95 %: ${formatNumber(b.q95)}), p = ${formatNumber(b.pValue)}`
  }
  if (r.jsd) bits.push(`JSD ${formatNumber(r.jsd.value)} ${r.jsd.unit}${r.jsd.unreliable ? ' (UNRELIABLE)' : ''}`)
  if (r.bound)
    bits.push(
      r.bound.unreliable
        ? `bound ${formatNumber(r.bound.value)} UNRELIABLE`
        : !r.bound.holds
          ? `bound ${formatNumber(r.bound.value)} VIOLATED`
          : r.bound.vacuous
            ? `bound ${formatNumber(r.bound.value)} vacuous (≥ diameter ${formatNumber(r.bound.diameter.value)})`
            : `bound ${formatNumber(r.bound.value)} holds`,
    )
  if (r.align) bits.push(`supports ${r.align.verdict}${r.align.modeDropping?.detected ? ', modes dropped' : ''}`)
  if (r.columns) bits.push(`columns ${r.columns.drifted} of ${r.columns.total} drifted`)
  for (const t of r.test?.tests ?? []) bits.push(`${t.name} test p = ${formatNumber(t.pValue)}`)
  for (const part of Object.keys(r.errors) as Part[])
    if (parts.has(part)) bits.push(`${part} not computed (${shortReason(r.errors[part]!)})`)
  if (gates.length > 0) bits.push(gateSummary(gates))
  return bits.join(' · ')
}

/**
 * `gates: all 2 passed`, or `gates: 1 of 2 FAILED (w1 0.579 > 0.5)`, with a gate that could not be evaluated said
 * as such (it exits 2, not 1).
 */
export function gateSummary(gates: Gate[]): string {
  const failed = gates.filter((g) => g.notEvaluated === undefined && !g.passed)
  const skipped = gates.filter((g) => g.notEvaluated !== undefined)
  if (failed.length === 0 && skipped.length === 0) return `gates: all ${gates.length} passed`
  const named = [
    ...failed.map(
      (g) => `${g.name} ${formatNumber(g.value!)} ${g.kind === 'max' ? '>' : '<'} ${formatNumber(g.threshold)}`,
    ),
    ...skipped.map((g) => `${g.name} not evaluated`),
  ]
  const counts = [
    failed.length > 0 ? `${failed.length} of ${gates.length} FAILED` : '',
    skipped.length > 0 ? `${skipped.length} of ${gates.length} NOT EVALUATED` : '',
  ].filter((s) => s !== '')
  return `gates: ${counts.join(', ')} (${named.join('; ')})`
}

/** Why a part was not computed, in a word or two, from core's reason (the table and stderr carry the whole of it). */
export function shortReason(reason: string): string {
  if (/would take|time (budget|limit)|DIVERGENCE_MAX_SECONDS|too long/i.test(reason)) return 'time budget'
  if (/memory|bytes|RAM/i.test(reason)) return 'memory budget'
  if (/overflow|too large for float64|float64 cannot/i.test(reason)) return 'float64 range'
  if (/same point|identical|constant|distinct points/i.test(reason)) return 'degenerate data'
  if (/points|too few|at least/i.test(reason)) return 'too few points'
  return 'see its table'
}

/**
 * `drift`'s first line: how many columns drifted and which (the three most moved, ranked as in the table), and the
 * gates as in `compare`.
 */
export function driftSummary(result: DriftResult, gates: Gate[]): string {
  const drifted = result.columns.filter((c) => c.drifted).map((c) => c.name)
  const share = `${formatNumber(Math.round(1000 * result.share) / 10)}%`
  const names =
    drifted.length > 3 ? `${drifted.slice(0, 3).join(', ')} and ${drifted.length - 3} more` : drifted.join(', ')
  const bits = [
    `drift: ${result.drifted} of ${result.total} columns drifted (${share})${drifted.length > 0 ? `: ${names}` : ''}`,
  ]
  if (gates.length > 0) bits.push(gateSummary(gates))
  return bits.join(' · ')
}
