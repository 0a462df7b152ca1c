import type {DuckDBConnection} from '@duckdb/node-api'
import {SECONDS_PER_DAY} from '../number.js'
import {sqlIdentifier, sqlString} from './quote.js'
import type {Source} from './source.js'

/**
 * DuckDB's timestamp types: the epoch function that gives the stored count as an integer, and its count per second.
 * A naive TIMESTAMP counts from 1970-01-01 as UTC, as src/io/number.ts parseIsoTimestamp and Parquet read it.
 */
const TIMESTAMPS: Record<string, [string, number]> = {
  TIMESTAMP: ['epoch_us', 1e6],
  'TIMESTAMP WITH TIME ZONE': ['epoch_us', 1e6],
  TIMESTAMP_NS: ['epoch_ns', 1e9],
  TIMESTAMP_MS: ['epoch_ms', 1e3],
  TIMESTAMP_S: ['epoch_ms', 1e3],
}

/**
 * A date or time column as the number the JS readers give it, or undefined for any other type, so that both engines
 * compute drift on the same values:
 * - DATE: seconds since 1970-01-01 at its UTC midnight (src/io/number.ts DATE_UNIT), `(d − DATE '1970-01-01') · 86400`,
 *   an integer well inside float64's exact range;
 * - timestamps: seconds since 1970-01-01 (TIMESTAMP_UNIT), whole seconds plus the remainder over the count per
 *   second — the split src/io/parquet.ts `seconds` makes with bigints (both truncate toward zero), so the float64
 *   is the same correctly rounded value, not epoch()'s single division;
 * - TIME: seconds since midnight in a Parquet file (src/io/parquet.ts reads it so); the CSV reader has no time type
 *   and keeps such a column as text, so in a CSV it is read back as its text.
 */
export function temporalAsNumber(name: string, type: string, format: Source['format']): string | undefined {
  const c = sqlIdentifier(name)
  if (type === 'DATE') return `CAST((${c} - DATE '1970-01-01') * ${SECONDS_PER_DAY} AS DOUBLE)`
  const ts = TIMESTAMPS[type]
  if (ts) {
    const [epoch, perSecond] = ts
    const count = `${epoch}(${c})`
    return `(CAST(${count} // ${perSecond} AS DOUBLE) + CAST(${count} % ${perSecond} AS DOUBLE) / ${perSecond})`
  }
  if (type === 'TIME') return format === 'parquet' ? `(CAST(epoch_us(${c}) AS DOUBLE) / 1e6)` : `CAST(${c} AS VARCHAR)`
  return undefined
}

/** Whether every value of the timestamp columns `names` fits TIMESTAMP_NS (1677-09-21 to 2262-04-11). */
async function withinNanosecondRange(connection: DuckDBConnection, scan: string, names: string[]): Promise<boolean> {
  const inRange = names
    .map(
      (n) =>
        `coalesce(min(${sqlIdentifier(n)}) > TIMESTAMP '1678-01-01' AND max(${sqlIdentifier(n)}) < TIMESTAMP '2262-01-01', true)`,
    )
    .join(' AND ')
  try {
    return Boolean((await connection.runAndReadAll(`SELECT ${inRange} FROM ${scan}`)).getRows()[0][0])
  } catch {
    return false
  }
}

/**
 * The source with its date and time columns replaced by numbers (temporalAsNumber), under their own names and in
 * their places; the same source when it has none or cannot be described here. DuckDB then describes them as DOUBLE (or VARCHAR), and every later
 * query — selection, `--drop-missing`, the column reads — sees the values the in-memory engine computes on.
 */
export async function withTemporalAsNumbers(connection: DuckDBConnection, source: Source): Promise<Source> {
  let columns: [string, string][]
  try {
    const result = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source.scan}`)
    columns = result.getRows().map((r) => [String(r[0]), String(r[1])])
  } catch {
    // Left to ./schema.ts describe, which names the file at fault (a corrupt file, partitions that disagree).
    return source
  }
  // A CSV's timestamps as DuckDB sniffs them keep microseconds; the JS reader keeps every digit written (pandas
  // writes nanoseconds), so they are read again as TIMESTAMP_NS, which holds those digits exactly — when every value
  // lies in its range (years 1678–2261; a 9999-12-31 sentinel does not), checked by one pass over the columns.
  const naive = columns.filter(([, type]) => type === 'TIMESTAMP').map(([name]) => name)
  if (
    source.csvArguments !== undefined &&
    source.scan === `read_csv(${source.csvArguments})` &&
    naive.length > 0 &&
    (await withinNanosecondRange(connection, source.scan, naive))
  ) {
    const types = naive.map((name) => `${sqlString(name)}: 'TIMESTAMP_NS'`).join(', ')
    source = {...source, scan: `read_csv(${source.csvArguments}, types = {${types}})`}
    columns = columns.map(([name, type]) => [name, naive.includes(name) ? 'TIMESTAMP_NS' : type])
  }
  const replaced = columns.flatMap(([name, type]) => {
    const expression = temporalAsNumber(name, type, source.format)
    return expression ? [`${expression} AS ${sqlIdentifier(name)}`] : []
  })
  if (replaced.length === 0) return source
  return {...source, scan: `(SELECT * REPLACE (${replaced.join(', ')}) FROM ${source.scan})`}
}
