/**
 * `drift --engine duckdb` reads dates and times as the in-memory engine does: one pandas frame per side
 * (fixtures/temporal/make.py: microsecond timestamps with NaT and times before 1970, nanosecond timestamps,
 * tz-aware ones, dates with gaps, a time-of-day column, the index df.to_csv() writes), by to_csv() and by
 * to_parquet(); the JSON of the two engines must be the same on each pair, with and without --drop-missing.
 */
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCliAsync} from '../helpers/cli.js'

const dir = join(ROOT, 'fixtures', 'temporal')

/** The document without what may differ between engines: the engine and the timing. */
const comparable = (doc: any) => {
  const {timing: _t, ...rest} = doc
  const {engine: _e, ...d} = rest.drift
  return {...rest, drift: d}
}

const drift = async (args: string[]) => {
  const r = await runCliAsync(['drift', ...args, '--json', '--quiet'], {timeoutMs: 120_000})
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

const column = (doc: any, name: string) => doc.drift.columns.find((c: any) => c.name === name)

describe('drift --engine duckdb on dates and timestamps', () => {
  for (const [p, q] of [
    ['p.csv', 'q.csv'],
    ['p.parquet', 'q.parquet'],
  ])
    for (const extra of [[], ['--drop-missing']])
      it.concurrent(`${p} vs ${q} ${extra.join(' ')}: the same JSON as --engine memory`, async () => {
        const args = [join(dir, p), join(dir, q), ...extra]
        const [memory, duck] = await Promise.all([
          drift([...args, '--engine', 'memory']),
          drift([...args, '--engine', 'duckdb']),
        ])
        expect(duck.drift.engine).toBe('duckdb')
        expect(comparable(duck)).toEqual(comparable(memory))
        // Not a vacuous comparison: the timestamp columns are there, numeric, in seconds, and moved by 3.5 days.
        for (const name of ['ts_us', 'ts_ns', 'ts_tz', 'day']) expect(column(duck, name)?.kind, name).toBe('numeric')
        expect(column(duck, 'ts_us').w1).toBeGreaterThan(2 * 86400)
        expect(column(duck, 'day').w1).toBeGreaterThan(2)
        // 7 NaT in P's ts_us: counted as missing, or their rows dropped (with the 5 missing dates) by --drop-missing.
        const ts = column(duck, 'ts_us')
        expect([ts.missing.p, ts.n.p]).toEqual(extra.length === 0 ? [7, 113] : [0, 108])
        if (p.endsWith('.csv')) {
          // The unnamed index is left out as the memory engine leaves it out, and a time-of-day column of mostly
          // distinct text is not taken as categories (DuckDB counts its distinct values).
          expect(duck.warnings.join('\n')).toMatch(/the unnamed first column/)
          expect(duck.warnings.join('\n')).not.toMatch(/column00/)
          expect(column(duck, 'clock')).toBeUndefined()
        } else expect(column(duck, 'clock')?.kind).toBe('numeric')
      })

  it.concurrent('nanoseconds written in a CSV are kept (the engines agree on ts_ns to the last digit)', async () => {
    const args = [join(dir, 'p.csv'), join(dir, 'q.csv'), '--columns', 'ts_ns']
    const [memory, duck] = await Promise.all([
      drift([...args, '--engine', 'memory']),
      drift([...args, '--engine', 'duckdb']),
    ])
    expect(column(duck, 'ts_ns').p).toEqual(column(memory, 'ts_ns').p)
    // The fixture's median has a sub-microsecond part (in microseconds, ~7.3e14, float64 keeps 1/8 µs), which a
    // reading to the microsecond would have cut.
    const micros = column(duck, 'ts_ns').p.q50 * 1e6
    expect(Math.abs(micros - Math.round(micros))).toBeGreaterThan(0.1)
  })
})
