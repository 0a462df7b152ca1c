/**
 * SQL literals for DuckDB. A path is never spliced into a statement as it is: inside single quotes the only
 * character with a meaning is the quote itself, written twice (DuckDB's standard string literal; a backslash is
 * plain text there, unlike in E'…' strings), so a file named `x'); COPY t TO 'y` stays one string. Identifiers
 * (column names) are double-quoted the same way.
 */
export function sqlString(text: string): string {
  if (text.includes('\u0000')) throw new Error('a NUL character cannot be part of a path or a name')
  return `'${text.replaceAll("'", "''")}'`
}

/** A column name as a quoted identifier. */
export function sqlIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error('a NUL character cannot be part of a column name')
  return `"${name.replaceAll('"', '""')}"`
}

/** A list of strings as a DuckDB list literal ['a', 'b']. */
export function sqlStringList(items: string[]): string {
  return `[${items.map(sqlString).join(', ')}]`
}
