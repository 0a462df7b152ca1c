/**
 * Exact truths for fixtures/w1/far-*.csv, far1d-*.csv, far1d2-*.csv (issue 19 item 6: one point at 1e12, or 1e6,
 * of weight 1e-12), printed by scripts/w1-far-point.py (exact rational transport LP in 2-D, the quantile formula in
 * Fractions in 1-D; `/tmp/anchors/bin/python scripts/w1-far-point.py`).
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {makeSampleSet, type SampleSet} from '../../../../src/core/sampleset.js'

export const FAR_TRUTH = {
  /** far-p.csv vs far-q.csv, 2-D, p = 1. */
  far2d: 0.7075437525314703,
  /** far1d-p.csv vs far1d-q.csv, p = 1. */
  far1d: 0.5851507234645408,
  /** far1d2-p.csv vs far1d2-q.csv, p = 2 (far point at 1e6). */
  far1d2: 0.3873745181833062,
}

/** A fixture with its last column `w` as weights (normalised to sum 1, as the readers do). */
export function readWeighted(name: string): SampleSet {
  const path = fileURLToPath(new URL(`../../../../fixtures/w1/${name}`, import.meta.url))
  const lines = readFileSync(path, 'utf8').trim().split('\n')
  const header = lines[0].split(',')
  const d = header.length - 1
  const rows = lines.slice(1).map((l) => l.split(',').map(Number))
  const data = new Float64Array(rows.length * d),
    w = new Float64Array(rows.length)
  rows.forEach((r, i) => {
    for (let k = 0; k < d; k++) data[i * d + k] = r[k]
    w[i] = r[d]
  })
  let total = 0
  for (const v of w) total += v
  return makeSampleSet(
    data,
    rows.length,
    d,
    header.slice(0, d),
    name,
    w.map((v) => v / total),
  )
}
