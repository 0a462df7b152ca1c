#!/usr/bin/env node
import {fileURLToPath} from 'node:url'
import {execute} from '@oclif/core'

// divergence reads only the files it is given: no user or dev plugins (it has none to offer), no user theme file,
// so oclif does not look in ~/.local/share/divergence or ~/.config/divergence (issue 7, safety).
process.env.DIVERGENCE_DISABLE_THEME ??= '1'
await execute({
  loadOptions: {root: fileURLToPath(new URL('..', import.meta.url)), userPlugins: false, devPlugins: false},
})
