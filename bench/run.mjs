// @ts-check
// `npm run bench`: runs every bench/*.mjs other than this file, one after another, each in its own Node process
// (so one benchmark's memory cannot inflate the next one's peak RSS). Build first: `npm run build`.
import {spawnSync} from 'node:child_process'
import {readdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .sort()
let failed = 0
for (const file of files) {
  console.log(`\n## ${file}`)
  const r = spawnSync(process.execPath, [here + file, ...process.argv.slice(2)], {stdio: 'inherit'})
  if (r.status !== 0) {
    failed++
    console.log(`${file} exited with ${r.status ?? r.signal}`)
  }
}
process.exit(failed ? 1 : 0)
