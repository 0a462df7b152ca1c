import {InputError} from '../../core/errors.js'

/** DuckDB's error text without its class prefix ("Invalid Input Error: ", "IO Error: ") and stack, one line. */
export function duckdbMessage(error: unknown): string {
  const text = String((error as Error)?.message ?? error).split('\n')[0]
  return text.replace(/^[A-Za-z ]*Error: /, '').trim()
}

/** What a DuckDB failure on a file means to a person, by DuckDB's message. */
function meaning(message: string): string {
  if (
    /magic bytes|footer|corrupt|truncat|Invalid Input Error|Invalid (page|column)|Out of range|too small to be a Parquet/i.test(
      message,
    )
  )
    return 'is not a readable Parquet file (truncated or corrupt?)'
  if (/permission|access/i.test(message)) return 'cannot be read (permission denied)'
  if (/No files found|does not exist|No such file/i.test(message)) return 'does not exist'
  if (/CSV|sniff|delimiter|quote/i.test(message)) return 'could not be parsed as CSV'
  if (/schema|mismatch|not found in|type/i.test(message)) return 'does not have the same columns as the others'
  return 'could not be read'
}

/**
 * A DuckDB failure as one line naming the file: the file DuckDB's message names (one of `files`), else `label`,
 * then what it means and DuckDB's own words in brackets. Never a stack.
 */
export function translate(error: unknown, files: string[], label: string): InputError {
  if (error instanceof InputError) return error
  const message = duckdbMessage(error)
  const named = files.find((f) => message.includes(f)) ?? label
  return new InputError(`${named} ${meaning(message)} (DuckDB: ${message.replaceAll(named, '…')})`)
}
