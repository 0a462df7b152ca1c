import {accessSync, constants, statSync} from 'node:fs'
import {dirname, extname, resolve} from 'node:path'
import {InputError} from '../core/errors.js'

/**
 * Checks a --plot path before anything is computed, so that a sweep of minutes does not end in a raw ENOENT: the
 * name must end in .svg (the only format drawn; a .png holding SVG text would not open), its folder must exist and be
 * writable, and an existing file there must be a writable file, not a folder.
 */
export function checkPlotPath(path: string): void {
  if (extname(path).toLowerCase() !== '.svg') throw new InputError(`--plot draws an SVG file; give a name ending in .svg (got '${path}')`)
  const folder = dirname(resolve(path))
  let isFolder = false
  try {
    isFolder = statSync(folder).isDirectory()
  } catch {
    throw new InputError(`--plot: the folder ${folder} does not exist`)
  }
  if (!isFolder) throw new InputError(`--plot: ${folder} is not a folder`)
  let existing: ReturnType<typeof statSync> | undefined
  try {
    existing = statSync(path)
  } catch {
    existing = undefined
  }
  if (existing?.isDirectory()) throw new InputError(`--plot: ${path} is a folder; give a file name ending in .svg`)
  try {
    accessSync(existing ? path : folder, constants.W_OK)
  } catch {
    throw new InputError(`--plot: cannot write ${existing ? path : `in ${folder}`} (permission denied)`)
  }
}
