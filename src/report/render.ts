import type {Report} from './document.js'
import {renderCsv} from './csv.js'
import {renderJson} from './json.js'
import {renderMarkdown} from './markdown.js'
import {colorWanted, renderTable} from './table.js'

export type OutputFormat = 'table' | 'json' | 'csv' | 'markdown'

/** The report in the requested format, as the exact text for stdout. */
export function render(report: Report, format: OutputFormat): string {
  if (report.json.standardization) report = inStandardizedUnits(report)
  switch (format) {
    case 'json': return renderJson(report)
    case 'csv': return renderCsv(report)
    case 'markdown': return renderMarkdown(report)
    default: return renderTable(report, {color: colorWanted()})
  }
}

/**
 * With --standardize every length was computed on z-scored columns, so "input units" would be wrong: the labels,
 * notes and reading say "standardized units" instead (JSON numbers are unchanged; `standardization` maps them back).
 */
export function inStandardizedUnits(report: Report): Report {
  const swap = (t: string): string => t.replace(/input units/g, 'standardized units')
  return {
    ...report,
    sections: report.sections.map((s) => ({...s, rows: s.rows.map((r) => ({...r, ...(r.unit ? {unit: swap(r.unit)} : {}), ...(r.note ? {note: swap(r.note)} : {})}))})),
    ...(report.reading ? {reading: report.reading.map(swap)} : {}),
  }
}
