import {renderCsv} from './csv.js'
import type {Report} from './document.js'
import {renderHtml} from './html.js'
import {renderJson} from './json.js'
import {renderMarkdown} from './markdown.js'
import {colorWanted, renderTable} from './table.js'
import {terminalWidth} from './width.js'

export type OutputFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html'

/** The report in the requested format, as the exact text for stdout; `verbose` adds the reading to the table. */
export function render(
  report: Report,
  format: OutputFormat,
  options: {verbose?: boolean; width?: number} = {},
): string {
  if (report.json.standardization) report = inStandardizedUnits(report)
  switch (format) {
    case 'json':
      return renderJson(report)
    case 'csv':
      return renderCsv(report)
    case 'markdown':
      return renderMarkdown(report)
    case 'html':
      return renderHtml(report)
    default:
      return renderTable(report, {
        color: colorWanted(),
        width: options.width ?? terminalWidth(),
        verbose: options.verbose,
      })
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
    sections: report.sections.map((s) => ({
      ...s,
      rows: s.rows.map((r) => ({
        ...r,
        ...(r.unit ? {unit: swap(r.unit)} : {}),
        ...(r.note ? {note: swap(r.note)} : {}),
      })),
    })),
    ...(report.brief
      ? {
          brief: report.brief.map((s) => ({
            ...s,
            rows: s.rows.map((r) => ({
              ...r,
              ...(r.unit ? {unit: swap(r.unit)} : {}),
              ...(r.note ? {note: swap(r.note)} : {}),
            })),
          })),
        }
      : {}),
    ...(report.reading ? {reading: report.reading.map(swap)} : {}),
    ...(report.summary ? {summary: swap(report.summary)} : {}),
  }
}
