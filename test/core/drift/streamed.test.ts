/**
 * The entry points of an engine that sorts and counts outside JavaScript (src/io/duckdb/) give the same drift as
 * computeDrift on the raw columns: numericDriftSorted on each side's finite values sorted, categoricalDriftCounts
 * on each side's counts per category, computeDriftStreamed over them one at a time.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {
  type ColumnPair,
  computeDrift,
  computeDriftStreamed,
  decisionRule,
  type PreparedColumn,
} from '../../../src/core/drift/index.js'
import type {Categories} from '../../../src/core/drift/types.js'

const value = fc.oneof(
  {weight: 8, arbitrary: fc.double({min: -1e6, max: 1e6, noNaN: true})},
  {weight: 2, arbitrary: fc.integer({min: -3, max: 3})},
  {weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)},
)
const numbers = fc.array(value, {minLength: 0, maxLength: 60}).map((xs) => Float64Array.from(xs))
const texts = fc
  .array(fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'é'), {nil: null}), {maxLength: 60})
  .map((cells): Categories => {
    const levels = ['a', 'b', 'c', 'd', 'é']
    return {codes: Int32Array.from(cells, (c) => (c === null ? -1 : levels.indexOf(c))), levels}
  })

/** What src/io/duckdb/ hands over for a column: sorted finite values (a plain ascending sort), counts per text. */
function prepared(c: ColumnPair): PreparedColumn {
  if (c.kind === 'numeric') {
    const side = (v: Float64Array) => {
      const sorted = v.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
      return {sorted, missing: v.length - sorted.length}
    }
    return {name: c.name, kind: 'numeric', p: side(c.p), q: side(c.q)}
  }
  const side = (v: Categories) => {
    const counts = new Map<string, number>()
    let missing = 0
    for (const code of v.codes)
      if (code < 0) missing++
      else counts.set(v.levels[code], (counts.get(v.levels[code]) ?? 0) + 1)
    return {counts, missing}
  }
  return {name: c.name, kind: 'categorical', p: side(c.p), q: side(c.q)}
}

async function* oneAtATime(columns: PreparedColumn[]) {
  for (const c of columns) yield c
}

describe('computeDriftStreamed equals computeDrift', () => {
  it('on random numeric and categorical columns with missing cells, every number the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(numbers, numbers), {minLength: 1, maxLength: 4}),
        fc.array(fc.tuple(texts, texts), {maxLength: 3}),
        async (nums, cats) => {
          const columns: ColumnPair[] = [
            ...nums.map(([p, q], k) => ({name: `x${k}`, kind: 'numeric' as const, p, q})),
            ...cats.map(([p, q], k) => ({name: `c${k}`, kind: 'categorical' as const, p, q})),
          ]
          const opts = {bins: 5, rule: decisionRule(undefined, [])}
          const memory = computeDrift(columns, opts)
          const streamed = await computeDriftStreamed(oneAtATime(columns.map(prepared)), columns.length, opts)
          expect(JSON.stringify(streamed)).toBe(JSON.stringify(memory))
        },
      ),
      {numRuns: 200},
    )
  })

  it('a column whose values differ in Q shows a non-zero w1 both ways (the comparison is not vacuous)', async () => {
    const columns: ColumnPair[] = [
      {name: 'x', kind: 'numeric', p: Float64Array.of(1, 2, 3, Number.NaN), q: Float64Array.of(2, 3, 4)},
    ]
    const opts = {bins: 5, rule: decisionRule(undefined, [])}
    const streamed = await computeDriftStreamed(oneAtATime(columns.map(prepared)), 1, opts)
    const c = streamed.columns[0]
    expect(c.kind === 'numeric' && c.w1).toBe(1)
    expect(c.missing).toEqual({p: 1, q: 0})
  })
})
