import {type Command, Help} from '@oclif/core'

/**
 * oclif's help wraps every section to the terminal width except the first line: a command's summary (`compare -h`)
 * and the root description (`divergence help`). Ours run to 150 characters, so they are wrapped here the same way.
 * Registered as `oclif.helpClass` in package.json.
 */
export default class DivergenceHelp extends Help {
  protected summary(c: Command.Loadable): string | undefined {
    const s = super.summary(c)
    return s === undefined ? undefined : this.wrap(s)
  }

  formatRoot(): string {
    const [first, ...rest] = super.formatRoot().split('\n')
    return [this.wrap(first), ...rest].join('\n')
  }
}
