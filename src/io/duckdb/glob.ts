import {readdirSync, statSync} from 'node:fs'
import {join, resolve, sep} from 'node:path'
import {InputError} from '../../core/errors.js'

/** Whether a path is a pattern (`data/*.parquet`, `part-?.parquet`, `year=202[45]/**`) rather than one file. */
export const isGlob = (path: string): boolean => /[*?[]/.test(path)

/** One path segment of a pattern as a regular expression: `*` any run of characters but `/`, `?` one, `[…]` a set. */
function segmentPattern(segment: string): RegExp {
  let out = ''
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]
    if (ch === '*') out += '[^/]*'
    else if (ch === '?') out += '[^/]'
    else if (ch === '[') {
      const end = segment.indexOf(']', i + 2)
      if (end < 0) out += '\\['
      else {
        const body = segment.slice(i + 1, end)
        out += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`
        i = end
      }
    } else out += ch.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  return new RegExp(`^${out}$`)
}

const entries = (dir: string) => {
  try {
    return readdirSync(dir, {withFileTypes: true})
  } catch {
    return []
  }
}

/** Every file under `dir`, at any depth, sorted. */
function allFiles(dir: string): string[] {
  return entries(dir)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []))
}

/**
 * The files a pattern matches, sorted by path, expanded here rather than by DuckDB so that DuckDB is only ever
 * allowed the exact files (src/io/duckdb/open.ts): `*`, `?` and `[…]` within one segment, `**` any number of
 * directories. Hidden files (a name starting with `.`) and `_SUCCESS`-style markers (a name starting with `_`) are
 * not data files and are matched only when the pattern spells the dot or underscore.
 */
export function expandGlob(pattern: string): string[] {
  const absolute = resolve(pattern)
  const parts = absolute.split(sep)
  const fixed: string[] = []
  while (parts.length > 0 && !isGlob(parts[0])) fixed.push(parts.shift()!)
  const root = fixed.join(sep) || sep
  const walk = (dir: string, rest: string[]): string[] => {
    if (rest.length === 0) return []
    const [head, ...tail] = rest
    if (head === '**') {
      if (tail.length === 0) return allFiles(dir)
      const here = walk(dir, tail)
      const below = entries(dir)
        .filter((e) => e.isDirectory() && !/^[._]/.test(e.name))
        .flatMap((e) => walk(join(dir, e.name), rest))
      return [...here, ...below]
    }
    if (!isGlob(head)) {
      const next = join(dir, head)
      if (tail.length === 0) return isFile(next) ? [next] : []
      return walk(next, tail)
    }
    const re = segmentPattern(head)
    return entries(dir)
      .filter((e) => re.test(e.name) && (!/^[._]/.test(e.name) || /^[._]/.test(head)))
      .flatMap((e) => {
        const next = join(dir, e.name)
        if (tail.length === 0) return e.isFile() ? [next] : []
        return e.isDirectory() ? walk(next, tail) : []
      })
  }
  return [...new Set(walk(root, parts))].sort()
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The data files of a directory (a hive-partitioned layout, `year=2025/month=11/part-0.parquet`), hidden ones aside. */
export function directoryFiles(dir: string): string[] {
  const files = allFiles(resolve(dir)).filter(
    (f) =>
      !f
        .slice(resolve(dir).length)
        .split(sep)
        .some((s) => /^[._]/.test(s)),
  )
  if (files.length === 0) throw new InputError(`${dir} is a directory with no data files in it`)
  return files
}
