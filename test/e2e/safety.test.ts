/**
 * Safety: divergence reads only the files it is given and writes only --out / --plot; it starts no
 * process and opens no connection; paths with spaces and non-ASCII characters work.
 *
 * The runs go through Node's permission model (`--experimental-permission`, Node ≥ 20): file reads are allowed only
 * in the installed package, in the input directory, and in /proc and /run/WSL (where oclif's platform probe, is-wsl,
 * looks); writes only to the exact --out/--plot path; child processes and worker threads not at all (the kernels'
 * worker pool then runs on the calling thread, src/kernels/pool.ts). Any other access throws ERR_ACCESS_DENIED and
 * the command fails — the negative controls below show that it would.
 * Network access is not covered by Node 20's permission model, so a preload makes every socket, DNS lookup and fetch
 * throw; eval is checked in our own source (oclif's help templates, ejs, compile strings of their own).
 */
import {spawnSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {BIN, ROOT, runCli} from '../helpers/cli.js'

const base = mkdtempSync(join(tmpdir(), 'divergence-safety-'))
const dir = join(base, 'dir with space ü')
const outDir = join(base, 'résultats 出力')
mkdirSync(dir)
mkdirSync(outDir)
const real = join(dir, 'réel données.csv')
const generated = join(dir, '生成 ✓.parquet')
copyFileSync(join(ROOT, 'fixtures/examples/real.csv'), real)
copyFileSync(join(ROOT, 'fixtures/examples/generated.parquet'), generated)

const offline = join(base, 'offline.mjs')
writeFileSync(
  offline,
  `
import net from 'node:net'
import dns from 'node:dns'
const refuse = (what) => () => { throw new Error('network access attempted: ' + what) }
net.Socket.prototype.connect = refuse('socket')
dns.lookup = refuse('dns.lookup')
dns.promises.lookup = refuse('dns.promises.lookup')
globalThis.fetch = refuse('fetch')
`,
)

/** Runs the CLI sandboxed: reads limited to the package, the inputs and the platform probe; writes to `writes` only. */
function sandboxed(
  args: string[],
  writes: string[] = [],
  extra: {flags?: string[]; env?: Record<string, string>} = {},
) {
  const permission = [
    '--experimental-permission',
    ...(extra.flags ?? []),
    `--allow-fs-read=${join(ROOT, '*')}`,
    `--allow-fs-read=${join(dir, '*')}`,
    `--allow-fs-read=${offline}`,
    '--allow-fs-read=/proc/*',
    '--allow-fs-read=/run/WSL',
    ...writes.map((w) => `--allow-fs-write=${w}`),
  ]
  const r = spawnSync(process.execPath, [...permission, '--import', offline, BIN, ...args], {
    cwd: ROOT,
    env: {...process.env, NO_COLOR: '1', ...extra.env},
    encoding: 'utf8',
    timeout: 120_000,
  })
  // Node's one-time notice that the permission model is experimental is not divergence's output.
  const stderr = r.stderr
    .split('\n')
    .filter((l) => !/ExperimentalWarning: Permission|SecurityWarning: The flag --allow-addons|--trace-warnings/.test(l))
    .join('\n')
    .trim()
  return {stdout: r.stdout, stderr, code: r.status}
}

describe('reads only its inputs, writes only --out/--plot, no processes or network', () => {
  it('compare on inputs whose paths have spaces and unicode reads them and nothing else', () => {
    const r = sandboxed(['compare', real, generated, '--only', 'w1,jsd', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.p.path).toBe(real)
    expect(doc.q.path).toBe(generated)
    expect(doc.w1.value).toBeGreaterThan(0)
  })

  it('every command runs in the sandbox (info, w1, jsd, bound, align)', () => {
    for (const args of [
      ['info', real],
      ['w1', real, generated],
      ['jsd', real, generated],
      ['bound', real, generated, '--draws', '200'],
      ['align', real, generated],
    ]) {
      const r = sandboxed([...args, '--json', '--quiet'])
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0)
    }
  })

  it('gen --out and bound --plot write exactly the path given, with spaces and unicode', () => {
    const out = join(outDir, 'cercle ⭕.parquet')
    const plot = join(outDir, 'borne σ.svg')
    const before = readdirSync(outDir)
    expect(sandboxed(['gen', 'circle', '-n', '50', '--out', out], [out]).code).toBe(0)
    const r = sandboxed(
      ['bound', real, generated, '--sweep', '--sweep-points', '3', '--draws', '200', '--plot', plot, '--quiet'],
      [plot],
    )
    expect(r.code, r.stderr).toBe(0)
    expect(readdirSync(outDir).sort()).toEqual([...before, 'borne σ.svg', 'cercle ⭕.parquet'].sort())
    expect(readFileSync(plot, 'utf8')).toContain('<svg')
    const back = runCli(['info', out, '--json'])
    expect(JSON.parse(back.stdout).info.n).toBe(50)
  })

  it('negative controls: the sandbox does refuse a write elsewhere and a read outside the inputs', () => {
    const elsewhere = join(outDir, 'not allowed.csv')
    const write = sandboxed(['gen', 'circle', '-n', '5', '--out', elsewhere], [join(outDir, 'only this.csv')])
    expect(write.code).not.toBe(0)
    expect(existsSync(elsewhere)).toBe(false)
    const outside = join(base, 'outside.csv')
    copyFileSync(real, outside)
    const read = sandboxed(['info', outside])
    expect(read.code).not.toBe(0)
    expect(read.stderr).toMatch(/ERR_ACCESS_DENIED|restricted|cannot be read|no such file/)
    const net = spawnSync(
      process.execPath,
      ['--import', offline, '--input-type=module', '-e', "import net from 'node:net'; net.connect(80, '127.0.0.1')"],
      {encoding: 'utf8'},
    )
    expect(net.status).not.toBe(0)
    expect(net.stderr).toContain('network access attempted: socket')
  })
})

/*
 * The DuckDB engine (src/io/duckdb/) is a native addon: Node's permission model cannot see the files native code
 * opens, so it can only refuse the addon (no --allow-addons) or let it run. What confines DuckDB is DuckDB's own
 * lock, set before any user path reaches it (only the given files allowed, no external access, no extensions,
 * configuration locked; test/io/duckdb.test.ts shows each refusal). Here: without --allow-addons the engine fails
 * with one clear line and exit 2; with it, the run succeeds with Node writing only into the temp folder (DuckDB's
 * spill folder, a fresh one there, removed afterwards), and the result is the in-memory engine's.
 */
describe('the DuckDB engine in the sandbox', () => {
  const driftP = join(dir, 'dérive p.parquet')
  copyFileSync(join(ROOT, 'fixtures/drift/indexed-p.parquet'), driftP)
  const driftQ = join(dir, 'dérive q.parquet')
  // P's and Q's columns must agree in type: fixtures/drift/q.parquet has a numeric 'c' where P's is text, which both
  // engines refuse (one column, one type).
  copyFileSync(join(ROOT, 'fixtures/drift/indexed-q.parquet'), driftQ)

  it('without --allow-addons: exit 2, one line saying the engine could not be loaded', () => {
    const r = sandboxed(['drift', driftP, driftQ, '--engine', 'duckdb', '--quiet'])
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/DuckDB engine could not be loaded .*addon.*--engine memory/)
  })

  it('with --allow-addons and writes only to a fresh temp folder: the in-memory numbers, the spill folder removed', () => {
    const temp = mkdtempSync(join(base, 'tmp-'))
    const r = sandboxed(['drift', driftP, driftQ, '--engine', 'duckdb', '--json', '--quiet'], [join(temp, '*')], {
      flags: ['--allow-addons'],
      env: {TMPDIR: temp},
    })
    expect(r.code, r.stderr).toBe(0)
    const duck = JSON.parse(r.stdout)
    expect(duck.drift.engine).toBe('duckdb')
    expect(readdirSync(temp)).toEqual([])
    const memory = JSON.parse(runCli(['drift', driftP, driftQ, '--engine', 'memory', '--json', '--quiet']).stdout)
    expect(duck.drift.columns).toEqual(memory.drift.columns)
  })

  it('negative control: without a writable temp folder the engine cannot start (its spill folder is really made there)', () => {
    const temp = mkdtempSync(join(base, 'tmp-'))
    const r = sandboxed(['drift', driftP, driftQ, '--engine', 'duckdb', '--quiet'], [], {
      flags: ['--allow-addons'],
      env: {TMPDIR: temp},
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/needs a spill folder under .*could not make one/)
    expect(r.stderr.split('\n')).toHaveLength(1)
  })
})

/*
 * The multivariate commands' DuckDB reader (src/io/duckdb/sampled.ts) goes through the same locked engine: a file
 * over the memory budget, named like SQL, is sampled in the sandbox with Node writing only into a fresh temp folder
 * (left empty), nothing else written (no COPY target appears), and the numbers are the in-memory `--sample` run's.
 */
describe('the DuckDB sample reader in the sandbox', () => {
  const sqlNamed = join(dir, "x'); COPY (SELECT 1) TO 'pwned.csv'; --.parquet")
  copyFileSync(join(ROOT, 'fixtures/examples/real.parquet'), sqlNamed)
  // 10 000 B over 2 columns holds 208 rows of the 500 (src/io/duckdb/sampled.ts: budget / (8 × 3 × columns)).
  const budget = {DIVERGENCE_MAX_BYTES: '10000'}

  it('without --allow-addons: exit 2, one line saying the engine could not be loaded and why it was needed', () => {
    const r = sandboxed(['w1', sqlNamed, generated], [], {env: budget})
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/DuckDB engine could not be loaded .*addon.*needs it \(over the memory budget\)/)
  })

  it('with --allow-addons: the sample read, the temp folder left empty, no file written, the in-memory numbers', () => {
    const temp = mkdtempSync(join(base, 'tmp-'))
    const r = sandboxed(['w1', sqlNamed, generated, '--json'], [join(temp, '*')], {
      flags: ['--allow-addons'],
      env: {...budget, TMPDIR: temp},
    })
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.p.path).toBe(sqlNamed)
    expect(doc.p.sampling).toMatchObject({engine: 'duckdb', rows: 500, n: 208})
    expect(readdirSync(temp)).toEqual([])
    for (const where of [ROOT, dir, temp]) expect(existsSync(join(where, 'pwned.csv'))).toBe(false)
    const memory = JSON.parse(runCli(['w1', sqlNamed, generated, '--sample', '208', '--json']).stdout)
    expect(doc.w1).toEqual(memory.w1)
  })
})

describe('no eval, no shell, no network in the source', () => {
  const files = (d: string): string[] =>
    readdirSync(d, {withFileTypes: true}).flatMap((e) =>
      e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : [],
    )
  const sources = files(join(ROOT, 'src')).map((path) => ({path, text: readFileSync(path, 'utf8')}))

  it('scans a non-empty source tree', () => {
    expect(sources.length).toBeGreaterThan(50)
  })

  for (const [what, pattern] of [
    ['eval or new Function', /\beval\s*\(|new\s+Function\s*\(/],
    ['child processes', /node:child_process|['"]child_process['"]|\bexecSync\b|\bspawn\s*\(/],
    ['network modules or fetch', /['"]node:(net|http|https|dgram|tls|dns)['"]|\bfetch\s*\(|XMLHttpRequest|WebSocket/],
  ] as const) {
    it(`src/ uses no ${what}`, () => {
      const hits = sources.filter((s) => pattern.test(s.text)).map((s) => s.path)
      expect(hits).toEqual([])
    })
  }

  it('src/ starts worker threads in two places only, each on its own compiled worker file: the kernel pool and the DuckDB drift column pool', () => {
    const hits = sources.filter((s) => /node:worker_threads/.test(s.text)).map((s) => s.path.slice(ROOT.length))
    expect(hits.sort()).toEqual([
      'src/io/duckdb/drift-worker.ts',
      'src/io/duckdb/workers.ts',
      'src/kernels/pool-worker.ts',
      'src/kernels/pool.ts',
    ])
    for (const starter of ['src/kernels/pool.ts', 'src/io/duckdb/workers.ts']) {
      const text = sources.find((s) => s.path.endsWith(starter))!.text
      expect(text).not.toMatch(/eval\s*:\s*true/)
      // The worker's program is a file of this package, named by a URL relative to the module, never source text.
      expect(text).toMatch(/new URL\('\.\/[\w-]+\.js', import\.meta\.url\)/)
    }
  })
})
