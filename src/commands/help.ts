import {commands} from '@oclif/plugin-help'

/**
 * `divergence help [COMMAND]`: oclif's own help command (@oclif/plugin-help), registered here as one of our commands
 * rather than as a plugin, so the dependency is imported where it is used. It renders with src/cli/help.ts.
 */
export default commands.help
