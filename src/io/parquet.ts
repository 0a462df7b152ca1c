// hyparquet 1.31.5, vendored with three bounds on corrupt run lengths (vendor/hyparquet/VENDORED.md): a damaged page
// must be an error, never a process abort or an endless loop, however divergence is installed.

import {compressors} from 'hyparquet-compressors'
import {parquetMetadata, parquetRead, parquetSchema} from '../../vendor/hyparquet/src/index.js'
import {InputError} from '../core/errors.js'
import {checkDecodedSize} from './budget.js'
import {DATE_UNIT, MAX_EXACT_INTEGER, SECONDS_PER_DAY, TIMESTAMP_UNIT} from './number.js'
import {pandasIndexColumns} from './pandas-index.js'
import {firstLine, shown} from './show.js'
import type {RawColumn, RawTable} from './table.js'

const BIG_EXACT = BigInt(MAX_EXACT_INTEGER)

/**
 * Reads a Parquet file with hyparquet + hyparquet-compressors: every codec pyarrow writes (snappy, zstd, gzip,
 * lz4, brotli), dictionary pages, data page v2, BYTE_STREAM_SPLIT, several row groups, nulls, lists.
 * parquetjs-lite, named first for this project, cannot read any pyarrow-default file (docs/formats.md).
 */
export async function parseParquet(
  bytes: Uint8Array,
  file: string,
  keepText: (name: string) => boolean = () => false,
): Promise<RawTable> {
  // readFile gives a Buffer that owns its ArrayBuffer exactly; copy only when it is a view into a larger one.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  const buffer = (
    whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  ) as ArrayBuffer
  let metadata
  try {
    metadata = parquetMetadata(buffer)
  } catch (error) {
    throw new InputError(
      `${file} is not a readable Parquet file (${firstLine(error)}); it may be truncated or not Parquet at all`,
    )
  }
  const rows = Number(metadata.num_rows)
  const schema = parquetSchema(metadata)
  const stray = strayColumnChunk(metadata.row_groups, schema)
  if (stray)
    throw new InputError(
      `${file} is not a readable Parquet file (${stray}); it may be corrupt or truncated: re-export it`,
    )
  const leaves = schema.children
    .map((child) => describe(child))
    .map((l) => (l.kind === 'text' && !keepText(l.name) ? {...l, kind: 'other' as const} : l))
  // List columns are counted as one value per row: their width is unknown before decoding.
  checkDecodedSize(file, rows, leaves.filter((l) => l.kind !== 'other').length)
  // Columnar reading straight into per-column arrays (row objects cost 2–4×: docs/design.md "Readers").
  const scalars = new Map<string, Float64Array>()
  const lists = new Map<string, unknown[]>()
  const texts = new Map<string, unknown[]>()
  for (const leaf of leaves) {
    if (leaf.kind === 'scalar') scalars.set(leaf.name, new Float64Array(rows))
    else if (leaf.kind === 'list') lists.set(leaf.name, new Array(rows))
    else if (leaf.kind === 'text') texts.set(leaf.name, new Array(rows))
  }
  const byName = new Map(leaves.map((l) => [l.name, l]))
  // The first value of each column that a float64 cannot hold exactly (an int64 or a decimal beyond 2⁵³).
  const rounded = new Map<string, string>()
  const store = ({
    columnName,
    columnData,
    rowStart,
    rowEnd,
  }: {
    columnName: string
    columnData: ArrayLike<unknown>
    rowStart: number
    rowEnd: number
  }) => {
    const end = Math.min(rowEnd, rows)
    const target = scalars.get(columnName)
    const leaf = byName.get(columnName)
    // Typed arrays hold no nulls and widen exactly with set(); anything else (nulls, bigints) goes value by value.
    if (target && isPlainTyped(columnData) && leaf?.scale === undefined && leaf?.perSecond === undefined)
      target.set(columnData.subarray(0, end - rowStart), rowStart)
    else if (target) {
      for (let r = rowStart; r < end; r++) {
        const v = columnData[r - rowStart]
        let x = toNumber(v)
        if (typeof v === 'bigint' && (v > BIG_EXACT || v < -BIG_EXACT) && BigInt(x) !== v && !rounded.has(columnName))
          rounded.set(columnName, String(v))
        if (leaf?.scale !== undefined && leaf.scale > 0) {
          // hyparquet gives unscaled × 10^−scale, which can miss the nearest float64 of the decimal by an ulp:
          // recover the unscaled integer and divide once (correctly rounded) while it is exact.
          const unscaled = Math.round(x * 10 ** leaf.scale)
          if (Math.abs(unscaled) <= MAX_EXACT_INTEGER) x = unscaled / 10 ** leaf.scale
          else if (!rounded.has(columnName)) rounded.set(columnName, String(x))
        } else if (leaf?.scale === 0 && Math.abs(x) > MAX_EXACT_INTEGER && !rounded.has(columnName))
          rounded.set(columnName, String(x))
        if (leaf?.perSecond !== undefined) x /= leaf.perSecond
        target[r] = x
      }
    } else {
      const cells = lists.get(columnName) ?? texts.get(columnName)
      if (cells) for (let r = rowStart; r < end; r++) cells[r] = columnData[r - rowStart]
    }
  }
  let chunkError: unknown
  if (scalars.size + lists.size + texts.size > 0) {
    try {
      await parquetRead({
        file: buffer,
        metadata,
        compressors,
        parsers: numericParsers,
        columns: [...scalars.keys(), ...lists.keys(), ...texts.keys()],
        // hyparquet calls onChunk from a promise it does not watch: an exception here would be an unhandled
        // rejection (the CLI would die after its message), so it is kept and rethrown after the read.
        onChunk: (chunk) => {
          try {
            store(chunk)
          } catch (error) {
            chunkError ??= error
          }
        },
      })
      if (chunkError) throw chunkError
    } catch (error) {
      throw new InputError(
        `${file}: Parquet data could not be decoded (${firstLine(error)}); the file may be truncated or corrupt`,
      )
    }
  }
  const columns: RawColumn[] = leaves.map((leaf) => {
    const values = scalars.get(leaf.name)
    const logical = leaf.logical ? {logical: leaf.logical} : {}
    if (values)
      return {
        name: leaf.name,
        type: leaf.type,
        ...logical,
        values,
        raw: (row) => (Number.isNaN(values[row]) ? 'null' : String(values[row])),
      }
    const text = texts.get(leaf.name)
    if (text) return {name: leaf.name, type: leaf.type, ...logical, categories: categoriesOf(text)}
    const cells = lists.get(leaf.name)
    if (!cells) return {name: leaf.name, type: leaf.type, ...logical, ...(leaf.note ? {unread: leaf.note} : {})}
    const offsets = new Int32Array(rows + 1)
    const nullRows = new Uint8Array(rows)
    const flat: number[] = []
    for (let r = 0; r < rows; r++) {
      offsets[r] = flat.length
      const item = cells[r] as ArrayLike<unknown> | null | undefined
      if (item === null || item === undefined) nullRows[r] = 1
      else for (let j = 0; j < item.length; j++) flat.push(toNumber(item[j]))
    }
    offsets[rows] = flat.length
    return {name: leaf.name, type: leaf.type, list: {values: Float64Array.from(flat), offsets, nullRows}}
  })
  const pandas = metadata.key_value_metadata?.find((kv) => kv.key === 'pandas')?.value
  const warnings = [...rounded].map(
    ([name, v]) =>
      `${file}: column '${shown(name)}' holds values beyond 2^53 (e.g. ${shown(v)}), which a float64 cannot hold exactly; they are rounded to the nearest float64`,
  )
  return {
    rows,
    columns,
    ...(warnings.length > 0 ? {warnings} : {}),
    index: pandasIndexColumns(
      pandas,
      columns.map((c) => c.name),
    ),
  }
}

/**
 * The first column chunk whose path is not a column of the schema, described, or undefined. hyparquet starts reading
 * each chunk as it plans them and throws at the first unknown path, leaving the reads already started to reject
 * unwatched (an unhandled rejection, found by test/io/fuzz-binary.test.ts), so this is checked before reading.
 */
function strayColumnChunk(
  rowGroups: {columns: {meta_data?: {path_in_schema: string[]}}[]}[],
  schema: SchemaNode,
): string | undefined {
  const paths = new Set<string>()
  const walk = (node: SchemaNode, path: string[]) => {
    if (node.children.length === 0) paths.add(path.join('\u0000'))
    for (const child of node.children) walk(child, [...path, child.element.name])
  }
  walk(schema, [])
  for (const [g, group] of rowGroups.entries()) {
    for (const chunk of group.columns) {
      const path = chunk.meta_data?.path_in_schema
      if (!path) return `row group ${g + 1} has a column chunk without metadata`
      if (!paths.has(path.join('\u0000')))
        return `row group ${g + 1} has data for column '${shown(path.join('.'))}', which the schema does not define`
    }
  }
  return undefined
}

interface Leaf {
  name: string
  type: string
  /** text: BYTE_ARRAY (strings) and BOOLEAN leaves, read only for drift and --by. */
  kind: 'scalar' | 'list' | 'text' | 'other'
  logical?: RawColumn['logical']
  /** DECIMAL: the scale (value = unscaled × 10^−scale). */
  scale?: number
  /** TIME: how many stored units make a second. */
  perSecond?: number
  /** Why an 'other' leaf is not read. */
  note?: string
}

/** Decoded text/boolean cells (hyparquet gives strings, booleans, or bytes without a UTF8 annotation) as codes. */
function categoriesOf(cells: unknown[]): {codes: Int32Array; levels: string[]} {
  const codes = new Int32Array(cells.length)
  const index = new Map<string, number>()
  const levels: string[] = []
  const utf8 = new TextDecoder()
  for (let r = 0; r < cells.length; r++) {
    const v = cells[r]
    if (v === null || v === undefined) {
      codes[r] = -1
      continue
    }
    const text = v instanceof Uint8Array ? utf8.decode(v) : String(v)
    let code = index.get(text)
    if (code === undefined) {
      index.set(text, (code = levels.length))
      levels.push(text)
    }
    codes[r] = code
  }
  return {codes, levels}
}

interface SchemaNode {
  element: {
    name: string
    type?: string
    logical_type?: {type: string; unit?: string; isAdjustedToUTC?: boolean; precision?: number; scale?: number}
    converted_type?: string
    precision?: number
    scale?: number
  }
  children: SchemaNode[]
}

const NUMERIC = new Set(['DOUBLE', 'FLOAT', 'INT32', 'INT64'])

const UNIT_NAME: Record<string, string> = {MILLIS: 'ms', MICROS: 'us', NANOS: 'ns'}
const PER_SECOND: Record<string, number> = {MILLIS: 1e3, MICROS: 1e6, NANOS: 1e9}

/**
 * What a schema leaf is read as. Numbers: DOUBLE, FLOAT, INT32, INT64 (any INTEGER width), DECIMAL (INT32, INT64 or
 * fixed/variable bytes), FLOAT16. Times, as numbers in a stated unit (the converters are `numericParsers`): DATE (at
 * its UTC midnight), TIMESTAMP (any unit) and INT96 in seconds since 1970-01-01, TIME in seconds since midnight.
 * Text: strings and BOOLEAN. Anything else (JSON, UUID, INTERVAL, nested groups) is named with a note.
 */
function describe(node: SchemaNode): Leaf {
  const {element} = node
  if (node.children.length === 0) {
    const physical = (element.type ?? 'unknown').toLowerCase()
    const name = element.name
    const lt = element.logical_type
    const ct = element.converted_type
    if (lt?.type === 'DECIMAL' || ct === 'DECIMAL') {
      const precision = lt?.precision ?? element.precision
      const scale = lt?.scale ?? element.scale ?? 0
      return {name, type: `decimal(${precision ?? '?'}, ${scale})`, kind: 'scalar', scale}
    }
    if (lt?.type === 'FLOAT16') return {name, type: 'float16', kind: 'scalar'}
    if (lt?.type === 'DATE' || ct === 'DATE')
      return {name, type: `date32 → ${DATE_UNIT}`, kind: 'scalar', logical: 'date'}
    if (
      lt?.type === 'TIMESTAMP' ||
      ct === 'TIMESTAMP_MILLIS' ||
      ct === 'TIMESTAMP_MICROS' ||
      element.type === 'INT96'
    ) {
      const unit = lt?.type === 'TIMESTAMP' ? lt.unit : ct === 'TIMESTAMP_MILLIS' ? 'MILLIS' : ct ? 'MICROS' : 'NANOS'
      const utc = lt?.type === 'TIMESTAMP' && lt.isAdjustedToUTC ? ', UTC' : ''
      return {
        name,
        type: `timestamp[${UNIT_NAME[unit ?? ''] ?? unit}${utc}] → ${TIMESTAMP_UNIT}`,
        kind: 'scalar',
        logical: 'timestamp',
      }
    }
    if (lt?.type === 'TIME' || ct === 'TIME_MILLIS' || ct === 'TIME_MICROS') {
      const unit = lt?.type === 'TIME' ? lt.unit : ct === 'TIME_MILLIS' ? 'MILLIS' : 'MICROS'
      return {
        name,
        type: `time[${UNIT_NAME[unit ?? ''] ?? unit}] → seconds since midnight`,
        kind: 'scalar',
        perSecond: PER_SECOND[unit ?? ''] ?? 1,
      }
    }
    if (element.type === 'BOOLEAN') return {name, type: 'boolean', kind: 'text', logical: 'boolean'}
    const special = lt?.type ?? ct
    if (element.type === 'BYTE_ARRAY' && (special === undefined || ['STRING', 'UTF8', 'ENUM'].includes(special)))
      return {name, type: physical === 'byte_array' ? 'string' : physical, kind: 'text'}
    if (
      element.type !== undefined &&
      NUMERIC.has(element.type) &&
      (special === undefined || special === 'INTEGER' || /^U?INT_/.test(special))
    )
      return {name, type: physical, kind: 'scalar'}
    return {
      name,
      type: special ? `${physical} (${special.toLowerCase()})` : physical,
      kind: 'other',
      note: `its type ${special ? `${physical} (${special.toLowerCase()})` : physical} is not read as numbers or text`,
    }
  }
  // LIST / FixedSizeList as written by pyarrow: name → list → element (a numeric leaf).
  let leaf: SchemaNode = node
  while (leaf.children.length === 1) leaf = leaf.children[0]
  const isList = element.logical_type?.type === 'LIST' || element.converted_type === 'LIST'
  if (isList && leaf.children.length === 0 && leaf.element.type && NUMERIC.has(leaf.element.type)) {
    return {name: element.name, type: `list<${leaf.element.type.toLowerCase()}>`, kind: 'list'}
  }
  return {
    name: element.name,
    type: 'group',
    kind: 'other',
    note: 'a nested group or a list of non-numbers, not a scalar column',
  }
}

/**
 * hyparquet's converters for dates and timestamps, returning numbers in the units `describe` states instead of
 * Date objects (which also drop microseconds): seconds since 1970-01-01 for timestamps and dates (a date at its UTC
 * midnight). The whole seconds are split off as a bigint first, so the fraction keeps its precision.
 */
const numericParsers = {
  timestampFromMilliseconds: (v: bigint | number) => seconds(v, 1000n),
  timestampFromMicroseconds: (v: bigint | number) => seconds(v, 1000000n),
  timestampFromNanoseconds: (v: bigint | number) => seconds(v, 1000000000n),
  dateFromDays: (days: number) => days * SECONDS_PER_DAY,
}

function seconds(v: bigint | number | null | undefined, perSecond: bigint): number {
  if (v === null || v === undefined) return Number.NaN
  const big = typeof v === 'bigint' ? v : BigInt(Math.trunc(v))
  const whole = big / perSecond
  return Number(whole) + Number(big - whole * perSecond) / Number(perSecond)
}

function toNumber(v: unknown): number {
  if (v === null || v === undefined) return Number.NaN
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  return Number.NaN
}

function isPlainTyped(a: unknown): a is Float64Array | Float32Array | Int32Array {
  return (
    ArrayBuffer.isView(a) && !(a instanceof DataView) && !(a instanceof BigInt64Array) && !(a instanceof BigUint64Array)
  )
}
