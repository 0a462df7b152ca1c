import {type Command, Help} from '@oclif/core'

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
