/**
 * Text from a file (a column name, a cell, a declared type) as it may appear inside a one-line error message:
 * line breaks, tabs and other control characters are spelled as escapes (`\n`, `\t`, `\u0001`), so a quoted CSV
 * header like "a<newline>b" cannot split the message the CLI prints as one line. Printable text is unchanged.
 */
export function shown(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(
    /[\u0000-\u001f\u007f\u0085\u2028\u2029]/g,
    (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

const ESCAPES: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'}

/** The first line of what was thrown, shown safely: third-party decoders' messages go inside our one-line errors. */
export function firstLine(error: unknown): string {
  return shown(String(error instanceof Error ? error.message : error).split('\n')[0])
}
