import chalk, {Chalk} from 'chalk'
import Table from 'cli-table3'
import type {Gate, Report, Section} from './document.js'
import {formatNumber, formatValue} from './format.js'
import {displayWidth, wrapText} from './width.js'

/**
 * Options for the terminal table: colour only when stdout is a TTY and NO_COLOR is unset; the width every line must
 * fit (width.ts: the terminal's columns, else $COLUMNS, else 100); `verbose` adds the reading in the papers' terms.
 */
export interface TableOptions {
  color: boolean
  width: number
  verbose?: boolean
}

/** Whether colour is wanted on stdout: a TTY, and NO_COLOR unset (https://no-color.org). */
export function colorWanted(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb'
}

/**
 * The report for people: the one-line summary, one boxed table per section, the gates, then the reading (with
 * --verbose; otherwise one line saying how to get it). Every line but the summary fits `options.width` columns: long notes wrap
 * inside their cell, or, when the note column would be too narrow to read, move under the table as numbered notes.
 */
export function renderTable(report: Report, options: TableOptions): string {
  const c = options.color ? chalk : new Chalk({level: 0})
  const width = options.width
  const out: string[] = []
  // The summary is one line whatever the width: a CI log shows it whole, and a grep finds it (the width is for tables).
  if (report.summary) out.push(c.bold(report.summary), '')
  const brief = !options.verbose && report.brief !== undefined
  for (const section of brief ? report.brief! : report.sections)
    out.push(...wrapText(section.title, width).map((l) => c.bold(l)), sectionTable(section, options.color, width))
  if (report.gates && report.gates.length > 0)
    out.push(c.bold('gates'), gateTable(report.gates, options.color, c, width))
  if (brief) {
    out.push(c.dim("(--verbose: every part's table and a reading in the papers' terms)"))
  } else if (report.reading && report.reading.length > 0) {
    if (options.verbose) {
      out.push(c.bold('reading'))
      for (const line of report.reading) out.push(...wrapText(line, width, '  ', '    '))
    } else {
      out.push(c.dim("(--verbose adds a reading of these numbers in the papers' terms)"))
    }
  }
  return `${out.join('\n')}\n`
}

/** Narrowest note column worth wrapping in place; below it the notes go under the table, numbered. */
const MIN_NOTE_WIDTH = 20

/**
 * Widest a name, a value and a unit cell may grow before it wraps, when the table does not fit at its natural width.
 * A value column that holds numbers wraps its text (a list of bandwidths) down to its widest number,
 * at least 12; a column of text only keeps 24.
 */
const CAPS = [26, 24, 14]
const MIN_VALUE_CAP = 12

function newTable(head: string[], color: boolean, colWidths?: number[]): Table.Table {
  // cli-table3 keeps ANSI codes on borders and headers unless told otherwise.
  return new Table({
    head,
    style: color ? {head: ['cyan'], border: ['grey']} : {head: [], border: []},
    // No rule between body rows: a report is read down a column, and half the height is easier to take in.
    chars: {mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': ''},
    // colWidths count the one-space padding on each side.
    ...(colWidths ? {colWidths: colWidths.map((w) => w + 2), wordWrap: true, wrapOnWordBoundary: true} : {}),
  })
}

/** Columns a boxed table of these content widths takes: each cell pads one space a side, plus k + 1 borders. */
function boxWidth(widths: number[]): number {
  return widths.reduce((a, w) => a + w + 3, 1)
}

/**
 * Content widths for `natural` that fit `width`: unchanged when they fit; else each column is capped (CAPS, the
 * last column taking what is left) and, if still too wide, the widest columns give way in turn.
 */
function fitWidths(natural: number[], width: number, lastTakesRest: boolean, caps = CAPS): number[] | undefined {
  if (boxWidth(natural) <= width) return undefined
  const w = natural.map((n, i) => (lastTakesRest && i === natural.length - 1 ? n : Math.min(n, caps[i] ?? n)))
  const budget = width - boxWidth(w.map(() => 0))
  if (lastTakesRest) {
    const others = w.slice(0, -1).reduce((a, b) => a + b, 0)
    w[w.length - 1] = Math.max(1, Math.min(natural[natural.length - 1], budget - others))
  }
  // Room the last column leaves unused goes back to the capped columns, first come first served.
  let spare = budget - w.reduce((a, b) => a + b, 0)
  for (let i = 0; i < w.length && spare > 0; i++) {
    const more = Math.min(spare, natural[i] - w[i])
    w[i] += more
    spare -= more
  }
  while (w.reduce((a, b) => a + b, 0) > budget) {
    const widest = w.indexOf(Math.max(...w))
    if (w[widest] <= 4) break
    w[widest]--
  }
  return w
}

function sectionTable(section: Section, color: boolean, width: number): string {
  const hasNote = section.rows.some((r) => r.note)
  const head = hasNote ? ['', 'value', 'unit', 'note'] : ['', 'value', 'unit']
  const rows = section.rows.map((row) => {
    const cells = [row.name, formatValue(row.value), row.unit ?? '']
    return hasNote ? [...cells, row.note ?? ''] : cells
  })
  const natural = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => maxLineWidth(r[i]))))
  const numbers = section.rows.filter((r) => typeof r.value === 'number').map((r) => displayWidth(formatValue(r.value)))
  const caps = [
    CAPS[0],
    numbers.length === 0 ? CAPS[1] : Math.min(CAPS[1], Math.max(MIN_VALUE_CAP, ...numbers)),
    CAPS[2],
  ]
  let widths = fitWidths(natural, width, hasNote, caps)
  if (!hasNote || !widths || widths[3] >= Math.min(MIN_NOTE_WIDTH, natural[3])) return boxed(head, rows, widths, color)

  // The note column would be too narrow to read: number the notes and print them under the table.
  const notes: string[] = []
  const marked = rows.map((r) => {
    if (r[3] === '') return [...r.slice(0, 3), '']
    notes.push(r[3])
    return [...r.slice(0, 3), `[${notes.length}]`]
  })
  widths = fitWidths([...natural.slice(0, 3), Math.max(4, `[${notes.length}]`.length)], width, false)
  const under = notes.flatMap((n, i) => wrapText(n, width, ` [${i + 1}] `, ' '.repeat(` [${i + 1}] `.length)))
  return [boxed(head, marked, widths, color), ...under].join('\n')
}

function boxed(head: string[], rows: string[][], widths: number[] | undefined, color: boolean): string {
  const table = newTable(head, color, widths)
  for (const r of rows) table.push(r)
  return table.toString()
}

function maxLineWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map(displayWidth))
}

function gateTable(gates: Gate[], color: boolean, c: typeof chalk, width: number): string {
  const head = ['gate', 'threshold', 'value', 'result']
  const rows = gates.map((g) => [
    g.name,
    `${g.kind === 'max' ? '≤' : '≥'} ${formatNumber(g.threshold)}`,
    formatValue(g.value),
    g.notEvaluated !== undefined ? 'not evaluated' : g.passed ? 'pass' : 'FAIL',
  ])
  const natural = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))))
  const table = newTable(head, color, fitWidths(natural, width, false))
  for (const [i, r] of rows.entries()) table.push([r[0], r[1], r[2], gates[i].passed ? c.green(r[3]) : c.red(r[3])])
  return table.toString()
}
