import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {DuckDBConnection, DuckDBInstance} from '@duckdb/node-api'
import {InputError} from '../../core/errors.js'
import {globEscaped, sqlStringList} from './quote.js'

/** An in-memory DuckDB that may read the given files and nothing else, and how to close it. */
export interface Engine {
  connection: DuckDBConnection
  close(): void
}

/**
 * Opens an in-memory DuckDB locked down before any user path reaches it:
 * - no extension is installed or loaded on its own (no httpfs, so no network), set when the instance is created;
 * - results keep the files' row order (preserve_insertion_order), which the `--sample` draws rely on;
 * - its spill folder is a fresh one under the OS temp folder (DuckDB's default is `.tmp` in the working
 *   directory), removed on close, and its memory limit is the read budget (src/io/budget.ts);
 * - `allowed_paths` lists exactly the files to read (globs and directories are expanded by src/io/duckdb/glob.ts,
 *   so no directory is opened to it), then `enable_external_access = false` refuses every other file, URL,
 *   extension and attachment, and `lock_configuration = true` makes all of this unchangeable for the session.
 * These are DuckDB's documented security settings (duckdb.org/docs/operations_manual/securing_duckdb). The native
 * addon is loaded here only, on first use, so the in-memory engine never loads it.
 */
export async function openEngine(
  files: string[],
  memoryBytes: number,
  /** What to do instead if the addon cannot load: drift can switch engines; the sample reader cannot. */
  instead = 'use --engine memory, or reinstall with npm ci',
): Promise<Engine> {
  let api: typeof import('@duckdb/node-api')
  try {
    api = await import('@duckdb/node-api')
  } catch (error) {
    throw new InputError(
      `the DuckDB engine could not be loaded (${String((error as Error).message).split('\n')[0]}); ${instead}`,
    )
  }
  let spill: string
  try {
    spill = mkdtempSync(join(tmpdir(), 'divergence-duckdb-'))
  } catch (error) {
    throw new InputError(
      `the DuckDB engine needs a spill folder under ${tmpdir()} and could not make one (${String((error as Error).message).split('\n')[0]}); set TMPDIR to a writable folder`,
    )
  }
  let instance: DuckDBInstance | undefined
  const close = () => {
    instance?.closeSync()
    rmSync(spill, {recursive: true, force: true})
  }
  try {
    instance = await api.DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      temp_directory: spill,
      // DuckDB's default, stated because the samples are row positions (./sampled.ts, ./columns.ts sampledSide):
      // scans stream in the files' and their rows' order for any thread count, and the lock keeps it so.
      preserve_insertion_order: 'true',
      memory_limit: `${Math.max(64 * 1024 * 1024, Math.floor(memoryBytes))}B`,
    })
    const connection = await instance.connect()
    // Each file also in the escaped form the readers are given (./quote.ts sqlPath), a pattern that matches it alone.
    const escaped = files.map(globEscaped).filter((f, k) => f !== files[k])
    await connection.run(`SET allowed_paths = ${sqlStringList([...files, ...escaped])}`)
    await connection.run('SET enable_external_access = false')
    await connection.run('SET lock_configuration = true')
    return {
      connection,
      close: () => {
        connection.closeSync()
        close()
      },
    }
  } catch (error) {
    close()
    throw error
  }
}
