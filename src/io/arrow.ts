import {createRequire} from 'node:module'
import {
  CompressionType,
  compressionRegistry,
  Message,
  MessageHeader,
  RecordBatchReader,
  Table,
  type Vector,
} from 'apache-arrow'
import {decompress as zstdDecompress} from 'fzstd'
import {InputError, opt} from '../core/errors.js'
import {checkDecodedSize, memoryBudget} from './budget.js'
import {lz4FrameDecode} from './lz4.js'
import {DATE_UNIT, MAX_EXACT_INTEGER, SECONDS_PER_DAY, TIMESTAMP_UNIT} from './number.js'
import {pandasIndexColumns} from './pandas-index.js'
import {firstLine, shown} from './show.js'
import type {RawColumn, RawTable} from './table.js'

let codecsRegistered = false

/**
 * Registers the body codecs pyarrow writes (zstd, lz4 frame). apache-arrow ships none. The zstd output is copied
 * (`.slice()`) because arrow requires 8-byte-aligned buffers (docs/design.md "Readers").
 */
function registerCodecs(): void {
  if (codecsRegistered) return
  compressionRegistry.set(CompressionType.ZSTD, {decode: (d: Uint8Array) => zstdDecompress(d).slice()})
  // Our own bounded decoder (src/io/lz4.ts): lz4js loops or allocates without limit on a corrupt frame.
  compressionRegistry.set(CompressionType.LZ4_FRAME, {decode: (d: Uint8Array) => lz4FrameDecode(d, memoryBudget())})
  guardFlatbufferVectors()
  codecsRegistered = true
}

/** The part of flatbuffers' ByteBuffer the guard below wraps. */
interface FlatbufferBytes {
  __vector_len(offset: number): number
  readInt32(offset: number): number
  capacity(): number
}

/**
 * apache-arrow decodes the IPC metadata (schema, file footer, record batch headers) with flatbuffers, which does not
 * check a vector's length against the buffer: one corrupt byte can make a field claim 16 777 215 children, and
 * arrow then builds that many objects until the heap is exhausted (found by test/io/fuzz-binary.test.ts). Every
 * vector element takes at least one byte, so a length beyond the bytes after the vector's start is corrupt: refuse
 * it there, before anything is allocated. The ByteBuffer patched is the one apache-arrow itself resolves.
 */
function guardFlatbufferVectors(): void {
  const fromArrow = createRequire(createRequire(import.meta.url).resolve('apache-arrow'))
  const proto = (fromArrow('flatbuffers') as {ByteBuffer: {prototype: FlatbufferBytes}}).ByteBuffer.prototype
  const vectorLength = proto.__vector_len
  // flatbuffers is a declared dependency (package.json) so that this guard cannot silently stop applying: if a release
  // renames the method, every Arrow read fails here instead of running unguarded.
  if (
    typeof vectorLength !== 'function' ||
    typeof proto.readInt32 !== 'function' ||
    typeof proto.capacity !== 'function'
  ) {
    throw new Error(
      'internal: the flatbuffers ByteBuffer apache-arrow uses has no __vector_len/readInt32/capacity; the corrupt-metadata guard in src/io/arrow.ts needs updating',
    )
  }
  proto.__vector_len = function (this: FlatbufferBytes, offset: number): number {
    const length = vectorLength.call(this, offset)
    const start = offset + this.readInt32(offset) + 4
    if (length < 0 || length > this.capacity() - start) {
      throw new Error(
        `its metadata holds a list of ${length} entries where only ${Math.max(0, this.capacity() - start)} bytes remain: the file is corrupt or truncated`,
      )
    }
    return length
  }
}

/** Reads an Arrow IPC file or stream into columns: numeric scalars widened to float64, nulls → NaN, lists flattened. */
export function parseArrow(
  bytes: Uint8Array,
  file: string,
  keepText: (name: string) => boolean = () => false,
): RawTable {
  registerCodecs()
  let table
  try {
    // tableFromIPC, with the file footer's record batch list checked before apache-arrow walks it.
    const reader = RecordBatchReader.from(bytes)
    reader.open()
    if (reader.footer) checkRecordBatchBlocks(reader.footer, bytes)
    table = new Table(reader.readAll())
  } catch (error) {
    throw new InputError(
      `${file} is not a readable Arrow IPC file or stream (${firstLine(error)}); check the file (re-export it if it was cut or damaged) or give ${opt('inputFormat')}`,
    )
  }
  // apache-arrow returns an empty table, not an error, for a stream cut off before its schema.
  if (table.schema.fields.length === 0)
    throw new InputError(
      `${file} is not a readable Arrow IPC file or stream (no schema found: truncated or not Arrow); check the file or give ${opt('inputFormat')}`,
    )
  const rows = table.numRows
  // A zstd/lz4 body can be far smaller than its matrix, so the file-size check alone would let it through.
  checkDecodedSize(
    file,
    rows,
    numbersPerRow(
      table.schema.fields.map((_, k) => table.getChildAt(k) as Vector),
      rows,
    ),
  )
  const rounded: string[] = []
  const columns: RawColumn[] = table.schema.fields.map((field, k) => {
    const vector = table.getChildAt(k) as Vector
    const typeName = String(field.type)
    const broken = bufferProblem(vector)
    if (broken)
      throw new InputError(`${file}: column '${shown(field.name)}' is corrupt (${broken}); re-export the file`)
    try {
      const c = toRawColumn(field.name, typeName, vector, rows, keepText(field.name))
      if (c.values && c.logical === undefined && hasBigInteger(vector))
        rounded.push(
          `${file}: column '${shown(field.name)}' holds values beyond 2^53, which a float64 cannot hold exactly; they are rounded to the nearest float64`,
        )
      return c
    } catch (error) {
      if (error instanceof InputError) throw error
      throw new InputError(`${file}: column '${shown(field.name)}' could not be decoded (${firstLine(error)})`)
    }
  })
  const index = pandasIndexColumns(
    table.schema.metadata.get('pandas'),
    columns.map((c) => c.name),
  )
  return {
    rows,
    columns,
    index,
    warnings: [
      ...rounded,
      ...(endsWithoutMarker(bytes)
        ? [
            `${file}: the Arrow stream ends without its end-of-stream marker; if the writer was interrupted, record batches (rows) may be missing`,
          ]
        : []),
    ],
  }
}

/**
 * Throws unless every record batch the Arrow file footer lists starts with a record batch message. apache-arrow's
 * file reader advances to the next block only after reading a record batch: a block that points (after a corrupt
 * or shifted offset) at a schema, a dictionary or an unknown message makes it re-read the same block forever
 * (found by test/io/fuzz-binary.test.ts). The block's message header is decoded here, bounded by the file's bytes.
 */
function checkRecordBatchBlocks(footer: NonNullable<RecordBatchReader['footer']>, bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i < footer.numRecordBatches; i++) {
    const at = footer.getRecordBatch(i)?.offset ?? -1
    const which = `record batch ${i + 1} of ${footer.numRecordBatches} in the footer`
    if (!(at >= 0 && at + 8 <= bytes.length))
      throw new Error(
        `${which} starts at byte ${at}, outside the ${bytes.length}-byte file: the file is corrupt or truncated`,
      )
    // An IPC message: [0xFFFFFFFF continuation marker,] int32 metadata length, flatbuffer Message.
    let length = view.getInt32(at, true)
    let start = at + 4
    if (length === -1) {
      length = view.getInt32(at + 4, true)
      start = at + 8
    }
    if (!(length > 0 && start + length <= bytes.length))
      throw new Error(`${which} at byte ${at} has no readable message header: the file is corrupt or truncated`)
    if (Message.decode(bytes.subarray(start, start + length)).headerType !== MessageHeader.RecordBatch) {
      throw new Error(`${which} points at byte ${at}, which holds no record batch: the file is corrupt`)
    }
  }
}

/**
 * A stream (it opens with the continuation marker 0xFFFFFFFF) whose last bytes are not the end-of-stream marker
 * (0xFFFFFFFF 0x00000000, or the pre-1.0 four zero bytes). The IPC spec lets a writer end by just closing the
 * stream, so this is a warning: a stream cut between two record batches reads as a shorter, valid-looking table.
 */
function endsWithoutMarker(bytes: Uint8Array): boolean {
  const isStream = bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff
  if (!isStream) return false
  const tail = bytes.subarray(bytes.length - 4)
  return !(tail[0] === 0 && tail[1] === 0 && tail[2] === 0 && tail[3] === 0)
}

/** Whether an Int64/Uint64 column holds a value a float64 rounds (beyond 2⁵³ in magnitude). */
function hasBigInteger(vector: Vector): boolean {
  const limit = BigInt(MAX_EXACT_INTEGER)
  for (const chunk of vector.data) {
    const arr = chunk.values as unknown
    if (!(arr instanceof BigInt64Array || arr instanceof BigUint64Array)) return false
    for (let i = chunk.offset; i < chunk.offset + chunk.length; i++) {
      const v = arr[i]
      if (
        (v > limit || v < -limit) &&
        BigInt(Number(v)) !== v &&
        (chunk.nullCount === 0 || isValid(chunk.nullBitmap, i))
      )
        return true
    }
  }
  return false
}

// apache-arrow TimeUnit: SECOND = 0, MILLISECOND = 1, MICROSECOND = 2, NANOSECOND = 3.
const UNITS_PER_SECOND = [1n, 1000n, 1000000n, 1000000000n]
const UNIT_NAME = ['s', 'ms', 'us', 'ns']

/**
 * Date (typeId 8), Timestamp (10) and Decimal (7) columns as numbers in a stated unit, from their stored integers
 * (vector.get would give milliseconds as floats, or bignum words): dates and timestamps in seconds since 1970-01-01
 * (a date at its UTC midnight), decimals as unscaled / 10^scale. Undefined for any other type.
 */
function temporalOrDecimal(name: string, type: string, vector: Vector, rows: number): RawColumn | undefined {
  const t = vector.type as {typeId: number; unit?: number; scale?: number; bitWidth?: number; timezone?: string | null}
  if (t.typeId !== 7 && t.typeId !== 8 && t.typeId !== 10) return undefined
  const values = new Float64Array(rows).fill(Number.NaN)
  let r = 0
  for (const chunk of vector.data) {
    const arr = chunk.values as ArrayLike<number | bigint>
    for (let i = 0; i < chunk.length; i++, r++) {
      const at = chunk.offset + i
      if (chunk.nullCount > 0 && !isValid(chunk.nullBitmap, at)) continue
      if (t.typeId === 8) values[r] = t.unit === 0 ? Number(arr[at]) * SECONDS_PER_DAY : Number(arr[at]) / 1000
      else if (t.typeId === 10) {
        const big = BigInt(arr[at])
        const per = UNITS_PER_SECOND[t.unit ?? 1]
        const whole = big / per
        values[r] = Number(whole) + Number(big - whole * per) / Number(per)
      } else {
        const words = (t.bitWidth ?? 128) / 32
        let big = 0n
        for (let w = words - 1; w >= 0; w--) big = (big << 32n) | BigInt((arr as Uint32Array)[at * words + w])
        if (big >= 1n << BigInt(words * 32 - 1)) big -= 1n << BigInt(words * 32)
        values[r] = Number(big) / 10 ** (t.scale ?? 0)
      }
    }
  }
  const raw = (row: number) => (Number.isNaN(values[row]) ? 'null' : String(values[row]))
  if (t.typeId === 8) return {name, type: `${type} → ${DATE_UNIT}`, logical: 'date', values, raw}
  if (t.typeId === 10)
    return {
      name,
      type: `timestamp[${UNIT_NAME[t.unit ?? 1]}${t.timezone ? `, ${t.timezone}` : ''}] → ${TIMESTAMP_UNIT}`,
      logical: 'timestamp',
      values,
      raw,
    }
  return {name, type, values, raw}
}

function toRawColumn(name: string, type: string, vector: Vector, rows: number, keepText: boolean): RawColumn {
  const t = vector.type as {typeId: number; children?: {type: {typeId: number}}[]}
  const special = temporalOrDecimal(name, type, vector, rows)
  if (special) return special
  if (isNumericTypeId(t.typeId)) {
    const values = new Float64Array(rows)
    // Float16 chunks hold raw half-precision bits; only vector.get decodes them.
    const half = t.typeId === 3 && (vector.type as {precision?: number}).precision === 0
    let r = 0
    for (const chunk of vector.data) {
      const arr = chunk.values as ArrayLike<number | bigint>
      const nulls = chunk.nullCount
      const from = chunk.offset
      if (half) {
        for (let i = 0; i < chunk.length; i++, r++) values[r] = toNumberOrNaN(vector.get(r))
      } else if (nulls === 0 && arr instanceof Float64Array) {
        values.set(arr.subarray(from, from + chunk.length), r)
        r += chunk.length
      } else if (nulls === 0 && !(arr instanceof BigInt64Array || arr instanceof BigUint64Array)) {
        values.set((arr as Float32Array).subarray(from, from + chunk.length), r)
        r += chunk.length
      } else {
        const bitmap = chunk.nullBitmap
        for (let i = 0; i < chunk.length; i++, r++) {
          values[r] = nulls === 0 || isValid(bitmap, from + i) ? Number(arr[from + i]) : Number.NaN
        }
      }
    }
    return {name, type, values, raw: (row) => (Number.isNaN(values[row]) ? 'null' : String(values[row]))}
  }
  const child = t.children?.[0]?.type
  if (child && isNumericTypeId(child.typeId) && (t.typeId === 12 || t.typeId === 16)) {
    const offsets = new Int32Array(rows + 1)
    const flat: number[] = []
    const nullRows = new Uint8Array(rows)
    let _r = 0
    for (let i = 0; i < rows; i++, _r++) {
      const item = vector.get(i) as Vector | null
      offsets[i] = flat.length
      if (item === null || item === undefined) {
        nullRows[i] = 1
        continue
      }
      for (let j = 0; j < item.length; j++) {
        const v = item.get(j)
        flat.push(v === null || v === undefined ? Number.NaN : Number(v))
      }
    }
    offsets[rows] = flat.length
    return {name, type, list: {values: Float64Array.from(flat), offsets, nullRows}}
  }
  const logical = t.typeId === 6 ? {logical: 'boolean' as const} : {}
  if (keepText && isTextTypeId(t.typeId)) return {name, type, ...logical, categories: categoriesOf(vector, rows)}
  if (isTextTypeId(t.typeId)) return {name, type, ...logical}
  return {name, type, unread: `its type ${type} is not read as numbers or text`}
}

// apache-arrow Type enum: Dictionary = −1, Utf8 = 5, Bool = 6, LargeUtf8 = 20.
function isTextTypeId(id: number): boolean {
  return id === -1 || id === 5 || id === 6 || id === 20
}

/** A text, boolean or dictionary column as codes into its distinct values (null: −1). */
function categoriesOf(vector: Vector, rows: number): {codes: Int32Array; levels: string[]} {
  const codes = new Int32Array(rows)
  const index = new Map<string, number>()
  const levels: string[] = []
  for (let r = 0; r < rows; r++) {
    const v = vector.get(r) as unknown
    if (v === null || v === undefined) {
      codes[r] = -1
      continue
    }
    const text = String(v)
    let code = index.get(text)
    if (code === undefined) {
      index.set(text, (code = levels.length))
      levels.push(text)
    }
    codes[r] = code
  }
  return {codes, levels}
}

/**
 * What is wrong with a numeric or list column's buffers, if anything. apache-arrow does not check a record batch's
 * buffers against its row counts: a short value buffer reads as zeros, and list offsets beyond the child array
 * made the list loop below run for 10 s and more before failing (found by test/io/fuzz-binary.test.ts).
 */
function bufferProblem(vector: Vector): string | undefined {
  const t = vector.type as {typeId: number; listSize?: number; children?: {type: {typeId: number}}[]}
  const numeric = isNumericTypeId(t.typeId)
  const list = (t.typeId === 12 || t.typeId === 16) && t.children?.[0] && isNumericTypeId(t.children[0].type.typeId)
  if (!numeric && !list) return undefined
  for (const chunk of vector.data) {
    const end = chunk.offset + chunk.length
    if (numeric) {
      // Float16 values are stored as 16-bit integers, one per row like every other numeric type.
      if ((chunk.values?.length ?? 0) < end)
        return `${chunk.length} rows but values for ${Math.max(0, (chunk.values?.length ?? 0) - chunk.offset)}`
      continue
    }
    const childLength = chunk.children[0]?.length ?? 0
    if (t.typeId === 16) {
      if (end * (t.listSize ?? 0) > childLength)
        return `${chunk.length} vectors of ${t.listSize} but only ${childLength} elements`
      continue
    }
    const offsets = chunk.valueOffsets as Int32Array | undefined
    if (!offsets || offsets.length < end + 1) return `${chunk.length} lists but ${offsets?.length ?? 0} offsets`
    for (let i = chunk.offset; i < end; i++) {
      if (!(offsets[i] >= 0 && offsets[i] <= offsets[i + 1] && offsets[i + 1] <= childLength))
        return `list ${i + 1} spans elements ${offsets[i]}..${offsets[i + 1]} of ${childLength}`
    }
  }
  return undefined
}

/** How many float64 numbers a row of these columns becomes: one per numeric column, the element count per list row. */
function numbersPerRow(vectors: Vector[], rows: number): number {
  let perRow = 0
  for (const vector of vectors) {
    const t = vector.type as {typeId: number}
    if (isNumericTypeId(t.typeId)) perRow += 1
    else if (rows > 0 && (t.typeId === 12 || t.typeId === 16)) {
      let elements = 0
      for (const chunk of vector.data) elements += chunk.children[0]?.length ?? 0
      perRow += elements / rows
    }
  }
  return perRow
}

// apache-arrow Type enum: Int = 2, Float = 3, Decimal = 7 (not widened), List = 12, FixedSizeList = 16.
function isNumericTypeId(id: number): boolean {
  return id === 2 || id === 3
}

function isValid(bitmap: Uint8Array | null | undefined, i: number): boolean {
  return !bitmap || bitmap.length === 0 || (bitmap[i >> 3] & (1 << (i & 7))) !== 0
}

function toNumberOrNaN(v: unknown): number {
  return v === null || v === undefined ? Number.NaN : Number(v)
}
