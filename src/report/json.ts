import {type Report, SCHEMA} from './document.js'

/**
 * The `--json` document: schema and command first, then the command's objects, gates, and `timing` last
 * (the only wall-clock figures, so that everything else is byte-identical run to run).
 * Refuses to emit NaN or ±Infinity anywhere: JSON.stringify would silently turn them into null.
 */
export function renderJson(report: Report): string {
  const doc: Record<string, unknown> = {schema: SCHEMA, command: report.command, ...report.json}
  if (report.gates) {
    doc.gates = report.gates.map(({name, threshold, value, passed, notEvaluated}) => ({
      name,
      threshold,
      value,
      passed,
      ...(notEvaluated !== undefined ? {evaluated: false, error: notEvaluated} : {}),
    }))
    doc.passed = report.gates.every((g) => g.passed)
  }
  if (report.warnings && report.warnings.length > 0) doc.warnings = report.warnings
  if (report.timing) doc.timing = report.timing
  assertFinite(doc, '')
  return `${JSON.stringify(doc, null, 2)}\n`
}

function assertFinite(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new Error(`internal: non-finite number ${value} at ${path || 'top level'} of the JSON document`)
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertFinite(v, `${path}[${i}]`))
  } else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const [k, v] of Object.entries(value)) assertFinite(v, path ? `${path}.${k}` : k)
  }
}
