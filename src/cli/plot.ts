import {closeSync, openSync, unlinkSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {dirname, extname, resolve} from 'node:path'
import type {BoundResult} from '../core/bound/index.js'
import {InputError} from '../core/errors.js'
import {sweepSvg} from '../report/svg.js'

/**
 * Checks a --plot path before anything is computed, so that a sweep of minutes does not end in a raw ENOENT: the
 * name must end in .svg (the only format drawn; a .png holding SVG text would not open), and the file must be
 * writable. Tried by opening that exact path — and nothing else, so it works under Node's permission model with write
 * access to the plot alone: a new file is created and removed again, an existing one opened for append (unchanged).
 */
export function checkPlotPath(path: string): void {
  checkOutputPath(path, {flag: '--plot', extension: '.svg', what: 'an SVG file'})
}

/** The same check for any file a flag writes (`--plot` an .svg, `--html` an .html page). */
export function checkOutputPath(path: string, out: {flag: string; extension: string; what: string}): void {
  if (extname(path).toLowerCase() !== out.extension)
    throw new InputError(`${out.flag} writes ${out.what}; give a name ending in ${out.extension} (got '${path}')`)
  try {
    closeSync(openSync(path, 'wx'))
    unlinkSync(path)
    return
  } catch (error) {
    if ((error as {code?: string}).code !== 'EEXIST') throw outputError(path, error, out)
  }
  try {
    closeSync(openSync(path, 'a'))
  } catch (error) {
    throw outputError(path, error, out)
  }
}

function outputError(path: string, error: unknown, out: {flag: string; extension: string}): InputError {
  const code = (error as {code?: string}).code
  const folder = dirname(resolve(path))
  if (code === 'ENOENT') return new InputError(`${out.flag}: the folder ${folder} does not exist`)
  if (code === 'ENOTDIR') return new InputError(`${out.flag}: ${folder} is not a folder`)
  if (code === 'EISDIR')
    return new InputError(`${out.flag}: ${path} is a folder; give a file name ending in ${out.extension}`)
  return new InputError(`${out.flag}: cannot write ${path} (${code ?? (error as Error).message})`)
}

/**
 * Draws the σ sweep of the Thm 3.3 bound to the --plot file (checked beforehand by checkPlotPath); false when there
 * is no sweep to draw.
 */
export async function writeSweepPlot(
  path: string,
  bound: Pick<BoundResult, 'sweep' | 'sigma'>,
  pair: {p: {source: string}; q: {source: string}},
): Promise<boolean> {
  if (!bound.sweep) return false
  await writeFile(path, sweepSvg(bound.sweep, {p: pair.p.source, q: pair.q.source, tightestSigma: bound.sigma}))
  return true
}
