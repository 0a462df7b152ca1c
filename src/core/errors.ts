/**
 * An error the user can fix: bad input, a bad flag value, a question with no answer for these data.
 * The CLI prints its message as one line on stderr and exits 2; anything else is a bug (exit 2 too, with
 * "internal error" and a hint to rerun with --debug).
 */
export class InputError extends Error {
  readonly exitCode = 2
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/** Throws an InputError unless `condition` holds. */
export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InputError(message)
}

/**
 * Whether an InputError is about a flag's value rather than the data: by the convention every flag check in core
 * follows, its message starts with the flag's name (`--gap must be …`). `compare` lets a part fail on the data
 * and still reports the others, but a bad flag is bad usage of the whole run (exit 2).
 */
export function isFlagError(error: InputError): boolean {
  return error.message.startsWith('--')
}
