import type {Report} from './document.js'
import {formatNumber, formatValue} from './format.js'

/** The report as GitHub-flavoured markdown, fit for a pull-request comment. */
export function renderMarkdown(report: Report): string {
  const out: string[] = [`## divergence ${report.command}`, '']
  if (report.summary) out.push(`**${report.summary}**`, '')
  for (const section of report.sections) {
    out.push(`### ${section.title}`, '', '| | value | unit | note |', '|---|---:|---|---|')
    for (const r of section.rows)
      out.push(`| ${cell(r.name)} | ${cell(formatValue(r.value))} | ${cell(r.unit ?? '')} | ${cell(r.note ?? '')} |`)
    out.push('')
  }
  if (report.gates && report.gates.length > 0) {
    out.push('### gates', '', '| gate | threshold | value | result |', '|---|---:|---:|---|')
    for (const g of report.gates) {
      out.push(
        `| ${g.name} | ${g.kind === 'max' ? '≤' : '≥'} ${formatNumber(g.threshold)} | ${formatValue(g.value)} | ${g.notEvaluated !== undefined ? '⚠️ not evaluated' : g.passed ? '✅ pass' : '❌ FAIL'} |`,
      )
    }
    out.push('')
  }
  if (report.reading && report.reading.length > 0)
    out.push('### reading', '', ...report.reading.map((l) => `- ${l}`), '')
  if (report.warnings && report.warnings.length > 0)
    out.push('### warnings', '', ...report.warnings.map((l) => `- ${l}`), '')
  return out.join('\n')
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}
