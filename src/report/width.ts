/** Terminal width and text measured in terminal columns, for the table renderer. */

/** The width used when neither the terminal nor $COLUMNS says: wide enough for every table's value columns. */
export const DEFAULT_WIDTH = 100

/** Below this a boxed table cannot hold a name, a value and a unit side by side; narrower requests are raised to it. */
export const MIN_WIDTH = 40

/**
 * The width to render for: the terminal's columns when stdout is a TTY, else $COLUMNS (a positive integer), else 100.
 * Never below MIN_WIDTH.
 */
export function terminalWidth(
  stdout: {isTTY?: boolean; columns?: number} = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number {
  let width = DEFAULT_WIDTH
  if (stdout.isTTY && stdout.columns && stdout.columns > 0) width = stdout.columns
  else if (env.COLUMNS !== undefined && /^\s*\d+\s*$/.test(env.COLUMNS) && Number(env.COLUMNS) > 0)
    width = Number(env.COLUMNS)
  return Math.max(MIN_WIDTH, width)
}

/**
 * Columns a string takes in a terminal: ANSI colour codes take none, combining marks (the hat of k̂) none, every other
 * code point one — the same count cli-table3 uses for the symbols in our reports (σ, ‖, ≤, √, ×).
 */
export function displayWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '').replace(/\p{M}/gu, '')
  let n = 0
  for (const _ of plain) n++
  return n
}

/**
 * `text` broken at spaces into lines of at most `width` columns (a word longer than that is cut); the first line is
 * prefixed with `first`, the others with `rest` (a hanging indent), both counted in the width.
 */
export function wrapText(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = []
  let line = first
  let lineWidth = displayWidth(first)
  let empty = true
  const room = () => width - lineWidth
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    let w = word
    const ww = displayWidth(w)
    if (!empty && ww + 1 > room()) {
      lines.push(line)
      line = rest
      lineWidth = displayWidth(rest)
      empty = true
    }
    if (!empty) {
      line += ' '
      lineWidth++
    }
    // A word wider than a whole line is cut into pieces that fit.
    while (displayWidth(w) > room() && room() > 0) {
      const chars = [...w]
      let cut = 0,
        cw = 0
      while (cut < chars.length && cw + displayWidth(chars[cut]) <= room()) cw += displayWidth(chars[cut++])
      if (cut === 0) break
      lines.push(line + chars.slice(0, cut).join(''))
      w = chars.slice(cut).join('')
      line = rest
      lineWidth = displayWidth(rest)
    }
    line += w
    lineWidth += displayWidth(w)
    empty = false
  }
  if (!empty || lines.length === 0) lines.push(line)
  return lines
}
