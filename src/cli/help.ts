import {type Command, CommandHelp, Help} from '@oclif/core'

/**
 * A command's help. oclif lays a flag list out on several lines per flag when a description would take more than five
 * lines, and then wraps each description for two columns less indentation than it gives it (@oclif/core's
 * help/formatter.js, renderMultiline: wrap at indentation + 2, indent by 4), so its lines ran 2 columns past the
 * width. Asking for 2 more columns of indentation makes both layouts fit (the one-line layout wraps 2 columns
 * earlier, which costs nothing).
 */
class DivergenceCommandHelp extends CommandHelp {
  renderList(
    input: (string | undefined)[][],
    opts: {indentation: number; multiline?: boolean; spacer?: string; stripAnsi?: boolean},
  ): string {
    return super.renderList(input, {...opts, indentation: opts.indentation + 2})
  }
}

/**
 * oclif's help wraps every section to the terminal width except the first line: a command's summary (`compare -h`)
 * and the root description (`divergence help`). Ours run to 150 characters, so they are wrapped here the same way —
 * but not in the command list, whose table wraps each summary to its own column (wrapping twice broke lines short).
 * Registered as `oclif.helpClass` in package.json.
 */
export default class DivergenceHelp extends Help {
  private listing = false

  protected summary(c: Command.Loadable): string | undefined {
    const s = super.summary(c)
    return s === undefined || this.listing ? s : this.wrap(s)
  }

  protected CommandHelpClass = DivergenceCommandHelp

  protected formatCommands(commands: Array<Command.Loadable>): string {
    this.listing = true
    try {
      return super.formatCommands(commands)
    } finally {
      this.listing = false
    }
  }

  /** The root help: the description, then where to start (an example run of `compare`), then oclif's sections. */
  formatRoot(): string {
    const [first, ...rest] = super.formatRoot().split('\n')
    const start = this.section(
      'START HERE',
      `${this.wrap('divergence compare P Q computes every part at once (W1, JSD, the bound, alignment, drifted columns) with its gates; the other commands are those parts one at a time. On the bundled example:')}\n$ divergence compare fixtures/examples/real.csv fixtures/examples/generated.csv`,
    )
    return [this.wrap(first), '', start, ...rest].join('\n')
  }
}
