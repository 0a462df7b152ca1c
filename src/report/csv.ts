import type {Report} from './document.js'

/**
 * The report as CSV for spreadsheets and scripts: one row per number, `section,name,value,unit`, where section and
 * name are stable machine keys (the JSON field names where there is one: `bound,V`, `w1,value`), never the display
 * labels of the table ("V = E‖ε‖²"). Numbers keep full precision (shortest round-trip form), unlike the table.
 */
export function renderCsv(report: Report): string {
  const lines = ['section,name,value,unit']
  for (const s of report.sections) {
    const section = s.key ?? machineKey(s.title)
    for (const r of s.rows)
      lines.push(
        [section, r.key ?? machineKey(r.name), r.value === null ? '' : String(r.value), r.unit ?? '']
          .map(quote)
          .join(','),
      )
  }
  for (const g of report.gates ?? []) {
    lines.push(['gates', `${g.name}.threshold`, String(g.threshold), ''].map(quote).join(','))
    lines.push(['gates', `${g.name}.value`, g.value === null ? '' : String(g.value), ''].map(quote).join(','))
    lines.push(
      ['gates', `${g.name}.passed`, g.notEvaluated !== undefined ? 'not evaluated' : String(g.passed), '']
        .map(quote)
        .join(','),
    )
  }
  return `${lines.join('\n')}\n`
}

const SPELLED: Record<string, string> = {
  σ: 'sigma',
  τ: 'tau',
  ε: 'epsilon',
  '√': 'sqrt',
  '∪': 'union',
  '×': 'x',
  '≤': 'le',
  '≥': 'ge',
  '²': '2',
  '₁': '1',
  '₂': '2',
}

/** A label as an ASCII key, for rows no builder gave a key: Greek and maths spelled out, the rest joined by '_'. */
export function machineKey(label: string): string {
  const spelled = [...label].map((ch) => (SPELLED[ch] === undefined ? ch : ` ${SPELLED[ch]} `)).join('')
  const ascii = spelled.normalize('NFKD').replace(/[^\x20-\x7e]/g, '')
  return ascii.replace(/[^A-Za-z0-9.]+/g, '_').replace(/^_+|_+$/g, '') || 'row'
}

function quote(field: string): string {
  return /[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field
}
