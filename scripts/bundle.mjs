// @ts-check
// Bundles the built CLI (dist/, after tsc) with esbuild into dist/bundle/commands: one file per command, the help
// class, the hook and bin/run.js's `execute`, sharing chunks of common code, @oclif/core included. Why: a CLI run
// used to resolve, read and compile ~300 modules (ours and oclif's) before doing anything, ~0.2 CPU-s of every run
// (bench/RESULTS.md "Issue 22 item 14, session 30"). The behaviour is the same code: this only joins files.
//
// Every output file sits in dist/bundle/commands/, so a module's own location can be rebuilt from the output's:
// `import.meta.url` in dist/x/y.js becomes `new URL('../../x/y.js', import.meta.url)`, and `__dirname` in a bundled
// node_modules file becomes its directory in node_modules, resolved from the output the same way. The wasm module,
// the worker threads' programs (which stay unbundled in dist/) and oclif's own package.json are then found where
// they were. Kept out of the bundle: native or loaded by path (DuckDB, apache-arrow, whose CommonJS build
// src/io/arrow.ts requires by path), and what oclif only requires for TypeScript sources (typescript, ts-node).
// Run: node scripts/bundle.mjs   (npm run build does; the output is dist/bundle, never committed)
import {readdirSync, readFileSync, rmSync} from 'node:fs'
import {dirname, join, relative, resolve, sep} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DIST = join(ROOT, 'dist')
const OUT = join(DIST, 'bundle', 'commands')
/** The virtual module bin/run.js imports: oclif's entry point, from the same bundled copy the commands extend. */
const MAIN = 'divergence-bundle:main'
/** oclif's files, the only bundled package that finds its own files by `__dirname` (its package.json). */
const OCLIF = `${sep}node_modules${sep}@oclif${sep}core${sep}`

/** Path from an output file (in OUT) to `file`, as a URL path. */
const fromOutput = (/** @type {string} */ file) => relative(OUT, file).split(sep).join('/')

/** @type {import('esbuild').Plugin} */
const locations = {
  name: 'locations',
  setup(b) {
    b.onResolve({filter: /^divergence-bundle:main$/}, (a) => ({path: a.path, namespace: 'main'}))
    b.onLoad({filter: /.*/, namespace: 'main'}, () => ({
      contents: "export {execute} from '@oclif/core'",
      resolveDir: ROOT,
      loader: 'js',
    }))
    b.onLoad({filter: /\.js$/}, (a) => {
      const source = readFileSync(a.path, 'utf8')
      const inModules = a.path.includes(`${sep}node_modules${sep}`)
      if (!inModules && !source.includes('import.meta.url')) return undefined
      // Only oclif's own files: other packages (ejs) write `__filename` into code they generate, which must stay.
      if (inModules && !(a.path.includes(OCLIF) && /\b__(dirname|filename)\b/.test(source))) return undefined
      const contents = inModules
        ? source
            .replace(/\b__dirname\b/g, `__bundlePath(${JSON.stringify(fromOutput(dirname(a.path)))})`)
            .replace(/\b__filename\b/g, `__bundlePath(${JSON.stringify(fromOutput(a.path))})`)
        : source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOutput(a.path))}, import.meta.url).href`)
      return {contents, loader: 'js'}
    })
  },
}

const commands = readdirSync(join(DIST, 'commands')).filter((f) => f.endsWith('.js'))
rmSync(join(DIST, 'bundle'), {recursive: true, force: true})
await build({
  entryPoints: {
    ...Object.fromEntries(commands.map((f) => [f.slice(0, -3), join(DIST, 'commands', f)])),
    _help: join(DIST, 'cli', 'help.js'),
    '_command-not-found': join(DIST, 'hooks', 'command-not-found.js'),
    _main: MAIN,
  },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '_chunk-[hash]',
  external: ['@duckdb/node-api', 'apache-arrow', 'typescript', 'ts-node'],
  plugins: [locations],
  // CommonJS code in an ESM bundle needs a `require` (node's builtins, oclif's optional packages) and the path helper
  // the plugin's `__dirname` rewrite calls.
  banner: {
    js: [
      "import {createRequire as __createRequire} from 'node:module'",
      "import {fileURLToPath as __fileURLToPath} from 'node:url'",
      'const require = __createRequire(import.meta.url)',
      'const __bundlePath = (p) => __fileURLToPath(new URL(p, import.meta.url))',
    ].join('\n'),
  },
  logLevel: 'warning',
})
