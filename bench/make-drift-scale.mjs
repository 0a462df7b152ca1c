// @ts-check
// The data of the 3M × 1 000 drift run (issue 23), written by DuckDB itself: far faster than bench/make-drift-scale.py
// on this machine (numpy + pyarrow took ≈ 70 min under load for 3M × 1 000). Same design: P and Q, ROWS × COLS
// float64 columns; Q's column j is shifted by 0.01·j and scaled by 1 + 0.002·j; 1 % of P's cells are NaN. The
// normals come from Box–Muller on uniforms made by DuckDB's hash() of (row, column, draw), so the files are the same
// for any thread count and run (random() with setseed is not, once DuckDB runs in parallel).
// Run: node bench/make-drift-scale.mjs OUT_DIR [ROWS] [COLS]   (default 3 000 000 × 1 000; ≈ 24 GB per side)
import {mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'

const [out = '/tmp/scale/3m', rowsText = '3000000', colsText = '1000'] = process.argv.slice(2)
const rows = Number(rowsText),
  cols = Number(colsText)
mkdirSync(out, {recursive: true})

/**
 * A uniform in (0, 1) from 53 bits of the hash of one integer per (row, column, draw): deterministic, never 0 (log(0)
 * would be −∞). Not hash(i, j, draw): DuckDB's tuple hash made the two draws of one cell correlated (r = 0.63, so
 * Box–Muller gave sd 0.938); one integer each gives r = 0.0015, mean −0.0016, sd 1.0001 over 1e6 rows.
 */
const uniform = (/** @type {number} */ j, /** @type {number} */ draw) =>
  `((CAST(hash(i * 16384 + ${4 * j + draw}) >> 11 AS DOUBLE) + 0.5) / 9007199254740992.0)`
if (8 * cols + 3 >= 16384) throw new Error('at most 2 047 columns (the hash key gives each cell 4 draws of 16 384)')
const normal = (/** @type {number} */ j) => `(sqrt(-2 * ln(${uniform(j, 0)})) * cos(2 * pi() * ${uniform(j, 1)}))`

const db = await DuckDBInstance.create(':memory:')
const c = await db.connect()
for (const [side, shifted] of [
  ['p', false],
  ['q', true],
]) {
  const columns = Array.from({length: cols}, (_, j) => {
    const z = shifted ? `(${normal(j + cols)} * ${1 + 0.002 * j} + ${0.01 * j})` : normal(j)
    return shifted ? `${z} AS x${j}` : `CASE WHEN ${uniform(j, 2)} < 0.01 THEN 'NaN'::DOUBLE ELSE ${z} END AS x${j}`
  })
  const file = join(out, `${side}.parquet`)
  const t = performance.now()
  await c.run(
    `COPY (SELECT ${columns.join(', ')} FROM range(${rows}) t(i)) TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`,
  )
  console.log(`${file}: ${rows} × ${cols} in ${((performance.now() - t) / 1000).toFixed(1)} s`)
}
c.closeSync()
db.closeSync()
