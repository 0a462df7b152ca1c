/** Which engine `drift --engine auto` picks (src/io/load.ts chooseEngine), by path kind and the memory budget. */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {chooseEngine} from '../../src/io/load.js'

const dir = mkdtempSync(join(tmpdir(), 'divergence-engine-'))
const small = join(dir, 'small.parquet')
writeFileSync(small, Buffer.alloc(1000))
mkdirSync(join(dir, 'hive'))
const saved = process.env.DIVERGENCE_MAX_BYTES

afterEach(() => {
  if (saved === undefined) delete process.env.DIVERGENCE_MAX_BYTES
  else process.env.DIVERGENCE_MAX_BYTES = saved
})

describe('chooseEngine', () => {
  it('auto: DuckDB for a pattern or a directory, memory for a small file and for stdin', () => {
    expect(chooseEngine([join(dir, '*.parquet'), small])).toBe('duckdb')
    expect(chooseEngine([small, join(dir, 'hive')])).toBe('duckdb')
    expect(chooseEngine([small, small])).toBe('memory')
    expect(chooseEngine(['-', small])).toBe('memory')
  })

  it('auto: DuckDB exactly when the JS reader would refuse the file (size × 8 for Parquet over the budget)', () => {
    process.env.DIVERGENCE_MAX_BYTES = '8000'
    expect(chooseEngine([small, small])).toBe('memory')
    process.env.DIVERGENCE_MAX_BYTES = '7999'
    expect(chooseEngine([small, small])).toBe('duckdb')
  })

  it('an explicit engine is used as asked', () => {
    expect(chooseEngine([join(dir, '*.parquet')], 'memory')).toBe('memory')
    expect(chooseEngine([small], 'duckdb')).toBe('duckdb')
  })
})
