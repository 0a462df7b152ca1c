import chalk, {Chalk} from 'chalk'
import Table from 'cli-table3'
import type {Gate, Report, Section} from './document.js'
import {formatNumber, formatValue} from './format.js'

/** Options for the terminal table: colour only when stdout is a TTY and NO_COLOR is unset. */
export interface TableOptions {
  color: boolean
}

/** Whether colour is wanted on stdout: a TTY, and NO_COLOR unset (https://no-color.org). */
export function colorWanted(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb'
}

/** The report as boxed tables for people, one per section, then gates and the reading. */
export function renderTable(report: Report, options: TableOptions): string {
  const c = options.color ? chalk : new Chalk({level: 0})
  const out: string[] = []
  for (const section of report.sections) out.push(c.bold(section.title), sectionTable(section, options.color))
  if (report.gates && report.gates.length > 0) out.push(c.bold('gates'), gateTable(report.gates, options.color, c))
  if (report.reading && report.reading.length > 0) out.push(c.bold('reading'), ...report.reading.map((line) => `  ${line}`))
  return out.join('\n') + '\n'
}

function newTable(head: string[], color: boolean): Table.Table {
  // cli-table3 keeps ANSI codes on borders and headers unless told otherwise (ecosystem.md §5).
  return new Table({
    head,
    style: color ? {head: ['cyan'], border: ['grey']} : {head: [], border: []},
    // No rule between body rows: a report is read down a column, and half the height is easier to take in.
    chars: {'mid': '', 'left-mid': '', 'mid-mid': '', 'right-mid': ''},
  })
}

function sectionTable(section: Section, color: boolean): string {
  const hasNote = section.rows.some((r) => r.note)
  const table = newTable(hasNote ? ['', 'value', 'unit', 'note'] : ['', 'value', 'unit'], color)
  for (const row of section.rows) {
    const cells = [row.name, formatValue(row.value), row.unit ?? '']
    table.push(hasNote ? [...cells, row.note ?? ''] : cells)
  }
  return table.toString()
}

function gateTable(gates: Gate[], color: boolean, c: typeof chalk): string {
  const table = newTable(['gate', 'threshold', 'value', 'result'], color)
  for (const g of gates) {
    const mark = g.notEvaluated !== undefined ? c.red('not evaluated') : g.passed ? c.green('pass') : c.red('FAIL')
    table.push([g.name, `${g.kind === 'max' ? '≤' : '≥'} ${formatNumber(g.threshold)}`, formatValue(g.value), mark])
  }
  return table.toString()
}
