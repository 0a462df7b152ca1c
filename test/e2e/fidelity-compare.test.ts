import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli.js'

// compare's fidelity part (src/core/compare.ts FIDELITY_MIN_D): FD and KID as `divergence fidelity` computes them.
// Fixtures: fixtures/fidelity/p.npy, q.npy (240 × 12 and 200 × 12), expected values from
// test/core/fidelity/reference/make_fixtures.py (numpy).
const F = 'fixtures/fidelity/'
const expected = JSON.parse(readFileSync(join(ROOT, F, 'expected.json'), 'utf8'))
const validate = new Ajv2020({allErrors: true, strict: false}).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema/divergence-v1.json'), 'utf8')),
)
const compare = (args: string[]) => {
  const r = runCli(['compare', `${F}p.npy`, `${F}q.npy`, '--column', 'arr_0', ...args, '--json', '--quiet'])
  return {...r, doc: r.stdout ? JSON.parse(r.stdout) : undefined}
}

describe('compare: the fidelity part (e2e)', () => {
  it('--only fidelity gives the FD of the numpy reference and the KID of `divergence fidelity`; the JSON validates', () => {
    const r = compare(['--only', 'fidelity', '--max-fd', '1e9', '--max-kid', '1e9'])
    expect(r.code, r.stderr).toBe(0)
    expect(validate(r.doc), JSON.stringify(validate.errors)).toBe(true)
    expect(r.doc.parts).toEqual(['fidelity'])
    const fd = r.doc.fidelity.fd.value
    expect(Math.abs(fd - expected.fd_p_q.value) / expected.fd_p_q.value).toBeLessThan(1e-8)
    const own = runCli(['fidelity', `${F}p.npy`, `${F}q.npy`, '--only', 'kid', '--json', '--quiet'])
    expect(own.code, own.stderr).toBe(0)
    expect(r.doc.fidelity.kid.mean).toBe(JSON.parse(own.stdout).fidelity.kid.mean)
    expect(r.doc.gates.map((g: {name: string; passed: boolean}) => [g.name, g.passed])).toEqual([
      ['fd', true],
      ['kid', true],
    ])
  })

  it('a failed --max-fd gate exits 1; at d = 12 the default parts leave fidelity out unless a gate asks for it', () => {
    const failed = compare(['--only', 'fidelity', '--max-fd', String(expected.fd_p_q.value / 2)])
    expect(failed.code).toBe(1)
    expect(failed.doc.gates[0]).toMatchObject({name: 'fd', passed: false})
    const plain = compare(['--only', 'w1,columns'])
    expect(plain.code, plain.stderr).toBe(0)
    expect(plain.doc.fidelity).toBeUndefined()
    const gated = runCli([
      'compare',
      `${F}p.npy`,
      `${F}q.npy`,
      '--column',
      'arr_0',
      '--max-kid',
      '1e9',
      '--json',
      '--quiet',
    ])
    expect(gated.code, gated.stderr).toBe(0)
    expect(JSON.parse(gated.stdout).parts).toContain('fidelity')
  })

  it('a fidelity part that cannot be computed leaves its gates "not evaluated" (exit 2) and the other parts reported', () => {
    // A work budget of 0.05 s refuses KID (100 subsets of 200 points) before it starts; the columns part needs none.
    const r = runCli(
      ['compare', `${F}p.npy`, `${F}q.npy`, '--column', 'arr_0', '--only', 'columns,fidelity', '--max-kid', '1'].concat(
        ['--json', '--quiet'],
      ),
      {env: {DIVERGENCE_MAX_SECONDS: '0.05'}},
    )
    expect(r.code).toBe(2)
    const doc = JSON.parse(r.stdout)
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
    expect(doc.columns.total).toBe(12)
    expect(doc.fidelity.error).toMatch(/^KID over 100 subsets/)
    expect(doc.gates[0]).toMatchObject({name: 'kid', evaluated: false})
  })
})
