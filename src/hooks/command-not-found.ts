import type {Hook} from '@oclif/core'
import notFound from '@oclif/plugin-not-found'

/**
 * A mistyped command (`divergence compar`) names the closest one (@oclif/plugin-not-found's hook, registered in
 * package.json `oclif.hooks` rather than as a plugin, so the dependency is imported where it is used). The plugin
 * exits 127, a shell's "command not found"; for this tool a mistyped command is bad usage, which exits 2 like every
 * other usage error (README, exit codes), so a CI script can tell it from a failed gate (1).
 */
const hook: Hook.CommandNotFound = async function (opts) {
  try {
    return await notFound.call(this, opts)
  } catch (error) {
    const exit = (error as {oclif?: {exit?: number}}).oclif
    if (exit?.exit === 127) exit.exit = 2
    throw error
  }
}

export default hook
