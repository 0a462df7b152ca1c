import type {ColumnDrift, DriftResult} from '../core/drift/types.js'
import {formatNumber} from './format.js'

const PANEL_W = 250,
  PANEL_H = 178,
  PER_ROW = 3,
  /** Left margin of a panel (the y ticks), its right margin, and the header above the panels (title and legend). */
  LEFT = 50,
  RIGHT = 10,
  HEADER = 42,
  /** Plot area inside a panel: below the panel title, above the x ticks and labels. */
  PLOT_TOP = 22,
  PLOT_H = 108,
  /** Width of one character of the 11 px sans-serif labels, generously, so that truncated text never overflows. */
  CHAR_W = 6.6,
  P_COLOUR = '#1f77b4',
  Q_COLOUR = '#ff7f0e'

/**
 * Small multiples of the top columns' two distributions as a standalone SVG: per panel, P (blue) and Q (orange) as
 * shares of their rows per bin — equal-width bins over the pooled range for numeric columns (x ticks at both ends
 * and the middle, in the column's own units), the most frequent categories otherwise (each labelled under its bars)
 * — with a y axis in percent of rows, and the column, its score and verdict as the title. Titles and labels are cut
 * with an ellipsis to their panel (the whole text stays in a <title> tooltip), so nothing overflows.
 */
export function driftSvg(result: DriftResult, top = 9): string {
  const columns = result.columns.filter((c) => c.shape).slice(0, top)
  const rows = Math.max(1, Math.ceil(columns.length / PER_ROW))
  const W = PER_ROW * PANEL_W,
    H = rows * PANEL_H + HEADER
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="8" y="18" font-size="13">${escape(clip(`drift: ${result.drifted} of ${result.total} columns drifted, the most moved first`, W - 16, 7.2))}</text>`,
    `<rect x="8" y="27" width="10" height="10" fill="${P_COLOUR}"/><text x="22" y="36">P</text>`,
    `<rect x="40" y="27" width="10" height="10" fill="${Q_COLOUR}"/><text x="54" y="36">Q</text>`,
    `<text x="74" y="36" fill="#555555">bars: share of each set's rows per bin</text>`,
  ]
  columns.forEach((c, k) => {
    out.push(...panel(c, (k % PER_ROW) * PANEL_W, HEADER + Math.floor(k / PER_ROW) * PANEL_H))
  })
  out.push('</svg>')
  return `${out.join('\n')}\n`
}

/** One column's panel with its top-left corner at (x, y). */
function panel(c: ColumnDrift, x: number, y: number): string[] {
  const {p, q, labels, lo, hi} = c.shape!
  const left = x + LEFT,
    width = PANEL_W - LEFT - RIGHT,
    plotTop = y + PLOT_TOP,
    bottom = plotTop + PLOT_H
  const np = p.reduce((s, v) => s + v, 0) || 1,
    nq = q.reduce((s, v) => s + v, 0) || 1
  const peak = Math.max(...p.map((v) => v / np), ...q.map((v) => v / nq)) || 1
  const title = `${c.name}: ${c.score === null ? '–' : formatNumber(c.score)} ${c.stat}${c.drifted ? ' (drifted)' : ''}`
  const out = [
    `<g class="panel" data-column="${escape(c.name)}">`,
    `<title>${escape(title)}</title>`,
    `<text x="${x + 8}" y="${y + 14}"${c.drifted ? ' fill="#b00020"' : ''}>${escape(clip(title, PANEL_W - 16))}</text>`,
    `<rect x="${left}" y="${plotTop}" width="${width}" height="${PLOT_H}" fill="none" stroke="#999999"/>`,
  ]
  // y axis: 0 and the tallest bar's share, in percent of rows.
  for (const [share, yy] of [
    [0, bottom],
    [peak, plotTop],
  ] as const) {
    out.push(`<line x1="${left - 4}" y1="${yy}" x2="${left}" y2="${yy}" stroke="#555555"/>`)
    // The top label sits just below its tick, clear of the panel title.
    out.push(
      `<text x="${left - 6}" y="${yy + (share === 0 ? 4 : 9)}" text-anchor="end" fill="#555555">${escape(clip(`${formatNumber(Math.round(1000 * share) / 10)}%`, LEFT - 8))}</text>`,
    )
  }
  const bw = width / p.length
  for (let b = 0; b < p.length; b++) {
    const hp = (p[b] / np / peak) * PLOT_H,
      hq = (q[b] / nq / peak) * PLOT_H
    out.push(
      `<rect x="${(left + b * bw).toFixed(2)}" y="${(bottom - hp).toFixed(2)}" width="${(bw / 2).toFixed(2)}" height="${hp.toFixed(2)}" fill="${P_COLOUR}"/>`,
      `<rect x="${(left + b * bw + bw / 2).toFixed(2)}" y="${(bottom - hq).toFixed(2)}" width="${(bw / 2).toFixed(2)}" height="${hq.toFixed(2)}" fill="${Q_COLOUR}"/>`,
    )
  }
  if (labels) {
    // One label per category, centred under its pair of bars.
    labels.forEach((label, b) => {
      out.push(
        `<text x="${(left + (b + 0.5) * bw).toFixed(2)}" y="${bottom + 13}" text-anchor="middle" fill="#555555">${escape(clip(label, bw - 2))}</text>`,
      )
    })
  } else if (lo !== undefined && hi !== undefined) {
    // x axis in the column's units: both ends of the pooled range and its middle.
    for (const [value, anchor, xx] of [
      [lo, 'start', left],
      [(lo + hi) / 2, 'middle', left + width / 2],
      [hi, 'end', left + width],
    ] as const) {
      out.push(`<line x1="${xx}" y1="${bottom}" x2="${xx}" y2="${bottom + 4}" stroke="#555555"/>`)
      out.push(
        `<text x="${xx}" y="${bottom + 15}" text-anchor="${anchor}" fill="#555555">${escape(clip(formatNumber(value), width / 3))}</text>`,
      )
    }
  }
  out.push(
    `<text x="${left + width / 2}" y="${bottom + 30}" text-anchor="middle" fill="#777777">${labels ? 'category' : 'value (column units)'}</text>`,
    '</g>',
  )
  return out
}

/** `text` cut with an ellipsis to at most `pixels` wide, at `charWidth` pixels a character. */
export function clip(text: string, pixels: number, charWidth = CHAR_W): string {
  const max = Math.max(1, Math.floor(pixels / charWidth))
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
