/** DIVERGENCE_MAX_SECONDS end to end: a run estimated past it is refused in one line naming --sample; a bad value is an input error. */
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

const pair = ['fixtures/examples/real.csv', 'fixtures/examples/generated.csv']

describe('the time budget', () => {
  it('refuses Sinkhorn estimated past DIVERGENCE_MAX_SECONDS, before computing', () => {
    const r = runCli(['w1', ...pair, '--method', 'sinkhorn'], {env: {DIVERGENCE_MAX_SECONDS: '0.001'}})
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim()).toMatch(
      /^Error: Sinkhorn W1 on 500 × 500 points in 2 dimensions would take about .*--sample N/,
    )
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('--sample brings the same run under a budget (the fix the message names)', () => {
    const budget = {DIVERGENCE_MAX_SECONDS: '0.005'} // KDE on 500 + 500 points in 2-D: about 0.01 s; with --sample 100, 0.0004 s
    expect(runCli(['jsd', ...pair, '--method', 'kde'], {env: budget}).code).toBe(2)
    const r = runCli(['jsd', ...pair, '--method', 'kde', '--sample', '100'], {env: budget})
    expect(r.code, r.stderr).toBe(0)
  })

  it('a DIVERGENCE_MAX_SECONDS that is not a positive number is an input error', () => {
    const r = runCli(['w1', ...pair], {env: {DIVERGENCE_MAX_SECONDS: 'soon'}})
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe('Error: DIVERGENCE_MAX_SECONDS must be a positive number of seconds, got "soon"')
  })
})
