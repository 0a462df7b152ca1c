/** CSV layout: the field separator (--delimiter, or detected from the first line) and header-less files (--no-header). */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Readable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {parseDelimiter} from '../../src/cli/parse.js'
import {detectDelimiter} from '../../src/io/csv.js'
import {readSampleSet} from '../../src/io/read.js'
import {runCli} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-delim-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('delimiter', () => {
  it('is detected from the first non-blank line: comma first, then semicolon, then tab', () => {
    expect(detectDelimiter('a,b;c\n')).toBe(',')
    expect(detectDelimiter('\n\uFEFFa;b\n1;2')).toBe(';')
    expect(detectDelimiter('a\tb\n')).toBe('\t')
    expect(detectDelimiter('a\n1\n')).toBe(',')
  })

  it('reads ; and tab files named .csv without a flag, from a file and from stdin', async () => {
    const semi = 'a;b\n1.5;2\n3;4\n'
    for (const r of [
      await readSampleSet(file('semi.csv', semi), {seed: 1}),
      await readSampleSet('-', {seed: 1}, Readable.from([Buffer.from(semi)])),
    ]) {
      expect(r.set.columns).toEqual(['a', 'b'])
      expect(Array.from(r.set.data)).toEqual([1.5, 2, 3, 4])
    }
    const tab = await readSampleSet(file('tab.csv', 'a\tb\n1\t2\n'), {seed: 1})
    expect(Array.from(tab.set.data)).toEqual([1, 2])
  })

  it('--delimiter overrides the detection, and a wrong one is named in the error', async () => {
    const r = await readSampleSet(file('pipe.csv', 'a|b\n1|2\n3|4\n'), {seed: 1, delimiter: '|'})
    expect(r.set.columns).toEqual(['a', 'b'])
    await expect(readSampleSet(file('semi2.csv', 'a;b\n1;2,5\n'), {seed: 1, delimiter: ','})).rejects.toThrow(
      /data row 1 has 2 fields but the header has 1; .*read with ','; give another with ⟨delimiter⟩/,
    )
  })

  it('a --delimiter value is one character or tab', () => {
    expect(parseDelimiter('tab')).toBe('\t')
    expect(parseDelimiter('\\t')).toBe('\t')
    expect(parseDelimiter(';')).toBe(';')
    expect(() => parseDelimiter(';;')).toThrow(/one character/)
    expect(() => parseDelimiter('"')).toThrow(/one character/)
  })
})

describe('header', () => {
  it('a first line of numbers is read as names, with a warning that names the file and --no-header', async () => {
    const path = file('nohead.csv', '1,2\n3,4\n5,6\n')
    const r = await readSampleSet(path, {seed: 1})
    expect(r.set.columns).toEqual(['1', '2'])
    expect(r.warnings.join('\n')).toMatch(
      new RegExp(`first line of ${path.replace(/[.\\/]/g, '\\$&')} is all numbers .*⟨noHeader⟩`),
    )
  })

  it('--no-header reads every row as data, columns x0, x1, …', async () => {
    const r = await readSampleSet(file('nohead2.csv', '1,2\n3,4\n5,6\n'), {seed: 1, header: false})
    expect(r.set.columns).toEqual(['x0', 'x1'])
    expect(r.rows).toBe(3)
    expect(Array.from(r.set.data)).toEqual([1, 2, 3, 4, 5, 6])
    expect(r.warnings).toEqual([])
  })

  it('end to end: --no-header and --delimiter on the command line', () => {
    const a = file('p.csv', '0;0\n1;1\n2;2\n'),
      b = file('q.csv', '0;1\n1;2\n2;3\n')
    const r = runCli(['w1', a, b, '--no-header', '--json', '--quiet'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).p.columns).toEqual(['x0', 'x1'])
    const bad = runCli(['info', a, '--delimiter', 'ab'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--delimiter must be one character/)
  })
})
