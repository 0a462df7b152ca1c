import {describe, expect, it} from 'vitest'
import {compareSets, PARTS} from '../../src/core/compare.js'
import {InputError, nameOptions, OPTION_KEYS, OptionError, opt} from '../../src/core/errors.js'
import {computeJsd} from '../../src/core/jsd/index.js'
import {computeW1, type W1Options} from '../../src/core/ot/w1.js'
import type {SampleSet} from '../../src/core/sampleset.js'
import {flatSet} from '../helpers/sets.js'

const w1: W1Options = {method: 'auto', gap: 0.01, maxIter: 100, projections: 10, seed: 1}
const set = (data: number[], d: number): SampleSet => flatSet(data, d)
const plane = set([0, 0, 1, 0, 0, 1, 1, 1, 2, 1, 1, 2], 2)

/** The thrown error of a promise (a test fails if it resolves). */
async function thrown(p: Promise<unknown>): Promise<InputError> {
  try {
    await p
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('expected a rejection')
}

describe('core speaks in option keys, not flag names', () => {
  it('a bad option value is an OptionError with the key, the value and a flag-free message', async () => {
    const e = await thrown(computeW1(plane, plane, {...w1, method: 'sinkhorn', epsilon: 0}))
    expect(e).toBeInstanceOf(OptionError)
    expect(e).toMatchObject({key: 'epsilon', value: 0})
    expect(e.message).toBe("⟨epsilon⟩ must be > 0 (relative to the data's diameter), got 0")
    expect(e.message).not.toMatch(/--/)
  })

  it('W1 and the JSD name their own `method` key, which a command can map to different flags', async () => {
    const e = await thrown(computeW1(plane, plane, {...w1, method: 'exact-1d'}))
    expect(e).toMatchObject({key: 'w1.method', value: 'exact-1d'})
    expect(e.render((k) => (k === 'w1.method' ? '--w1-method' : `--${k}`))).toBe(
      '--w1-method exact-1d needs one column; these sets have 2 (use exact or sinkhorn)',
    )
    const j = await thrown(computeJsd(plane, plane, {method: 'noisy', sigma: -1, seed: 1}))
    expect(j).toMatchObject({key: 'sigma', value: -1})
  })

  it('a data error is an InputError, not an OptionError, and may still point to an option', async () => {
    const one = set([0, 0], 2)
    const e = await thrown(computeJsd(one, plane, {method: 'kde', seed: 1}))
    expect(e).not.toBeInstanceOf(OptionError)
    expect(e.message).toMatch(/use ⟨jsd\.method⟩ noisy$/)
    expect(e.message).not.toMatch(/--/)
  })

  it('compareSets rethrows a bad option (bad usage of the whole run) but records a data error as a part error', async () => {
    const base = {parts: new Set(PARTS), baseline: false, seed: 1, jsd: {}, bound: {}, align: {}}
    const bad = await thrown(compareSets(plane, plane, {...base, w1: {...w1, gap: 0}}))
    expect(bad).toMatchObject({key: 'gap', value: 0})
    // One point in P: the KDE (leave-one-out) cannot run, the other parts can.
    const one = set([5, 5], 2)
    const r = await compareSets(one, plane, {
      ...base,
      parts: new Set(['w1', 'jsd'] as const),
      jsd: {method: 'kde'},
      w1,
    })
    expect(r.w1).toBeDefined()
    expect(r.errors.jsd).toMatch(/use ⟨jsd\.method⟩ noisy$/)
  })

  it('nameOptions replaces the known keys only', () => {
    expect(nameOptions(`give ${opt('sigmaMin')} or ⟨notAnOption⟩`, (k) => `--${k}`)).toBe(
      'give --sigmaMin or ⟨notAnOption⟩',
    )
    expect(new Set(OPTION_KEYS).size).toBe(OPTION_KEYS.length)
  })
})
