/**
 * `--html FILE` and `--format html`: one self-contained page, checked as a browser shows it. Headless Chromium
 * (Debian's `chromium`, which .ci/run installs) loads the file with the network shut, dumps the DOM (the summary
 * text must be there) and takes a screenshot whose pixels are checked: not blank, and the red of a failed gate and the
 * blue and orange of drift's P and Q bars are present. Without Chromium the browser half is skipped locally and
 * fails under CI, so CI cannot pass without looking.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PNG} from 'pngjs'
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-html-'))
const real = 'fixtures/examples/real.csv'
const generated = 'fixtures/examples/generated.csv'
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))

/** Chromium as the probe of this machine type starts it: headless, no sandbox (root), nothing in the background. */
function chromium(args: string[]): {stdout: string; code: number} {
  const r = spawnSync(
    CHROMIUM!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${mkdtempSync(join(tmpdir(), 'divergence-chromium-'))}`,
      ...args,
    ],
    {encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024},
  )
  return {stdout: r.stdout, code: r.status ?? -1}
}

/** Pixels of a PNG screenshot: how many are not near-white, and whether some are near each given colour. */
function pixels(file: string, colours: Record<string, [number, number, number]>) {
  const png = PNG.sync.read(readFileSync(file))
  let ink = 0
  const seen: Record<string, number> = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]))
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]]
    if (r < 235 || g < 235 || b < 235) ink++
    for (const [name, [cr, cg, cb]] of Object.entries(colours))
      if (Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) < 40) seen[name]++
  }
  return {width: png.width, height: png.height, ink: ink / (png.width * png.height), seen}
}

describe('the HTML report', () => {
  it('is one self-contained page: no script, no link, nothing fetched; data text is escaped', () => {
    const file = join(dir, 'compare.html')
    const r = runCli(['compare', real, generated, '--max-w1', '0.5', '--html', file])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`wrote ${file}`)
    // stdout keeps the table: --html is in addition to --format.
    expect(r.stdout).toMatch(/^W1 0\.578957 \(exact\)/)
    const html = readFileSync(file, 'utf8')
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i)
    expect(html).not.toMatch(/\b(src|href)=/i)
    // The only URL is the SVG namespace, which names and does not fetch.
    expect(html.match(/https?:\/\/[^"'\s<]+/g)?.filter((u) => u !== 'http://www.w3.org/2000/svg') ?? []).toEqual([])
    expect(html).toContain('<svg')
    expect(html).toMatch(/<td class="fail">FAIL<\/td>/)

    // A column named like markup is text on the page, not markup.
    const odd = join(dir, 'odd.csv')
    writeFileSync(odd, 'x,<b onclick="y">&z</b>\n1,2\n3,4\n5,7\n')
    const info = runCli(['info', odd, '--format', 'html'])
    expect(info.code, info.stderr).toBe(0)
    expect(info.stdout).toMatch(/^<!doctype html>/)
    expect(info.stdout).toContain('&lt;b onclick=&quot;y&quot;&gt;&amp;z&lt;/b&gt;')
    expect(info.stdout).not.toContain('<b onclick')
  })

  it('refuses a path it cannot write, or that is not .html, before any work', () => {
    const r = runCli(['compare', real, generated, '--html', join(dir, 'no-such-folder', 'x.html')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^Error: --html: the folder .*no-such-folder does not exist\n$/)
    const ext = runCli(['w1', real, generated, '--html', join(dir, 'x.htm')])
    expect(ext.code).toBe(2)
    expect(ext.stderr).toMatch(/--html writes an HTML page; give a name ending in \.html/)
  })

  it.runIf(CHROMIUM !== undefined || process.env.CI)(
    'renders in headless Chromium: the summary is in the DOM and the screenshot shows the tables, the failed gate and the bars',
    () => {
      expect(CHROMIUM, 'Chromium is missing: .ci/run installs Debian’s chromium').toBeDefined()
      const file = join(dir, 'browser.html')
      const r = runCli(['compare', real, generated, '--max-w1', '0.5', '--html', file, '--quiet'])
      expect(r.code).toBe(1)
      const dom = chromium(['--dump-dom', `file://${file}`])
      expect(dom.code).toBe(0)
      expect(dom.stdout).toMatch(/<p class="summary" id="summary">W1 0\.578957 \(exact\) · JSD [\d.]+ nats/)
      expect(dom.stdout).toMatch(/gates: 1 of 1 FAILED/)
      const shot = join(dir, 'browser.png')
      const s = chromium(['--window-size=1100,1400', `--screenshot=${shot}`, `file://${file}`])
      expect(s.code).toBe(0)
      const seen = pixels(shot, {red: [164, 22, 26], blue: [31, 119, 180], orange: [255, 127, 14]})
      expect([seen.width, seen.height]).toEqual([1100, 1400])
      // A blank or unstyled page has almost no ink; this one has tables, text and bars.
      expect(seen.ink).toBeGreaterThan(0.03)
      expect(seen.seen.red, 'the FAIL of the failed gate').toBeGreaterThan(20)
      expect(seen.seen.blue, "P's bars in the drift panels").toBeGreaterThan(200)
      expect(seen.seen.orange, "Q's bars in the drift panels").toBeGreaterThan(200)
    },
  )
})
