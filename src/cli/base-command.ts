import {writeFileSync} from 'node:fs'
import {Command, Flags} from '@oclif/core'
import {InputError, nameOptions, type OptionKey} from '../core/errors.js'
import {setWorkBudget} from '../core/work-budget.js'
import type {Report} from '../report/document.js'
import {exitCodeFor} from '../report/gates.js'
import {type OutputFormat, render} from '../report/render.js'
import {flagNamer} from './option-flags.js'
import {checkOutputPath} from './plot.js'
import {progressBar} from './progress-bar.js'

/**
 * What every divergence command shares: output format, --json, --quiet, --debug, and the error policy
 * (one line on stderr, exit 2, nothing on stdout, a stack trace only with --debug).
 * Subclasses parse their flags, call core, build a Report and hand it to `emit`.
 */
export abstract class DivergenceCommand extends Command {
  static enableJsonFlag = true

  static baseFlags = {
    format: Flags.string({
      description:
        'output format: table for people, json/csv for machines, markdown for a pull-request comment, html for one self-contained page',
      options: ['table', 'json', 'csv', 'markdown', 'html'],
      default: 'table',
      helpGroup: 'OUTPUT',
    }),
    html: Flags.string({
      description:
        'also write the report as one self-contained HTML page (inline CSS and SVG figures, nothing fetched) to FILE.html; stdout keeps --format',
      helpGroup: 'OUTPUT',
    }),
    verbose: Flags.boolean({
      description: "table: add a reading of the numbers in the papers' terms",
      default: false,
      helpGroup: 'OUTPUT',
    }),
    quiet: Flags.boolean({
      char: 'q',
      description: 'no progress and no warnings on stderr',
      default: false,
      helpGroup: 'OUTPUT',
    }),
    debug: Flags.boolean({
      description: 'print stack traces of errors',
      default: false,
      helpGroup: 'OUTPUT',
      hidden: false,
    }),
  }

  /** Option keys this command offers under another flag than the usual one (src/cli/option-flags.ts). */
  static optionFlags: Partial<Record<OptionKey, string>> = {}

  private debugMode = false
  private verboseMode = false

  /** Applies DIVERGENCE_MAX_SECONDS, the time budget above which methods refuse to start (core/work-budget.ts). */
  async init(): Promise<void> {
    await super.init()
    const text = process.env.DIVERGENCE_MAX_SECONDS
    if (text === undefined || text === '') return
    const seconds = Number(text)
    if (!(seconds > 0 && Number.isFinite(seconds)))
      throw new InputError(`DIVERGENCE_MAX_SECONDS must be a positive number of seconds, got ${JSON.stringify(text)}`)
    setWorkBudget(seconds)
  }
  private quietMode = false
  private htmlPath: string | undefined

  /**
   * Remembers the output flags that the error and progress paths need, and checks the --html path before any work,
   * so that a long run does not end in a raw ENOENT.
   */
  protected setOutputFlags(flags: {debug?: boolean; quiet?: boolean; verbose?: boolean; html?: string}): void {
    this.debugMode = Boolean(flags.debug)
    this.verboseMode = Boolean(flags.verbose)
    this.quietMode = Boolean(flags.quiet)
    if (flags.html !== undefined)
      checkOutputPath(flags.html, {flag: '--html', extension: '.html', what: 'an HTML page'})
    this.htmlPath = flags.html
  }

  /** "wrote FILE" on stderr (not with --quiet), for every file a command writes besides stdout. */
  protected wroteLine(path: string): void {
    if (!this.quietMode) process.stderr.write(`wrote ${path}\n`)
  }

  /** The output format: --json wins over --format. */
  protected outputFormat(flags: {format?: string}): OutputFormat {
    return this.jsonEnabled() ? 'json' : ((flags.format ?? 'table') as OutputFormat)
  }

  /** A warning line on stderr (suppressed by --quiet); it also goes into the report's `warnings`. */
  protected warnLine(message: string): void {
    if (!this.quietMode) process.stderr.write(`warning: ${message}\n`)
  }

  /**
   * A progress callback for core: a percentage on stderr, only on a TTY and never with --quiet,
   * so stdout stays exactly the report.
   */
  protected progress(label: string): ((done: number, total: number, detail?: string) => void) | undefined {
    if (this.quietMode || !process.stderr.isTTY) return undefined
    let last = -1
    return (done, total, detail) => {
      // A detail (Sinkhorn: iteration and current bracket) replaces the percentage, which says little there.
      if (detail !== undefined) {
        process.stderr.write(`\r${label} ${detail}\x1b[K`)
        return
      }
      const pct = total > 0 ? Math.floor((100 * done) / total) : 0
      if (pct === last) return
      last = pct
      process.stderr.write(`\r${label} ${pct}%${pct >= 100 ? '\r\x1b[K' : ''}`)
    }
  }

  /**
   * A progress bar with units done and the time left (./progress-bar.ts), on stderr, only on a TTY and never with
   * --quiet, so stdout stays exactly the report.
   */
  protected progressBar(label: string, unit: string): ((done: number, total: number) => void) | undefined {
    if (this.quietMode || !process.stderr.isTTY) return undefined
    return progressBar(process.stderr, label, unit)
  }

  /** This command's flag for an option key of core or io. */
  protected flagOf(key: OptionKey): string {
    return flagNamer((this.ctor as unknown as typeof DivergenceCommand).optionFlags)(key)
  }

  /**
   * Writes the report to stdout in the chosen format, its warnings to stderr, and sets the exit code. Options that
   * core mentions in warnings, reasons and part errors are named by this command's flags first.
   */
  protected emit(named: Report, format: OutputFormat): void {
    const report = nameReportOptions(named, (key) => this.flagOf(key))
    // The same warning from two parts (compare's noisy JSD and bound both choosing the default σ) is said once.
    if (report.warnings) report.warnings = [...new Set(report.warnings)]
    const text = render(report, format, {verbose: this.verboseMode})
    for (const w of report.warnings ?? []) this.warnLine(w)
    if (this.htmlPath !== undefined) {
      writeFileSync(this.htmlPath, render(report, 'html'))
      this.wroteLine(this.htmlPath)
    }
    process.stdout.write(text)
    process.exitCode = exitCodeFor(report.gates)
  }

  /** "missing Q; usage: divergence compare P Q [flags] (divergence compare --help for more)" — one line. */
  private missingArgsLine(names: string[]): string {
    const ctor = this.ctor as unknown as {args?: Record<string, unknown>}
    const args = Object.keys(ctor.args ?? {})
      .map((a) => a.toUpperCase())
      .join(' ')
    const cmd = `${this.config.bin} ${this.id ?? ''}`.trim()
    // Q is optional (one file with --by), but without P it is missing too: say both.
    if (names.includes('p') && !names.includes('q') && ctor.args && 'q' in ctor.args) names = [...names, 'q']
    return `missing ${names.map((n) => n.toUpperCase()).join(' and ')}; usage: ${cmd} ${args} [flags] (${cmd} --help for more)`
  }

  /** One clear line on stderr and exit 2 for any error; stdout gets nothing. */
  async catch(err: Error & {oclif?: {exit?: number}; code?: string}): Promise<void> {
    if (this.debugMode || process.argv.includes('--debug')) process.stderr.write(`${err.stack ?? err}\n`)
    // oclif's parse errors span lines ("Parsing --x", "\tExpected …", "See more help with --help"): fold them into one.
    const missing = (err as {args?: Array<{name: string}>}).args
    if (err.oclif && Array.isArray(missing) && /^Missing \d+ required arg/.test(err.message)) {
      process.stderr.write(`Error: ${this.missingArgsLine(missing.map((a) => a.name))}\n`)
      process.exitCode = 2
      this.parsed = true
      return
    }
    const text = err instanceof InputError ? err.render((key) => this.flagOf(key)) : err.message || String(err)
    let message = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0 && !/^See more help/.test(l))
      .join(': ')
      .replace(/\s+/g, ' ')
    if (!(err instanceof InputError) && !err.oclif && !isUserFacingSystemError(err)) {
      message = `internal error: ${message} (please report it; rerun with --debug for details)`
    }
    process.stderr.write(`Error: ${message}\n`)
    process.exitCode = 2
    // A failed parse is reported above; oclif's extra "did not parse its arguments" warning would be a second line.
    this.parsed = true
  }
}

function isUserFacingSystemError(err: {code?: string}): boolean {
  return typeof err.code === 'string' && ['ENOENT', 'EISDIR', 'EACCES', 'ENOTDIR', 'EMFILE'].includes(err.code)
}

/** Every string in the report (JSON, sections, reading, warnings) with option mentions named by `name`. */
function nameReportOptions<T>(value: T, name: (key: OptionKey) => string): T {
  if (typeof value === 'string') return nameOptions(value, name) as T
  if (Array.isArray(value)) return value.map((v) => nameReportOptions(v, name)) as T
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = nameReportOptions(v, name)
    return out as T
  }
  return value
}
