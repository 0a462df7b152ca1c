#!/usr/bin/env node
import {fileURLToPath} from 'node:url'
// The bundled CLI (scripts/bundle.mjs): the same code as dist/, joined so a run does not load ~300 modules one by one.
import {execute} from '../dist/bundle/commands/_main.js'

// divergence reads only the files it is given: no user or dev plugins (it has none to offer), no user theme file,
// so oclif does not look in ~/.local/share/divergence or ~/.config/divergence (issue 7, safety).
process.env.DIVERGENCE_DISABLE_THEME ??= '1'
await execute({
  loadOptions: {root: fileURLToPath(new URL('..', import.meta.url)), userPlugins: false, devPlugins: false},
})
