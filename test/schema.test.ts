/** Every command's real --json output validates against schema/divergence-v1.json, and the schema can fail. */
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from './helpers/cli.js'

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/divergence-v1.json'), 'utf8'))
const validate = new Ajv2020({allErrors: true, strict: false}).compile(schema)
const real = 'fixtures/examples/real.csv',
  generated = 'fixtures/examples/generated.csv'
const dir = mkdtempSync(join(tmpdir(), 'divergence-schema-'))

const runs: Record<string, string[]> = {
  info: ['info', 'fixtures/interop/samples.arrow'],
  gen: ['gen', 'circle', '-n', '20', '--out', join(dir, 'c.parquet')],
  w1: ['w1', real, generated],
  'w1 sinkhorn': ['w1', real, generated, '--method', 'sinkhorn', '--gap', '0.05'],
  'w1 sliced': ['w1', real, generated, '--method', 'sliced', '--projections', '10'],
  jsd: ['jsd', real, generated, '--method', 'knn'],
  bound: ['bound', real, generated, '--sweep', '--sweep-points', '3', '--draws', '200'],
  align: ['align', real, generated],
  drift: ['drift', 'fixtures/drift/p.csv', 'fixtures/drift/q.parquet', '--max-drift-share', '0.5'],
  'drift const': ['drift', 'fixtures/drift/const-p.csv', 'fixtures/drift/const-q.csv'],
  test: ['test', real, generated, '--permutations', '99', '--tests', 'energy,mmd,w1', '--w1-permutations', '9'],
  'compare test': ['compare', real, generated, '--only', 'w1,test', '--max-w1-ratio', '3', '--w1-permutations', '9'],
  'compare intervals': [
    'compare',
    'fixtures/examples/lines-theta0.csv',
    'fixtures/examples/lines-theta1.csv',
    '--only',
    'w1,jsd',
    '--w1-bootstrap',
    '9',
    '--max-w1-upper',
    '2',
    '--max-jsd-upper',
    '0.7',
    '--bootstrap',
    '9',
  ],
  'compare columns': ['compare', 'fixtures/drift/both.csv', '--by', 'split', '--only', 'columns'],
  compare: [
    'compare',
    'fixtures/examples/lines-theta0.csv',
    'fixtures/examples/lines-theta1.csv',
    '--max-w1',
    '2',
    '--min-recall',
    '0.5',
  ],
}

describe('divergence/v1 JSON schema', () => {
  for (const [name, args] of Object.entries(runs)) {
    it(`${name} --json validates`, () => {
      const r = runCli([...args, '--json', '--quiet'])
      expect(r.code === 0 || r.code === 1, r.stderr).toBe(true)
      const doc = JSON.parse(r.stdout)
      const ok = validate(doc)
      expect(ok, JSON.stringify(validate.errors)).toBe(true)
    })
  }

  it('compare with a part that could not be computed validates: the part is {error}, its gate not evaluated', () => {
    const r = runCli([
      'compare',
      'fixtures/issue13/ids-p.csv',
      'fixtures/issue13/ids-q.csv',
      '--min-coverage',
      '0.5',
      '--json',
      '--quiet',
    ])
    expect(r.code, r.stderr).toBe(2)
    const doc = JSON.parse(r.stdout)
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({...doc, align: {error: 'x', verdict: 'aligned'}})).toBe(false)
  })

  it('rejects documents that break the contract', () => {
    expect(validate({schema: 'divergence/v2', command: 'w1'})).toBe(false)
    expect(
      validate({
        schema: 'divergence/v1',
        command: 'w1',
        p: {path: 'a', n: 2, d: 1, columns: ['x']},
        q: {path: 'b', n: 2, d: 1, columns: ['x']},
        timing: {},
      }),
    ).toBe(false)
    expect(
      validate({
        schema: 'divergence/v1',
        command: 'jsd',
        p: {path: 'a', n: 2, d: 1, columns: ['x']},
        q: {path: 'b', n: 2, d: 1, columns: ['x']},
        timing: {},
        jsd: {value: null, unit: 'nats', method: 'kde', raw: 0},
      }),
    ).toBe(false)
    expect(
      validate({
        schema: 'divergence/v1',
        command: 'compare',
        gates: [{name: 'w1', threshold: 1, value: 2, passed: false}],
      }),
    ).toBe(false)
  })
})
