import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {papersReading} from '../../src/report/reading.js'
import {runCli} from '../helpers/cli.js'

const g0 = 'fixtures/issue13/g8-0.csv',
  g1 = 'fixtures/issue13/g8-1.csv'

describe('jsd defaults and readings', () => {
  it('item 5: in 8-D `jsd` defaults to knn as compare does, near the true 0.111421 nats of N(0,I₈) vs N(e₀,I₈)', () => {
    // fixtures/issue13/make.py: 2000 points each; JSD(N(0,I₈), N(e₀,I₈)) = JSD(N(0,1), N(1,1)) = 0.111421 (test/core/jsd/sets.ts).
    const r = runCli(['jsd', g0, g1, '--json', '--quiet'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout).jsd
    expect(j.method).toBe('knn')
    expect(j.methodReason).toMatch(/d = 8 > 3/)
    expect(Math.abs(j.value - 0.111421)).toBeLessThan(0.03)
    const c = JSON.parse(runCli(['compare', g0, g1, '--only', 'jsd', '--json', '--quiet']).stdout).jsd
    expect(c.method).toBe(j.method)
    expect(c.value).toBe(j.value)
  })

  it('item 5: a KDE asked for in 8-D is flagged unreliable and no reassuring reading follows it', () => {
    const r = runCli(['jsd', g0, g1, '--method', 'kde', '--verbose'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/unreliable/)
    expect(r.stdout).not.toMatch(/barely tell/)
    expect(r.stdout).toMatch(/no reading is drawn from it/)
    const doc = JSON.parse(runCli(['jsd', g0, g1, '--method', 'kde', '--json', '--quiet']).stdout)
    expect(doc.jsd.unreliable).toMatch(/bandwidth/)
  })

  it('item 7: a JSD below ln 2 never reads as a common support when the supports do not align (tilted circle)', () => {
    const align = {
      verdict: 'misaligned',
      precision: 0.05,
      recall: 0.05,
      coverage: 0.05,
      density: 0.02,
      onManifold: {qOnP: 0.03, pOnQ: 0.04},
    }
    const lines = papersReading({jsd: {value: 0.3, method: 'kde', unit: 'nats'}, align})
    const text = lines.join(' ')
    expect(text).not.toMatch(/forces a common support/)
    expect(text).toMatch(/do not share a set of positive measure/)
    expect(text).toMatch(/says nothing about whether their supports/)
    // The mode-dropping sentence is its own finding and never sits beside "aligned" as a contradiction.
    const aligned = papersReading({
      align: {
        ...align,
        verdict: 'aligned',
        precision: 0.95,
        recall: 0.6,
        coverage: 0.6,
        onManifold: {qOnP: 1, pOnQ: 1},
      },
    }).join(' ')
    expect(aligned).toMatch(/positively align/)
    expect(aligned).toMatch(/Separately, Q covers only part of P/)
  })

  it('item 7: the tilted circle (0° vs 30°) — KDE JSD < ln 2 and misaligned supports — reads without contradiction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'divergence-tilt-'))
    for (const [seed, tilt, name] of [
      ['1', '0', 'c0.csv'],
      ['2', '30', 'c30.csv'],
    ]) {
      expect(
        runCli(['gen', 'circle', '-n', '400', '--seed', seed, '--tilt', tilt, '--out', join(dir, name), '--quiet'])
          .code,
      ).toBe(0)
    }
    const r = runCli([
      'compare',
      join(dir, 'c0.csv'),
      join(dir, 'c30.csv'),
      '--only',
      'jsd,align',
      '--quiet',
      '--verbose',
    ])
    expect(r.code, r.stderr).toBe(0)
    const reading = r.stdout.slice(r.stdout.indexOf('reading'))
    expect(reading).toMatch(/do not share a set of positive measure/)
    expect(reading).not.toMatch(/forces a common support|the sets overlap/)
    expect(reading).toMatch(/says nothing about whether their supports/)
  })
})
