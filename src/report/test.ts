import type {TestResult, TwoSampleResult} from '../core/twosample/index.js'
import {type ComparedPair, pairJson, type Report, type Row, type Section} from './document.js'
import {formatNumber} from './format.js'
import {evaluateGates, type GateSpec} from './gates.js'

const TEST_TITLE: Record<TestResult['name'], string> = {
  energy: 'energy distance E',
  mmd: 'MMD² (unbiased, Gaussian)',
  w1: 'W1',
}

/** "p = 0.001 (the floor: 999 relabellings)" — a p at its floor is said to be one. */
export function pValueText(t: {pValue: number; pValueFloor: number; permutations: number}): string {
  const atFloor = t.pValue <= t.pValueFloor * (1 + 1e-12)
  return `p = ${formatNumber(t.pValue)}${atFloor ? ` (≤, the floor of ${t.permutations} relabellings)` : ''}`
}

/** The tests' table: one row per test, the statistic as value, the p-value and the null in the note. */
export function testSection(r: TwoSampleResult): Section {
  const rows: Row[] = r.tests.map((t) => ({
    key: t.name,
    name: TEST_TITLE[t.name],
    value: t.statistic,
    note: [
      pValueText(t),
      `null median ${formatNumber(t.nullMedian)}, 95 %: ${formatNumber(t.nullQ95)}`,
      `${t.permutations} relabellings, seed ${t.seed}`,
      ...(t.bandwidth !== undefined ? [`σ = ${formatNumber(t.bandwidth)} (${t.bandwidthFrom})`] : []),
      ...(t.nullPrecision === 'float32' ? ['null re-summed from float32 distances (each within 2⁻²⁴ relative)'] : []),
      ...(t.estimator === 'blocked'
        ? [
            `blocked estimate over ${t.blocks} blocks (pairs within a block, scaled up)${t.standardError !== undefined ? `, standard error ${formatNumber(t.standardError)}` : ''}`,
          ]
        : []),
      ...(t.note ? [t.note] : []),
    ].join('; '),
  }))
  return {key: 'test', title: 'two-sample permutation tests (H₀: P = Q)', rows}
}

/** The `test` JSON object: the tests as computed (schema/divergence-v1.json `test`). */
export function testJson(r: TwoSampleResult): Record<string, unknown> {
  return {tests: r.tests}
}

/** The smallest p-value over the tests: what `--min-p-value` compares (any test that rejects fails the gate). */
export function smallestPValue(r: TwoSampleResult): number {
  return Math.min(...r.tests.map((t) => t.pValue))
}

/** What the tests say, for the reading. */
export function testReading(r: TwoSampleResult): string[] {
  return r.tests.map((t) => {
    const verdict =
      t.pValue <= 0.01
        ? 'P and Q differ beyond sampling noise'
        : t.pValue <= 0.05
          ? 'weak evidence that P and Q differ'
          : 'no evidence that P and Q differ at these sizes'
    const blocked =
      t.estimator === 'blocked' && t.standardError !== undefined
        ? ` (blocked over ${t.blocks} blocks, standard error ${formatNumber(t.standardError)})`
        : ''
    return `${TEST_TITLE[t.name]} ${formatNumber(t.statistic)}${blocked} vs ${formatNumber(t.nullMedian)} under no difference (95 %: ${formatNumber(t.nullQ95)}), ${pValueText(t)}: ${verdict}.`
  })
}

/** The `test` report, with its --min-p-value gate. */
export function testReport(
  pair: ComparedPair,
  r: TwoSampleResult,
  gates: GateSpec[],
  timing: Record<string, number>,
): Report {
  const evaluated = evaluateGates(gates, {pValue: smallestPValue(r)})
  const summary = r.tests
    .map(
      (t) =>
        `${t.name} ${formatNumber(t.statistic)}${t.estimator === 'blocked' ? ` (blocked, ${t.blocks} blocks)` : ''}, ${pValueText(t)}`,
    )
    .concat(
      evaluated.length > 0
        ? [evaluated.every((g) => g.passed) ? 'gate passed' : 'gate FAILED: P and Q differ beyond sampling noise']
        : [],
    )
    .join(' · ')
  return {
    command: 'test',
    summary,
    json: pairJson(pair, {test: testJson(r)}),
    sections: [testSection(r)],
    gates: evaluated,
    reading: testReading(r),
    warnings: [...pair.warnings, ...r.warnings],
    timing,
  }
}
