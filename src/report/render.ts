import type {Report} from './document.js'
import {renderCsv} from './csv.js'
import {renderJson} from './json.js'
import {renderMarkdown} from './markdown.js'
import {colorWanted, renderTable} from './table.js'
import {terminalWidth} from './width.js'

export type OutputFormat = 'table' | 'json' | 'csv' | 'markdown'

/** The report in the requested format, as the exact text for stdout; `verbose` adds the reading to the table. */
export function render(report: Report, format: OutputFormat, options: {verbose?: boolean; width?: number} = {}): string {
  switch (format) {
    case 'json': return renderJson(report)
    case 'csv': return renderCsv(report)
    case 'markdown': return renderMarkdown(report)
    default: return renderTable(report, {color: colorWanted(), width: options.width ?? terminalWidth(), verbose: options.verbose})
  }
}
