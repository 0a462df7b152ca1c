import type {SampleSet} from '../../core/sampleset.js'

/**
 * A SampleSet as CSV/TSV text. `String(x)` is the shortest decimal that reads back to the same float64
 * (ECMAScript Number::toString), so every value round-trips exactly.
 */
export function toDelimited(set: SampleSet, delimiter: ',' | '\t' = ','): string {
  const quote = (s: string) => (s.includes(delimiter) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  const lines = [set.columns.map(quote).join(delimiter)]
  for (let i = 0; i < set.n; i++) {
    const row = new Array<string>(set.d)
    for (let k = 0; k < set.d; k++) row[k] = String(set.data[i * set.d + k])
    lines.push(row.join(delimiter))
  }
  return `${lines.join('\n')}\n`
}
