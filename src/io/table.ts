/**
 * What every format reader produces before column selection: named columns, numeric ones as Float64Array
 * (NaN marks a missing or invalid cell; `raw` recovers the original text for the error message).
 */
export interface RawColumn {
  name: string
  /** The type as the file declares it (e.g. `float64`, `int32`, `string`, `list<float32>`). */
  type: string
  /** A scalar numeric column: one value per row, NaN where missing/invalid. */
  values?: Float64Array
  /** A list / fixed-size-list numeric column: row r is values[offsets[r] .. offsets[r+1]); null rows have offsets equal and `nullRow` set. */
  list?: {values: Float64Array; offsets: Int32Array; nullRows?: Uint8Array}
  /** The raw text or value of row r, for error messages (numeric columns only). */
  raw?: (row: number) => string
  /**
   * A text, boolean or dictionary column as codes into its levels (code −1: missing). Read only when asked
   * (ReadOptions.keepText: `drift`; the label column of `--by`); other reads leave such columns as name and type only.
   */
  categories?: {codes: Int32Array; levels: string[]}
  /**
   * The logical type when it is not plain numbers or text: `boolean` (CSV True/False, Parquet/Arrow BOOLEAN; levels
   * `false`/`true`), `date` or `timestamp` (values in seconds since 1970-01-01, UTC; a date at its midnight).
   */
  logical?: 'boolean' | 'date' | 'timestamp'
  /** Why a text column that also holds numbers is text (CSV), for the warning that leaves it out. */
  note?: string
  /** Why a column is read as neither numbers nor text (an unsupported type: JSON, UUID, a nested group …). */
  unread?: string
  /** Text cells of a mostly numeric-looking column that look like missing-value markers (`-`, `?`, `.`). */
  markers?: string[]
  /**
   * A numeric CSV column's cells that are text (not a number, a missing marker or an infinity), NaN in `values`: how
   * many, and the least in code-unit order, for drift's warning that counts them as missing.
   */
  textCells?: {count: number; least: string}
}

export interface RawTable {
  rows: number
  columns: RawColumn[]
  /** Columns the file marks as a pandas index (Parquet/Arrow `pandas` metadata, or the unnamed first CSV column). */
  index?: string[]
  /**
   * The file's 0-based data row of each row, when the table is a subset of the file's rows (a `--by` group,
   * src/io/split.ts), so messages name the row a user finds in the file; absent: row r is data row r + 1.
   */
  dataRows?: Int32Array
  /** What the reader noticed but could not refuse (e.g. an Arrow stream without its end marker). */
  warnings?: string[]
}
