import {describe, expect, it} from 'vitest'
import {machineKey} from '../../src/report/csv.js'
import type {Report} from '../../src/report/document.js'
import {formatNumber} from '../../src/report/format.js'
import {evaluateGates, exitCodeFor} from '../../src/report/gates.js'
import {render} from '../../src/report/render.js'

const report = (): Report => ({
  command: 'demo',
  json: {w1: {value: 0.5, method: 'exact'}},
  sections: [
    {
      title: 'W1',
      rows: [
        {name: 'value', value: 0.123456789, unit: 'input units'},
        {name: 'method', value: 'exact', note: 'a, "quoted" note'},
      ],
    },
  ],
  reading: ['a reading'],
  gates: evaluateGates([{name: 'w1', kind: 'max', part: 'w1', threshold: 0.4}], {w1: 0.5}),
})

describe('formatNumber', () => {
  it('keeps integers and gives six significant digits otherwise', () => {
    expect(formatNumber(3)).toBe('3')
    expect(formatNumber(Math.LN2)).toBe('0.693147')
    expect(formatNumber(1.5e-9)).toBe('1.5e-9')
    expect(formatNumber(0)).toBe('0')
  })
})

describe('render', () => {
  it('JSON starts with the schema and command, carries gates and passed, and ends with timing', () => {
    const r = report()
    r.timing = {total: 0.1}
    const doc = JSON.parse(render(r, 'json'))
    expect(Object.keys(doc)).toEqual(['schema', 'command', 'w1', 'gates', 'passed', 'timing'])
    expect(doc.schema).toBe('divergence/v1')
    expect(doc.gates).toEqual([{name: 'w1', threshold: 0.4, value: 0.5, passed: false}])
    expect(doc.passed).toBe(false)
  })

  it('JSON refuses NaN and Infinity instead of printing null', () => {
    const r = report()
    r.json = {w1: {value: Number.NaN}}
    expect(() => render(r, 'json')).toThrow(/non-finite number NaN at w1.value/)
  })

  it('the table has no ANSI codes when colour is off (NO_COLOR / not a TTY)', () => {
    process.env.NO_COLOR = '1'
    const text = render(report(), 'table')
    expect(text).not.toMatch(/\x1b\[/)
    expect(text).toContain('0.123457')
    expect(text).toContain('FAIL')
  })

  it('CSV has one quoted-as-needed row per number at full precision', () => {
    const lines = render(report(), 'csv').trim().split('\n')
    expect(lines[0]).toBe('section,name,value,unit')
    expect(lines[1]).toBe('W1,value,0.123456789,input units')
    expect(machineKey('V = E‖ε‖²')).toBe('V_E_epsilon_2')
    expect(machineKey('diameter of P ∪ Q')).toBe('diameter_of_P_union_Q')
    expect(lines).toContain('gates,w1.passed,false,')
  })

  it('markdown has a table per section and the gate verdict', () => {
    const md = render(report(), 'markdown')
    expect(md).toContain('<details><summary>W1</summary>')
    expect(md).toContain('| value | 0.123457 | input units |  |')
    expect(md).toContain('❌ FAIL')
  })
})

describe('gates', () => {
  it('max passes at equality, min fails below, and the exit code follows', () => {
    const gates = evaluateGates(
      [
        {name: 'a', kind: 'max', part: 'p', threshold: 1},
        {name: 'b', kind: 'min', part: 'p', threshold: 0.5},
      ],
      {a: 1, b: 0.4},
    )
    expect(gates.map((g) => g.passed)).toEqual([true, false])
    expect(exitCodeFor(gates)).toBe(1)
    expect(exitCodeFor([gates[0]])).toBe(0)
    expect(exitCodeFor(undefined)).toBe(0)
  })
})
