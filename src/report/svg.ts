import type {BoundRow} from '../core/bound/index.js'
import {formatNumber} from './format.js'

interface Curve {
  label: string
  colour: string
  dash?: string
  points: Array<[number, number]>
}

const W = 720,
  H = 460,
  LEFT = 80,
  RIGHT = 190,
  TOP = 56,
  BOTTOM = 60

/** What the plot says about its data: the two files (for the title) and the σ with the tightest bound (marked). */
export interface SweepPlotLabels {
  p: string
  q: string
  tightestSigma?: number
}

/**
 * The σ sweep of Thm 3.3 as a standalone SVG (no plotting service): W1, the two terms 2√V and 2C√JSD and the bound
 * against σ, both axes logarithmic, titled with both files, the tightest σ marked by a vertical line. A value of
 * exactly 0 (the noisy JSD at large σ) cannot sit on a log axis: it is drawn on the bottom edge as an open marker,
 * so the curve stays visible and says where it reached 0.
 */
export function sweepSvg(rows: BoundRow[], labels: SweepPlotLabels): string {
  const title = 'Arjovsky & Bottou Thm 3.3 across σ'
  const subtitle = `P = ${labels.p}, Q = ${labels.q}`
  const curves: Curve[] = [
    {label: 'W1', colour: '#000000', points: rows.map((r) => [r.sigma, r.w1])},
    {label: '2√V', colour: '#1f77b4', dash: '6 4', points: rows.map((r) => [r.sigma, r.noiseTerm])},
    {label: '2C√JSD', colour: '#2ca02c', dash: '2 3', points: rows.map((r) => [r.sigma, r.jsdTerm])},
    {label: 'bound', colour: '#d62728', points: rows.map((r) => [r.sigma, r.value])},
  ]
  const xs = rows.map((r) => r.sigma).filter((x) => x > 0)
  const ys = curves.flatMap((c) => c.points.map((p) => p[1])).filter((y) => y > 0 && Number.isFinite(y))
  const [x0, x1] = decades(Math.min(...xs), Math.max(...xs))
  const [y0, y1] = decades(Math.min(...ys), Math.max(...ys))
  const px = (x: number) => LEFT + ((Math.log10(x) - x0) / (x1 - x0)) * (W - LEFT - RIGHT)
  const py = (y: number) => H - BOTTOM - ((Math.log10(y) - y0) / (y1 - y0)) * (H - TOP - BOTTOM)
  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
  )
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`)
  out.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="15">${escape(title)}</text>`)
  out.push(`<text class="files" x="${W / 2}" y="33" text-anchor="middle" font-size="11">${escape(subtitle)}</text>`)
  // grid and ticks at powers of ten
  for (let e = x0; e <= x1; e++) {
    const x = px(10 ** e)
    out.push(`<line x1="${f(x)}" y1="${TOP}" x2="${f(x)}" y2="${H - BOTTOM}" stroke="#dddddd"/>`)
    out.push(`<text x="${f(x)}" y="${H - BOTTOM + 18}" text-anchor="middle">1e${e}</text>`)
  }
  for (let e = y0; e <= y1; e++) {
    const y = py(10 ** e)
    out.push(`<line x1="${LEFT}" y1="${f(y)}" x2="${W - RIGHT}" y2="${f(y)}" stroke="#dddddd"/>`)
    out.push(`<text x="${LEFT - 8}" y="${f(y + 4)}" text-anchor="end">1e${e}</text>`)
  }
  out.push(
    `<rect x="${LEFT}" y="${TOP}" width="${W - LEFT - RIGHT}" height="${H - TOP - BOTTOM}" fill="none" stroke="#000000"/>`,
  )
  out.push(
    `<text x="${(LEFT + W - RIGHT) / 2}" y="${H - 15}" text-anchor="middle">σ (noise scale, input units, log)</text>`,
  )
  out.push(
    `<text transform="translate(20 ${(TOP + H - BOTTOM) / 2}) rotate(-90)" text-anchor="middle">distance (input units, log)</text>`,
  )
  if (labels.tightestSigma !== undefined && labels.tightestSigma > 0) {
    const x = f(px(labels.tightestSigma))
    out.push(
      `<line class="tightest" x1="${x}" y1="${TOP}" x2="${x}" y2="${H - BOTTOM}" stroke="#d62728" stroke-width="1" stroke-dasharray="4 3"/>`,
    )
    out.push(
      `<text x="${x}" y="${TOP - 5}" text-anchor="middle" fill="#d62728">tightest σ = ${escape(formatNumber(labels.tightestSigma))}</text>`,
    )
  }
  const floor = H - BOTTOM
  let zeros = false
  for (const c of curves) {
    // Zeros sit on the bottom edge (open markers); only NaN/∞ (never produced by a sweep) break the line.
    const segments: Array<Array<[string, boolean]>> = [[]]
    for (const [x, y] of c.points) {
      if (y > 0 && Number.isFinite(y)) segments[segments.length - 1].push([`${f(px(x))},${f(py(y))}`, false])
      else if (y === 0) {
        segments[segments.length - 1].push([`${f(px(x))},${f(floor)}`, true])
        zeros = true
      } else if (segments[segments.length - 1].length > 0) segments.push([])
    }
    for (const s of segments) {
      if (s.length === 0) continue
      out.push(
        `<polyline class="curve" data-label="${escape(c.label)}" fill="none" stroke="${c.colour}" stroke-width="2"${c.dash ? ` stroke-dasharray="${c.dash}"` : ''} points="${s.map((p) => p[0]).join(' ')}"/>`,
      )
      for (const [pt, zero] of s) {
        const [x, y] = pt.split(',')
        out.push(
          zero
            ? `<circle class="zero" cx="${x}" cy="${y}" r="3.5" fill="#ffffff" stroke="${c.colour}" stroke-width="1.5"/>`
            : `<circle cx="${x}" cy="${y}" r="2.5" fill="${c.colour}"/>`,
        )
      }
    }
  }
  // legend
  const lx = W - RIGHT + 20
  curves.forEach((c, i) => {
    const y = TOP + 20 + i * 22
    out.push(
      `<line x1="${lx}" y1="${y}" x2="${lx + 30}" y2="${y}" stroke="${c.colour}" stroke-width="2"${c.dash ? ` stroke-dasharray="${c.dash}"` : ''}/>`,
    )
    out.push(`<text x="${lx + 38}" y="${y + 4}">${escape(c.label)}</text>`)
  })
  if (zeros) {
    const y = TOP + 20 + curves.length * 22
    out.push(`<circle cx="${lx + 15}" cy="${y}" r="3.5" fill="#ffffff" stroke="#000000" stroke-width="1.5"/>`)
    out.push(`<text x="${lx + 38}" y="${y + 4}">exactly 0 (on the axis)</text>`)
  }
  out.push('</svg>')
  return `${out.join('\n')}\n`
}

/** The enclosing whole decades [floor log10 lo, ceil log10 hi], at least one decade wide. */
function decades(lo: number, hi: number): [number, number] {
  const a = Math.floor(Math.log10(lo)),
    b = Math.ceil(Math.log10(hi))
  return b > a ? [a, b] : [a, a + 1]
}

function f(x: number): string {
  return x.toFixed(2)
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
