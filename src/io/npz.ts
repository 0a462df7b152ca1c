import {crc32, inflateRawSync} from 'node:zlib'
import {InputError, opt} from '../core/errors.js'
import {isNpy, matrixTable, parseNpyHeader, readNpyArray, readNpyMatrix, shapeText} from './npy.js'
import {shown} from './show.js'
import type {RawTable} from './table.js'

/** One member of a zip archive, from its central-directory record (PKWARE APPNOTE.TXT 4.3.12, with ZIP64 4.5.3). */
interface ZipEntry {
  name: string
  method: number
  crc: number
  compressedSize: number
  size: number
  localHeaderOffset: number
}

const EOCD = 0x06054b50
const ZIP64_EOCD = 0x06064b50
const ZIP64_LOCATOR = 0x07064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** True when `bytes` start like a zip archive (a local file header, or the end record of an empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)
}

/** The members of a zip archive, from its central directory (ZIP64 sizes and offsets included, as np.savez writes them). */
function zipEntries(bytes: Uint8Array, label: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const damaged = (what: string) =>
    new InputError(
      `${label} is not a readable .npz (zip) archive (${what}); it may be truncated: re-save it with np.savez`,
    )
  // The end-of-central-directory record is the last 22 bytes plus a comment of at most 65535 bytes.
  let eocd = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at
      break
    }
  }
  if (eocd < 0) throw damaged('no end-of-central-directory record')
  let count = view.getUint16(eocd + 10, true)
  let cdOffset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) throw damaged('no ZIP64 locator')
    const z = Number(view.getBigUint64(locator + 8, true))
    if (z + 56 > bytes.length || view.getUint32(z, true) !== ZIP64_EOCD) throw damaged('no ZIP64 end record')
    count = Number(view.getBigUint64(z + 32, true))
    cdOffset = Number(view.getBigUint64(z + 48, true))
  }
  const entries: ZipEntry[] = []
  let at = cdOffset
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL)
      throw damaged('a central-directory record is cut')
    const method = view.getUint16(at + 10, true)
    const crc = view.getUint32(at + 16, true)
    let compressedSize = view.getUint32(at + 20, true)
    let size = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    let localHeaderOffset = view.getUint32(at + 42, true)
    if (at + 46 + nameLength + extraLength > bytes.length) throw damaged('a central-directory record is cut')
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength))
    // ZIP64 extended information (header 0x0001): the 8-byte values of the fields that were set to 0xFFFFFFFF, in order.
    let e = at + 46 + nameLength
    const end = e + extraLength
    while (e + 4 <= end) {
      const id = view.getUint16(e, true)
      const len = view.getUint16(e + 2, true)
      if (id === 0x0001) {
        let f = e + 4
        const next = () => {
          const v = Number(view.getBigUint64(f, true))
          f += 8
          return v
        }
        if (size === 0xffffffff) size = next()
        if (compressedSize === 0xffffffff) compressedSize = next()
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next()
      }
      e += 4 + len
    }
    entries.push({name, method, crc, compressedSize, size, localHeaderOffset})
    at = end + commentLength
  }
  return entries
}

/** The uncompressed bytes of one member (stored or deflated), checked against its CRC-32. */
function entryBytes(bytes: Uint8Array, entry: ZipEntry, label: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const where = `${label}: member '${shown(entry.name)}'`
  const at = entry.localHeaderOffset
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL)
    throw new InputError(`${where} has no local header where the directory says; the archive is damaged: re-save it`)
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  if (start + entry.compressedSize > bytes.length)
    throw new InputError(`${where} is truncated (${entry.compressedSize} bytes expected); re-save the archive`)
  const raw = bytes.subarray(start, start + entry.compressedSize)
  let out: Uint8Array
  if (entry.method === 0) out = raw
  else if (entry.method === 8) {
    try {
      out = inflateRawSync(raw)
    } catch (error) {
      throw new InputError(
        `${where} cannot be inflated (${(error as Error).message}); the archive is damaged: re-save it`,
      )
    }
  } else
    throw new InputError(
      `${where} uses zip compression method ${entry.method}; only stored (np.savez) and deflated (np.savez_compressed) members are read`,
    )
  if (out.length !== entry.size)
    throw new InputError(
      `${where} holds ${out.length} bytes, not the ${entry.size} its directory says; re-save the archive`,
    )
  if (crc32(out) >>> 0 !== entry.crc >>> 0)
    throw new InputError(`${where} fails its CRC-32 check; the archive is damaged: re-save it`)
  return out
}

/** An .npz archive's arrays by name (the member name without `.npy`), each read only when asked for. */
export interface NpzArchive {
  names: string[]
  /** The member's bytes (a .npy file). */
  bytes(name: string): Uint8Array
  /** The member's shape and dtype, from its header alone. */
  header(name: string): {shape: number[]; descr: string}
}

/** Opens an .npz archive: every member must be a `.npy` file (np.savez / np.savez_compressed). */
export function openNpz(bytes: Uint8Array, label: string): NpzArchive {
  const entries = zipEntries(bytes, label)
  const byName = new Map<string, ZipEntry>()
  for (const e of entries) {
    if (e.name.endsWith('/')) continue
    if (!e.name.endsWith('.npy'))
      throw new InputError(
        `${label}: member '${shown(e.name)}' is not a .npy array; an .npz archive holds only arrays (np.savez)`,
      )
    byName.set(e.name.slice(0, -4), e)
  }
  if (byName.size === 0) throw new InputError(`${label} is an .npz archive with no arrays in it`)
  const cache = new Map<string, Uint8Array>()
  const get = (name: string): Uint8Array => {
    const e = byName.get(name)
    if (!e) throw new Error(`internal: no member ${name}`)
    let b = cache.get(name)
    if (!b) {
      b = entryBytes(bytes, e, label)
      if (!isNpy(b))
        throw new InputError(`${label}: member '${shown(e.name)}' is not a .npy array (no NumPy magic string)`)
      cache.set(name, b)
    }
    return b
  }
  return {
    names: [...byName.keys()],
    bytes: get,
    header: (name) => {
      const h = parseNpyHeader(get(name), `${label}:${name}`)
      return {shape: h.shape, descr: h.descr}
    },
  }
}

/** Gaussian statistics of a feature set (pytorch-fid's and clean-fid's `.npz` with `mu` and `sigma`). */
export interface GaussianStatistics {
  d: number
  mean: Float64Array
  /** Row-major d×d covariance. */
  cov: Float64Array
  source: string
}

/** True when an archive is a statistics file: arrays `mu` and `sigma` and no other 2-D array to read as points. */
export function isStatistics(archive: NpzArchive): boolean {
  return archive.names.includes('mu') && archive.names.includes('sigma')
}

/**
 * The Gaussian summary in an .npz with `mu` (d) and `sigma` (d × d): checked for shape, finiteness and symmetry
 * (to 1e-10 relative: pytorch-fid's np.cov output is symmetric to rounding), then symmetrised exactly.
 */
export function readStatistics(archive: NpzArchive, label: string): GaussianStatistics {
  const mu = readNpyArray(archive.bytes('mu'), `${label}:mu`)
  const sigma = readNpyArray(archive.bytes('sigma'), `${label}:sigma`)
  if (mu.shape.length !== 1)
    throw new InputError(`${label}: 'mu' has shape ${shapeText(mu.shape)}; the mean of d features is 1-D (d,)`)
  const d = mu.shape[0]
  if (d === 0) throw new InputError(`${label}: 'mu' is empty`)
  if (sigma.shape.length !== 2 || sigma.shape[0] !== d || sigma.shape[1] !== d)
    throw new InputError(
      `${label}: 'sigma' has shape ${shapeText(sigma.shape)} but 'mu' has ${d} features; the covariance must be (${d}, ${d})`,
    )
  const bad = (a: Float64Array) => a.findIndex((x) => !Number.isFinite(x))
  if (bad(mu.values) >= 0) throw new InputError(`${label}: 'mu' element ${bad(mu.values)} is not a finite number`)
  const b = bad(sigma.values)
  if (b >= 0) throw new InputError(`${label}: 'sigma' element (${Math.floor(b / d)}, ${b % d}) is not a finite number`)
  const cov = sigma.values
  let scale = 0
  for (let i = 0; i < d; i++) scale = Math.max(scale, Math.abs(cov[i * d + i]))
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const a = cov[i * d + j],
        c = cov[j * d + i]
      if (Math.abs(a - c) > 1e-10 * Math.max(scale, Number.MIN_VALUE))
        throw new InputError(
          `${label}: 'sigma' is not symmetric (element (${i}, ${j}) is ${a}, (${j}, ${i}) is ${c}); a covariance matrix is`,
        )
      cov[i * d + j] = cov[j * d + i] = (a + c) / 2
    }
    if (cov[i * d + i] < 0)
      throw new InputError(`${label}: 'sigma' has a negative variance at (${i}, ${i}); it is not a covariance matrix`)
  }
  return {d, mean: mu.values, cov, source: label}
}

/**
 * An .npz archive as a table holding one array as a vector column: `--column KEY` if given, else the only array,
 * else `arr_0` (np.savez's name for the first positional array). The other arrays are listed by name and shape
 * only, never decoded. A statistics file ({mu, sigma}) is refused here: it holds no points.
 */
export function parseNpz(bytes: Uint8Array, label: string, column?: string): {table: RawTable; vector: string} {
  const archive = openNpz(bytes, label)
  const list = archive.names.map((n) => `'${shown(n)}' ${shapeText(archive.header(n).shape)}`).join(', ')
  let name: string
  if (column !== undefined) {
    if (!archive.names.includes(column))
      throw new InputError(`${label} has no array '${shown(column)}'; its arrays are: ${list}`)
    name = column
  } else if (isStatistics(archive)) {
    throw new InputError(
      `${label} holds Gaussian statistics (mu, sigma), not points; only \`divergence fidelity\` (FD) can use it, or name an array of points with ${opt('column')}`,
    )
  } else if (archive.names.length === 1) name = archive.names[0]
  else if (archive.names.includes('arr_0')) name = 'arr_0'
  else throw new InputError(`${label} holds several arrays (${list}); pick the points with ${opt('column')} KEY`)
  const matrix = readNpyMatrix(archive.bytes(name), `${label}:${name}`)
  const others = archive.names
    .filter((n) => n !== name)
    .map((n) => ({name: n, type: `npy ${archive.header(n).descr} ${shapeText(archive.header(n).shape)}`}))
  return {table: matrixTable(matrix, name, others), vector: name}
}
