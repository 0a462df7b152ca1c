import {InputError, opt} from '../core/errors.js'
import type {RawTable} from './table.js'

/** The NumPy magic string: 0x93 'NUMPY' (numpy/lib/format.py, "Format Version 1.0"). */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]

/** The name a .npy file's one array is read under: np.savez's name for the first positional array, so that a .npy and an `np.savez(path, x)` archive give the same column names. */
export const NPY_ARRAY_NAME = 'arr_0'

/** True when `bytes` start with the NumPy magic string. */
export function isNpy(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, k) => bytes[k] === b)
}

/** A parsed .npy header: element type, layout and shape, and where the data start. */
export interface NpyHeader {
  /** The dtype string as written, e.g. `<f4`. */
  descr: string
  kind: 'f' | 'i' | 'u'
  itemSize: number
  littleEndian: boolean
  fortranOrder: boolean
  shape: number[]
  /** Byte offset of the first element. */
  dataOffset: number
}

/** A 2-D numeric array as float64, row-major (row r is values[r*cols .. r*cols+cols)). */
export interface NpyMatrix {
  rows: number
  cols: number
  values: Float64Array
  /** The dtype as written, e.g. `<f4`. */
  descr: string
  /** What the reader noticed but could read past (trailing bytes). */
  warnings: string[]
}

const SUPPORTED = 'float16/32/64 or (unsigned) integers of 1, 2, 4 or 8 bytes'

/**
 * Parses the header of a .npy file, format versions 1.0 (2-byte header length), 2.0 and 3.0 (4-byte length; 3.0's
 * header is UTF-8), as numpy/lib/format.py writes it: a Python dict literal with 'descr', 'fortran_order' and 'shape'.
 * Refuses object, structured, string, complex, boolean and datetime dtypes with one line that names the dtype.
 */
export function parseNpyHeader(bytes: Uint8Array, label: string): NpyHeader {
  if (!isNpy(bytes))
    throw new InputError(`${label} does not start with the NumPy magic string (\\x93NUMPY): not a .npy file`)
  if (bytes.length < 10) throw new InputError(`${label} is truncated inside its .npy header; re-save it with np.save`)
  const major = bytes[6]
  if (major < 1 || major > 3)
    throw new InputError(`${label} is .npy format version ${major}.${bytes[7]}; versions 1.0, 2.0 and 3.0 are read`)
  const lengthBytes = major === 1 ? 2 : 4
  if (bytes.length < 8 + lengthBytes)
    throw new InputError(`${label} is truncated inside its .npy header; re-save it with np.save`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true)
  const start = 8 + lengthBytes
  const dataOffset = start + headerLength
  if (dataOffset > bytes.length)
    throw new InputError(
      `${label} is truncated: its .npy header says ${headerLength} bytes but the file ends first; re-save it with np.save`,
    )
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, dataOffset))
  const descrMatch = /['"]descr['"]\s*:\s*(['"])([^'"]*)\1/.exec(text)
  const fortranMatch = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text)
  const shapeMatch = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)
  if (!descrMatch) {
    if (/['"]descr['"]\s*:\s*\[/.test(text))
      throw new InputError(
        `${label} holds a structured array (named fields); save a plain 2-D numeric array (e.g. np.save(path, x.astype('float32')))`,
      )
    throw new InputError(`${label}: the .npy header has no readable 'descr' (dtype); the file is damaged: re-save it`)
  }
  if (!fortranMatch || !shapeMatch)
    throw new InputError(
      `${label}: the .npy header lacks ${fortranMatch ? "'shape'" : "'fortran_order'"}; the file is damaged: re-save it`,
    )
  const descr = descrMatch[2]
  const dtype = /^([<>|=])([fiu])(\d+)$/.exec(descr)
  if (!dtype) {
    const what = descr.includes('O')
      ? 'an object array (Python objects, e.g. ragged lists)'
      : descr.includes('b')
        ? 'a boolean array'
        : descr.includes('c')
          ? 'a complex array'
          : descr.includes('U') || descr.includes('S')
            ? 'a string array'
            : `dtype '${descr}'`
    throw new InputError(`${label} holds ${what}; only numeric arrays are read (${SUPPORTED})`)
  }
  const kind = dtype[2] as 'f' | 'i' | 'u'
  const itemSize = Number(dtype[3])
  const sizes = kind === 'f' ? [2, 4, 8] : [1, 2, 4, 8]
  if (!sizes.includes(itemSize))
    throw new InputError(`${label} holds dtype '${descr}' (${itemSize}-byte ${kind}); only ${SUPPORTED} are read`)
  const shape = shapeMatch[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => Number(s.replace(/L$/, '')))
  if (shape.some((s) => !Number.isSafeInteger(s) || s < 0))
    throw new InputError(`${label}: the .npy header has shape (${shapeMatch[1]}), not a list of sizes; re-save it`)
  // '=' is native order and '|' means byte order does not apply (1-byte types); numpy only writes '=' as '<' or '>'.
  const littleEndian = dtype[1] !== '>'
  return {descr, kind, itemSize, littleEndian, fortranOrder: fortranMatch[1] === 'True', shape, dataOffset}
}

/** The shape as numpy prints it: (3,), (10, 4). */
export function shapeText(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`
}

/**
 * Reads a .npy file holding a 2-D numeric array (n points × d coordinates) into float64, row-major, whatever the
 * byte order and memory order (C or Fortran) it was saved in. A 1-D, 0-D or ≥ 3-D array, or data shorter than
 * the shape needs, is refused with one line.
 */
export function readNpyMatrix(bytes: Uint8Array, label: string): NpyMatrix {
  const h = parseNpyHeader(bytes, label)
  if (h.shape.length !== 2) {
    const hint =
      h.shape.length === 1
        ? `a 1-D array is ambiguous (n points in 1 dimension, or one point?): save x.reshape(-1, 1) for n points`
        : h.shape.length === 0
          ? 'a scalar is not a sample set'
          : `flatten the trailing axes first, e.g. x.reshape(len(x), -1)`
    throw new InputError(
      `${label} holds an array of shape ${shapeText(h.shape)}; a sample set is a 2-D array (points × coordinates): ${hint}`,
    )
  }
  const [rows, cols] = h.shape
  if (rows === 0 || cols === 0)
    throw new InputError(
      `${label} holds an empty array of shape ${shapeText(h.shape)}; a sample set needs at least one point and one coordinate`,
    )
  const count = rows * cols
  const need = count * h.itemSize
  const have = bytes.length - h.dataOffset
  if (have < need)
    throw new InputError(
      `${label} is truncated: shape ${shapeText(h.shape)} of '${h.descr}' needs ${need} bytes of data but the file has ${have}; re-save it with np.save`,
    )
  const warnings: string[] = []
  if (have > need)
    warnings.push(
      `${label}: ${have - need} bytes after the array's data are ignored (np.save writes none; the file may have been appended to)`,
    )
  const flat = decode(bytes, h, count)
  let values = flat
  if (h.fortranOrder && rows > 1 && cols > 1) {
    // Fortran order: element (r, c) is at c·rows + r.
    values = new Float64Array(count)
    for (let c = 0; c < cols; c++) {
      const from = c * rows
      for (let r = 0; r < rows; r++) values[r * cols + c] = flat[from + r]
    }
  }
  return {rows, cols, values, descr: h.descr, warnings}
}

/** The `count` elements after the header, as float64. */
function decode(bytes: Uint8Array, h: NpyHeader, count: number): Float64Array {
  const out = new Float64Array(count)
  const at = bytes.byteOffset + h.dataOffset
  const le = h.littleEndian
  // Aligned little-endian float data (the usual case on every machine numpy runs on) is read through a typed view.
  if (le && h.kind === 'f' && h.itemSize !== 2 && at % h.itemSize === 0) {
    const src = h.itemSize === 4 ? new Float32Array(bytes.buffer, at, count) : new Float64Array(bytes.buffer, at, count)
    out.set(src)
    return out
  }
  const view = new DataView(bytes.buffer, at, count * h.itemSize)
  const s = h.itemSize
  if (h.kind === 'f') {
    if (s === 2) for (let k = 0; k < count; k++) out[k] = float16(view.getUint16(k * 2, le))
    else if (s === 4) for (let k = 0; k < count; k++) out[k] = view.getFloat32(k * 4, le)
    else for (let k = 0; k < count; k++) out[k] = view.getFloat64(k * 8, le)
  } else if (h.kind === 'i') {
    if (s === 1) for (let k = 0; k < count; k++) out[k] = view.getInt8(k)
    else if (s === 2) for (let k = 0; k < count; k++) out[k] = view.getInt16(k * 2, le)
    else if (s === 4) for (let k = 0; k < count; k++) out[k] = view.getInt32(k * 4, le)
    else for (let k = 0; k < count; k++) out[k] = Number(view.getBigInt64(k * 8, le))
  } else {
    if (s === 1) for (let k = 0; k < count; k++) out[k] = view.getUint8(k)
    else if (s === 2) for (let k = 0; k < count; k++) out[k] = view.getUint16(k * 2, le)
    else if (s === 4) for (let k = 0; k < count; k++) out[k] = view.getUint32(k * 4, le)
    else for (let k = 0; k < count; k++) out[k] = Number(view.getBigUint64(k * 8, le))
  }
  return out
}

/** IEEE 754 binary16 → number (subnormals, infinities and NaN included). */
export function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exponent = (bits >> 10) & 0x1f
  const fraction = bits & 0x3ff
  if (exponent === 0) return sign * fraction * 2 ** -24
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : Number.NaN
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15)
}

/**
 * A 2-D array as a table of one vector column (row r = point r), named `name`: the SampleSet path reads it as
 * `--column name` does a list column, so NaN checks, --drop-missing and --sample apply as for every other format.
 */
export function matrixTable(m: NpyMatrix, name: string, otherColumns: RawTable['columns'] = []): RawTable {
  const offsets = new Int32Array(m.rows + 1)
  if (m.rows * m.cols > 2 ** 31 - 1)
    throw new InputError(
      `the array '${name}' has ${m.rows} × ${m.cols} elements, more than 2³¹ − 1; use ${opt('sample')} on a smaller file`,
    )
  for (let r = 0; r <= m.rows; r++) offsets[r] = r * m.cols
  return {
    rows: m.rows,
    columns: [{name, type: `npy ${m.descr} ${m.rows}×${m.cols}`, list: {values: m.values, offsets}}, ...otherColumns],
    warnings: m.warnings,
  }
}

/** A .npy file as a table of its one array (column `arr_0`). */
export function parseNpy(bytes: Uint8Array, label: string): RawTable {
  return matrixTable(readNpyMatrix(bytes, label), NPY_ARRAY_NAME)
}

/**
 * A 1-D or 2-D numeric array of any shape, as float64 in C order, with its shape (for the Gaussian statistics of
 * npz.ts: `mu` is 1-D, `sigma` 2-D).
 */
export function readNpyArray(bytes: Uint8Array, label: string): {shape: number[]; values: Float64Array; descr: string} {
  const h = parseNpyHeader(bytes, label)
  const count = h.shape.reduce((a, b) => a * b, 1)
  const need = count * h.itemSize
  if (bytes.length - h.dataOffset < need)
    throw new InputError(
      `${label} is truncated: shape ${shapeText(h.shape)} of '${h.descr}' needs ${need} bytes of data but the file has ${bytes.length - h.dataOffset}; re-save it`,
    )
  const flat = decode(bytes, h, count)
  if (h.shape.length === 2 && h.fortranOrder) {
    const [rows, cols] = h.shape
    const values = new Float64Array(count)
    for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) values[r * cols + c] = flat[c * rows + r]
    return {shape: h.shape, values, descr: h.descr}
  }
  return {shape: h.shape, values: flat, descr: h.descr}
}
