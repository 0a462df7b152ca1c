/** The progress bar of long per-column runs (src/cli/progress-bar.ts): its line, its estimate, when it draws. */
import {describe, expect, it} from 'vitest'
import {formatDuration, progressBar, progressLine} from '../../src/cli/progress-bar.js'

describe('progress bar', () => {
  it('shows units done of the total and the time left at the mean rate so far', () => {
    // 250 of 1000 columns in 30 s: 0.12 s a column, 750 left → 90 s.
    expect(progressLine('drift', 'columns', 250, 1000, 30)).toBe(
      'drift [######------------------]  250/1000 columns, 1m 30s left',
    )
    expect(progressLine('drift', 'columns', 0, 1000, 0)).toBe('drift [------------------------]    0/1000 columns')
  })

  it('formats durations in seconds, minutes and hours', () => {
    expect([formatDuration(4.4), formatDuration(187), formatDuration(3720), formatDuration(-1)]).toEqual([
      '4s',
      '3m 07s',
      '1h 02m',
      '0s',
    ])
  })

  it('redraws at most every interval and clears its line at the end', () => {
    let t = 0
    const out: string[] = []
    const bar = progressBar({write: (s: string) => out.push(s)}, 'drift', 'columns', {now: () => t, everyMs: 100})
    for (let done = 1; done <= 10; done++) {
      t += 30
      bar(done, 10)
    }
    // Drawn at t = 30, 150, 270 (every 100 ms at most, units 1, 5, 9), then cleared on the 10th.
    expect(out).toHaveLength(4)
    expect(out[0]).toBe(`\r${progressLine('drift', 'columns', 1, 10, 0.03)}\x1b[K`)
    expect(out[3]).toBe('\r\x1b[K')
  })
})
