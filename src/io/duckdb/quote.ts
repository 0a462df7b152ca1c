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

/**
 * A file path as DuckDB's readers take it: a quoted literal (sqlString) whose `[`, `*` and `?` are escaped as the
 * one-character classes `[[]`, `[*]`, `[?]`, because read_csv and read_parquet glob a path that holds one of them
 * (so `data[1].csv` would mean `data1.csv`). Patterns are expanded by divergence (./glob.ts), never by DuckDB.
 */
export function sqlPath(file: string): string {
  return sqlString(globEscaped(file))
}

/** A path with DuckDB's glob characters escaped (`[` → `[[]`, `*` → `[*]`, `?` → `[?]`): a pattern matching it alone. */
export function globEscaped(file: string): string {
  return file.replace(/[[*?]/g, (c) => `[${c}]`)
}

/** Paths as a DuckDB list literal, each as sqlPath writes it. */
export function sqlPathList(files: string[]): string {
  return `[${files.map(sqlPath).join(', ')}]`
}
