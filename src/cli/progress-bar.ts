/**
 * A progress bar for work counted in units (drift's columns): `drift [########------------]  412/1000 columns,
 * 1m 23s left`. The estimate is the mean time per unit so far times the units left: drift's columns cost about
 * the same each (one sort and one merge per side), so the plain rate is a fair forecast and needs no smoothing.
 */

/** Seconds as `45s`, `3m 07s`, `1h 02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

/** BAR_WIDTH cells of the bar. */
export const BAR_WIDTH = 24

/** One line of the bar after `done` of `total` units in `elapsed` seconds (no estimate before the first unit). */
export function progressLine(label: string, unit: string, done: number, total: number, elapsed: number): string {
  const filled = total > 0 ? Math.floor((BAR_WIDTH * done) / total) : 0
  const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled)
  const count = `${String(done).padStart(String(total).length)}/${total} ${unit}`
  const left = done > 0 && done < total ? `, ${formatDuration((elapsed / done) * (total - done))} left` : ''
  return `${label} [${bar}] ${count}${left}`
}

/**
 * A progress callback drawing the bar on `stream` (stderr; the caller decides that it is a TTY and not --quiet),
 * redrawn at most every `everyMs` and on the last unit, after which the line is cleared so the report starts clean.
 */
export function progressBar(
  stream: {write(text: string): unknown},
  label: string,
  unit: string,
  opts: {now?: () => number; everyMs?: number} = {},
): (done: number, total: number) => void {
  const now = opts.now ?? (() => performance.now())
  const every = opts.everyMs ?? 200
  const start = now()
  let last = Number.NEGATIVE_INFINITY
  return (done, total) => {
    const t = now()
    if (done >= total) {
      stream.write('\r\x1b[K')
      return
    }
    if (t - last < every) return
    last = t
    stream.write(`\r${progressLine(label, unit, done, total, (t - start) / 1000)}\x1b[K`)
  }
}
