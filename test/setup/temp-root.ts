/**
 * One temporary folder for a whole test run: every test's mkdtemp(tmpdir()) and every CLI child it spawns (which
 * inherit TMPDIR) write below it, and it is removed when the run ends, so runs leave nothing in the OS temp folder
 * (before this, each run left ~80 `divergence-*` folders there). vitest runs this in its main process before it
 * starts the workers, so they inherit the variable.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export function setup(): () => void {
  const previous = process.env.TMPDIR
  const root = mkdtempSync(join(tmpdir(), 'divergence-test-run-'))
  process.env.TMPDIR = root
  return () => {
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    rmSync(root, {recursive: true, force: true})
  }
}
