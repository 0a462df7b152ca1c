import type {Report, Section} from './document.js'
import {formatNumber, formatValue} from './format.js'

/**
 * The report as GitHub-flavoured markdown for a pull-request comment: what a reviewer decides on comes first and
 * stays in view — the title, the summary line and the gates — and each part's table, the warnings and the reading
 * follow in a collapsed `<details>` block each, so the comment opens short whatever was computed.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [`## divergence ${report.command}`, '']
  if (report.summary) out.push(`**${cell(report.summary)}**`, '')
  if (report.gates && report.gates.length > 0) {
    out.push('| gate | threshold | value | result |', '|---|---:|---:|---|')
    for (const g of report.gates) {
      const result =
        g.notEvaluated !== undefined ? `⚠️ not evaluated: ${cell(g.notEvaluated)}` : g.passed ? '✅ pass' : '❌ FAIL'
      out.push(
        `| ${g.name} | ${g.kind === 'max' ? '≤' : '≥'} ${formatNumber(g.threshold)} | ${formatValue(g.value)} | ${result} |`,
      )
    }
    out.push('')
  }
  for (const section of report.sections) out.push(...details(section.title, sectionTable(section)))
  if (report.warnings && report.warnings.length > 0)
    out.push(
      ...details(
        `warnings (${report.warnings.length})`,
        report.warnings.map((l) => `- ${cell(l)}`),
      ),
    )
  if (report.reading && report.reading.length > 0)
    out.push(
      ...details(
        "reading in the papers' terms",
        report.reading.map((l) => `- ${l}`),
      ),
    )
  return out.join('\n')
}

/** A collapsed block: GitHub renders markdown inside it when blank lines surround the content. */
function details(title: string, body: string[]): string[] {
  return [`<details><summary>${escapeHtml(title)}</summary>`, '', ...body, '', '</details>', '']
}

function sectionTable(section: Section): string[] {
  return [
    '| | value | unit | note |',
    '|---|---:|---|---|',
    ...section.rows.map(
      (r) => `| ${cell(r.name)} | ${cell(formatValue(r.value))} | ${cell(r.unit ?? '')} | ${cell(r.note ?? '')} |`,
    ),
  ]
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
