import {spawnSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli, runCliAsync} from '../helpers/cli.js'

const COMMANDS = ['compare', 'w1', 'jsd', 'bound', 'align', 'info', 'gen', 'fidelity']

describe('oclif conventions', () => {
  it('`help compare` and `compare -h` print the same help', () => {
    const a = runCli(['help', 'compare'])
    const b = runCli(['compare', '-h'])
    expect(a.code).toBe(0)
    expect(b.code).toBe(0)
    expect(a.stdout).toMatch(/^USAGE/m)
    expect(b.stdout).toBe(a.stdout)
  })

  it('under COLUMNS=80 every help line fits 80 columns, the summary and root description too (oclif leaves those unwrapped); only example commands may run longer', async () => {
    // The ten help texts are independent processes: run at once, not one after another (ten start-ups in series
    // passed the 60 s timeout on a loaded machine).
    const all = [['help'], ...[...COMMANDS, 'drift'].map((c) => [c, '-h'])]
    const results = await Promise.all(all.map((args) => runCliAsync(args, {env: {COLUMNS: '80'}})))
    for (const [i, r] of results.entries()) {
      const args = all[i]
      expect(r.code, args.join(' ')).toBe(0)
      const long = r.stdout.split('\n').filter((l) => !/^ *\$ /.test(l) && [...l.replace(/\p{M}/gu, '')].length > 80)
      expect(long, args.join(' ')).toEqual([])
    }
  })

  it('the command list wraps each summary once, to its column: no line of a summary ends short while the next goes on', () => {
    for (const columns of ['80', '100']) {
      const r = runCli(['help'], {env: {COLUMNS: columns}})
      expect(r.code).toBe(0)
      const list = r.stdout.slice(r.stdout.indexOf('COMMANDS'))
      // Wrapped twice, the align summary broke after 'support' with room to spare on that line.
      expect(list, columns).toMatch(/support coverage and a verdict/)
      expect(list, columns).toMatch(/help +Display help for divergence/)
    }
  })

  it('a mistyped command is named as not a command, with where to look, and exits 2 as bad usage (the plugin exits 127)', () => {
    const r = runCli(['compar'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/compar is not a divergence command/)
    expect(r.stderr).toMatch(/divergence help/)
  })

  it('missing arguments give one clean usage line', () => {
    const r = runCli(['compare'])
    expect(r.code).toBe(2)
    // Q is optional since --by (one file split in two), so oclif reports only P: the line names Q too, since Q cannot
    // come without P; a lone P gets its own line.
    expect(r.stderr).toBe(
      'Error: missing P and Q; usage: divergence compare P Q [flags] (divergence compare --help for more)\n',
    )
    const lone = runCli(['compare', 'fixtures/examples/real.csv'])
    expect(lone.code).toBe(2)
    expect(lone.stderr).toBe('Error: Q is missing: give two files, P and Q, or one file with --by COLUMN\n')
    expect(runCli(['info']).stderr).toBe(
      'Error: missing FILE; usage: divergence info FILE [flags] (divergence info --help for more)\n',
    )
  })

  for (const command of COMMANDS) {
    it(`${command} --help: defaults read [default: …] and every example starts with $`, () => {
      const r = runCli([command, '--help'], {env: {COLUMNS: '200'}})
      expect(r.code).toBe(0)
      const flags = r.stdout.slice(0, r.stdout.indexOf('DESCRIPTION'))
      expect(flags).not.toMatch(/\(default[ :]/i)
      expect(flags).not.toMatch(/\[default [^:]/)
      const examples = r.stdout.slice(r.stdout.indexOf('EXAMPLES'))
      const lines = examples
        .split('\n')
        .slice(1)
        .filter((l) => /^ {2}\S/.test(l))
      expect(lines.length).toBeGreaterThan(0)
      for (const l of lines) expect(l).toMatch(/^ {2}\$ /)
    })
  }
})

describe('help that teaches', () => {
  it('the root help says where to start, with a command to run', () => {
    const r = runCli(['help'])
    expect(r.stdout).toMatch(
      /START HERE\n {2}divergence compare P Q computes every part at once[\s\S]*\$ divergence compare fixtures\/examples\/real\.csv fixtures\/examples\/generated\.csv/,
    )
  })

  it('compare -h fits two screens (it was 208 lines): the parts’ tuning flags are left to their own help, and still work', () => {
    const r = runCli(['compare', '-h'], {env: {COLUMNS: '80'}})
    expect(r.stdout.split('\n').length).toBeLessThanOrEqual(130)
    expect(r.stdout).not.toMatch(/^ +(--k-precision|--delimiter|--gap)=/m)
    expect(r.stdout).toMatch(/divergence w1 -h, jsd\s+-h, bound\s+-h, align\s+-h, test\s+-h/)
    // A hidden flag is still parsed: an out-of-range --gap is refused by name, as in w1.
    const gap = runCli(['compare', 'fixtures/examples/real.csv', 'fixtures/examples/generated.csv', '--gap', '2'])
    expect(gap.code).toBe(2)
    expect(gap.stderr).toMatch(/--gap must be between 0 and 1/)
    expect(runCli(['w1', '-h']).stdout).toMatch(/--gap/)
  })

  it('docs/flags.md lists every flag of the built commands (node scripts/flags-doc.mjs rewrites it)', () => {
    const r = spawnSync(process.execPath, ['scripts/flags-doc.mjs', '--check'], {cwd: ROOT, encoding: 'utf8'})
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})
