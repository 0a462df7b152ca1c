import type {Report} from './document.js'
import {renderCsv} from './csv.js'
import {renderJson} from './json.js'
import {renderMarkdown} from './markdown.js'
import {colorWanted, renderTable} from './table.js'

export type OutputFormat = 'table' | 'json' | 'csv' | 'markdown'

/** The report in the requested format, as the exact text for stdout. */
export function render(report: Report, format: OutputFormat): string {
  switch (format) {
    case 'json': return renderJson(report)
    case 'csv': return renderCsv(report)
    case 'markdown': return renderMarkdown(report)
    default: return renderTable(report, {color: colorWanted()})
  }
}
