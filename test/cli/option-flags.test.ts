import {describe, expect, it} from 'vitest'
import {flagNamer, OPTION_FLAGS} from '../../src/cli/option-flags.js'
import Align from '../../src/commands/align.js'
import Bound from '../../src/commands/bound.js'
import Compare from '../../src/commands/compare.js'
import Drift from '../../src/commands/drift.js'
import Fidelity from '../../src/commands/fidelity.js'
import Gen from '../../src/commands/gen.js'
import Info from '../../src/commands/info.js'
import Jsd from '../../src/commands/jsd.js'
import W1 from '../../src/commands/w1.js'
import {OPTION_KEYS} from '../../src/core/errors.js'

const COMMANDS = {
  align: Align,
  bound: Bound,
  compare: Compare,
  drift: Drift,
  fidelity: Fidelity,
  gen: Gen,
  info: Info,
  jsd: Jsd,
  w1: W1,
}

/** The flags a command accepts, with the `--no-` form of the negatable ones. */
function flagsOf(command: (typeof COMMANDS)[keyof typeof COMMANDS]): Set<string> {
  const names = new Set<string>()
  for (const [name, flag] of Object.entries(command.flags as Record<string, {allowNo?: boolean}>)) {
    names.add(name)
    if (flag.allowNo) names.add(`no-${name}`)
  }
  return names
}

describe('option keys → flags', () => {
  it('every option key has a flag, and that flag exists in some command', () => {
    const all = new Set(Object.values(COMMANDS).flatMap((c) => [...flagsOf(c)]))
    for (const key of OPTION_KEYS) expect(all.has(OPTION_FLAGS[key]), `${key} → --${OPTION_FLAGS[key]}`).toBe(true)
  })

  it("a command's overrides name flags it has", () => {
    const own = flagsOf(Compare)
    const name = flagNamer(Compare.optionFlags)
    expect(name('w1.method')).toBe('--w1-method')
    expect(name('jsd.method')).toBe('--jsd-method')
    expect(name('maxIter')).toBe('--max-iter')
    for (const flag of Object.values(Compare.optionFlags)) expect(own.has(flag)).toBe(true)
    expect(own.has('method')).toBe(false)
  })

  it('defaults: kebab-case flags, --no-header, --only for the parts', () => {
    const name = flagNamer()
    expect([name('w1.method'), name('kPrecisionRecall'), name('noHeader'), name('parts'), name('n')]).toEqual([
      '--method',
      '--k-precision',
      '--no-header',
      '--only',
      '--samples',
    ])
  })
})
