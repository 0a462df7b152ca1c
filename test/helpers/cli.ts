import {spawn, spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

/** The built CLI entry point; end-to-end tests run it exactly as a user would. */
export const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

/** Repository root, for fixture paths. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface CliResult {
  stdout: string
  stderr: string
  code: number
}

/**
 * Runs `divergence ...args` in a child process (built dist/, NO_COLOR, no TTY) and returns its streams and exit code.
 * `input` is piped to stdin.
 */
export function runCli(
  args: string[],
  options: {input?: string | Buffer; cwd?: string; env?: Record<string, string>} = {},
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    env: {...process.env, NO_COLOR: '1', ...options.env},
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  })
  return {stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1}
}

/**
 * `runCli` without blocking: for `it.concurrent` matrices, so several CLI processes run at once. Killed after
 * `timeoutMs` (a hang fails the test instead of stalling CI); stdin is closed at once.
 */
export function runCliAsync(
  args: string[],
  options: {env?: Record<string, string>; timeoutMs?: number} = {},
): Promise<{stdout: string; stderr: string; code: number | null}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: {...process.env, NO_COLOR: '1', ...options.env},
    })
    let stdout = '',
      stderr = ''
    child.stdout.on('data', (b) => (stdout += b))
    child.stderr.on('data', (b) => (stderr += b))
    child.stdin.end()
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({stdout, stderr, code})
    })
  })
}

/**
 * A command's JSON document without its `timing` (the one part that differs run to run), after checking that the
 * timing is there: what determinism tests compare.
 */
export function withoutTiming(stdout: string) {
  const {timing, ...rest} = JSON.parse(stdout)
  if (typeof timing?.total !== 'number') throw new Error(`no timing.total in the JSON: ${stdout.slice(0, 200)}`)
  return rest
}

/**
 * One run per distinct argument list within a test file: `shared(f)` calls `f` the first time it sees its arguments
 * and hands every later caller the same result (for `runCliAsync`, the same promise). For tests that each check a
 * different property of one output, so the CLI is not spawned again to print the same bytes. Not for a test that
 * compares two runs of the same arguments (run to run, concurrent processes): those must spawn each run themselves.
 */
export function shared<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  const seen = new Map<string, R>()
  return (...args) => {
    const key = JSON.stringify(args)
    if (!seen.has(key)) seen.set(key, f(...args))
    return seen.get(key) as R
  }
}
