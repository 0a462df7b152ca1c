import type {CompareResult} from '../core/compare.js'
import type {Gate} from './document.js'
import {formatNumber} from './format.js'

/**
 * The one line `compare` prints first: W1 with its certified bracket (or how it was computed), the JSD, the Thm 3.3
 * bound, the alignment verdict, and how many gates passed — the numbers a reader looks for before the tables.
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
  if (r.jsd) bits.push(`JSD ${formatNumber(r.jsd.value)} ${r.jsd.unit}`)
  if (r.bound) bits.push(`bound ${formatNumber(r.bound.value)} ${r.bound.holds ? 'holds' : 'VIOLATED'}`)
  if (r.align) bits.push(`supports ${r.align.verdict}`)
  for (const t of r.test?.tests ?? []) bits.push(`${t.name} test p = ${formatNumber(t.pValue)}`)
  if (gates.length > 0) {
    const failed = gates.filter((g) => !g.passed).length
    bits.push(failed === 0 ? `gates: all ${gates.length} passed` : `gates: ${failed} of ${gates.length} FAILED`)
  }
  return bits.join(' · ')
}
