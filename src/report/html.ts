import type {Gate, Report, Section} from './document.js'
import {formatNumber, formatValue} from './format.js'

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG figures, no script, no font, no image and no
 * link that would reach the network, so it opens the same from a CI artefact, an e-mail or an air-gapped machine.
 * Order: the summary, the gates (a CI reader's first question), the figures, each section's table, the warnings and
 * the reading. Every piece of text from the data (file names, column names, notes) is escaped.
 */
export function renderHtml(report: Report): string {
  const title = `divergence ${report.command}`
  const body: string[] = [`<h1>${esc(title)}</h1>`]
  if (report.summary) body.push(`<p class="summary" id="summary">${esc(report.summary)}</p>`)
  if (report.gates && report.gates.length > 0) body.push(gatesHtml(report.gates))
  for (const figure of report.figures ?? [])
    body.push(`<figure><figcaption>${esc(figure.title)}</figcaption>${inlineSvg(figure.svg)}</figure>`)
  for (const section of report.sections) body.push(sectionHtml(section))
  if (report.warnings && report.warnings.length > 0)
    body.push(
      '<h2>warnings</h2>',
      `<ul class="warnings">${report.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`,
    )
  if (report.reading && report.reading.length > 0)
    body.push('<h2>reading</h2>', ...report.reading.map((l) => `<p class="reading">${esc(l)}</p>`))
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`
}

/** Plain system fonts and a light palette; pass/fail colours also carry a word, so the page reads in grey too. */
const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.3rem;margin:0 0 .5rem}
h2{font-size:1.05rem;margin:1.6rem 0 .4rem}
.summary{font-weight:600;font-size:1.05rem;padding:.6rem .8rem;background:#f3f5f8;border-left:4px solid #4a6fa5;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.2rem 0 .6rem}
th,td{border:1px solid #d5d9e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f8;font-weight:600}
td.value{font-variant-numeric:tabular-nums;white-space:nowrap}
td.note{color:#444}
.pass{color:#17692f;font-weight:600}
.fail{color:#a4161a;font-weight:600}
.skip{color:#8a5a00;font-weight:600}
figure{margin:1rem 0}
figcaption{font-weight:600;margin-bottom:.3rem}
figure svg{max-width:100%;height:auto;border:1px solid #e3e6eb}
.warnings li{color:#8a5a00}
.reading{color:#333}
`

function gatesHtml(gates: Gate[]): string {
  const rows = gates.map((g) => {
    const [cls, word] =
      g.notEvaluated !== undefined ? ['skip', 'not evaluated'] : g.passed ? ['pass', 'pass'] : ['fail', 'FAIL']
    const why = g.notEvaluated !== undefined ? ` (${esc(g.notEvaluated)})` : ''
    return `<tr><td>${esc(g.name)}</td><td class="value">${g.kind === 'max' ? '≤' : '≥'} ${esc(formatNumber(g.threshold))}</td><td class="value">${esc(formatValue(g.value))}</td><td class="${cls}">${word}${why}</td></tr>`
  })
  return `<h2>gates</h2>
<table class="gates"><thead><tr><th>gate</th><th>threshold</th><th>value</th><th>result</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`
}

function sectionHtml(section: Section): string {
  const rows = section.rows.map(
    (r) =>
      `<tr><th scope="row">${esc(r.name)}</th><td class="value">${esc(formatValue(r.value))}</td><td>${esc(r.unit ?? '')}</td><td class="note">${esc(r.note ?? '')}</td></tr>`,
  )
  return `<h2>${esc(section.title)}</h2>
<table><thead><tr><th></th><th>value</th><th>unit</th><th>note</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`
}

/** An SVG the report layer drew itself, without its XML prolog (not allowed inside HTML). */
function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '')
}

/** Text for HTML element content and attribute values. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
