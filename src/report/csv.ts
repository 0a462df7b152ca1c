import type {Report} from './document.js'

/**
 * The report as CSV for spreadsheets: one row per number, `section,name,value,unit`.
 * Numbers keep full precision (shortest round-trip form), unlike the table.
 */
export function renderCsv(report: Report): string {
  const lines = ['section,name,value,unit']
  for (const s of report.sections) for (const r of s.rows) lines.push([s.title, r.name, r.value === null ? '' : String(r.value), r.unit ?? ''].map(quote).join(','))
  for (const g of report.gates ?? []) {
    lines.push(['gates', `${g.name}.threshold`, String(g.threshold), ''].map(quote).join(','))
    lines.push(['gates', `${g.name}.value`, g.value === null ? '' : String(g.value), ''].map(quote).join(','))
    lines.push(['gates', `${g.name}.passed`, g.notEvaluated !== undefined ? 'not evaluated' : String(g.passed), ''].map(quote).join(','))
  }
  return lines.join('\n') + '\n'
}

function quote(field: string): string {
  return /[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field
}
