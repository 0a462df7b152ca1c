import type {RawColumn} from './table.js'

/**
 * The columns a file's `pandas` metadata marks as the DataFrame's index. pandas (via pyarrow) writes the index of a
 * DataFrame into Parquet and Arrow as ordinary columns — `__index_level_0__`, or the index's name (e.g. `row_id`) —
 * and lists them under `index_columns` in the JSON stored with the key `pandas` in the file's key-value (schema)
 * metadata; a RangeIndex is stored as a `{"kind": "range", …}` description instead, with no column
 * (pandas docs, "Parquet" / pyarrow `pandas_compat`). Unreadable metadata means no index is known.
 */
export function pandasIndexColumns(metadataJson: string | undefined, columns: string[]): string[] {
  if (!metadataJson) return []
  try {
    const meta = JSON.parse(metadataJson) as {index_columns?: unknown}
    if (!Array.isArray(meta.index_columns)) return []
    return meta.index_columns.filter((c): c is string => typeof c === 'string' && columns.includes(c))
  } catch {
    return []
  }
}

/**
 * The unnamed first column of a CSV: what `df.to_csv()` writes for the index (its header cell is empty) when the
 * index has no name. Only the first column, and only when the other columns are named.
 */
export function csvIndexColumns(header: string[]): string[] {
  return header.length > 1 && header[0] === '' && header.slice(1).every((h) => h !== '') ? [''] : []
}

/** Fewest rows at which a column of ordered integers is taken as a sign of a row id (a 3-row file proves little). */
export const ROW_ID_MIN_ROWS = 10

/**
 * Whether a numeric column looks like a row id: integers that are exactly 0..n−1 (or 1..n), or strictly increasing.
 * A likely row id used as a coordinate turns row order into distance (iris halves: W1 8.07 instead of 0.496).
 */
export function rowIdPattern(c: RawColumn, rows: number): 'range' | 'increasing' | undefined {
  const v = c.values
  if (!v || rows < ROW_ID_MIN_ROWS) return undefined
  const start = v[0]
  let range = start === 0 || start === 1
  for (let r = 0; r < rows; r++) {
    if (!Number.isInteger(v[r])) return undefined
    if (r > 0 && !(v[r] > v[r - 1])) return undefined
    if (v[r] !== start + r) range = false
  }
  return range ? 'range' : 'increasing'
}
