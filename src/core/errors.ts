/**
 * The options core and io can name in a message, by key: the option's name in core where it has one
 * (`maxIter`, `kPrecisionRecall`), the reader's name otherwise (`inputFormat`, `noHeader`). W1 and the JSD both have a
 * `method`, which `compare` offers under two flags, so those two keys carry their part. Core never spells a flag:
 * each command maps these keys to its own flags (src/cli/option-flags.ts).
 */
export const OPTION_KEYS = [
  'w1.method',
  'jsd.method',
  'p',
  'gap',
  'maxIter',
  'epsilon',
  'projections',
  'memory',
  'sample',
  'seed',
  'sigma',
  'radius',
  'draws',
  'bandwidth',
  'bootstrap',
  'weights',
  'sweep',
  'sweepPoints',
  'sigmaMin',
  'sigmaMax',
  'standardize',
  'columns',
  'column',
  'exclude',
  'dropMissing',
  'naValues',
  'inputFormat',
  'outputFormat',
  'noHeader',
  'delimiter',
  'by',
  'groups',
  'engine',
  'baseline',
  'kMle',
  'kPrecisionRecall',
  'kDensityCoverage',
  'manifoldSample',
  'quantile',
  'neighbourhood',
  'stat',
  'threshold',
  'correction',
  'parts',
  'n',
  'theta',
  'dim',
  'shift',
  'tilt',
  'offset',
  'modes',
  'drop',
  'scale',
  'spread',
  'noise',
  'kidSubsets',
  'kidSubsetSize',
  'permutations',
  'w1Permutations',
  'tests',
  'w1Bootstrap',
] as const
export type OptionKey = (typeof OPTION_KEYS)[number]

// An option named mid-sentence (a hint such as "use ⟨w1.method⟩ sinkhorn" is not about the option that failed, so a
// key field alone would not do): ⟨key⟩. Only the keys above are replaced, so a column that happens to be called ⟨x⟩
// and is quoted in a message is left alone.
const MENTION = /⟨([A-Za-z0-9.]+)⟩/g
const KNOWN = new Set<string>(OPTION_KEYS)

/** A mention of an option in a message, warning or reason; the command layer replaces it by its flag. */
export function opt(key: OptionKey): string {
  return `⟨${key}⟩`
}

/** `text` with each option mention (opt) replaced by `name(key)`: in a command, its flag. */
export function nameOptions(text: string, name: (key: OptionKey) => string): string {
  return text.replace(MENTION, (whole, key: string) => (KNOWN.has(key) ? name(key as OptionKey) : whole))
}

/**
 * An error the user can fix: bad input, a bad option value, a question with no answer for these data.
 * The CLI prints its message as one line on stderr and exits 2; anything else is a bug (exit 2 too, with
 * "internal error" and a hint to rerun with the debug flag). The message mentions options by key (opt: ⟨sigma⟩);
 * a command names them by its own flags (`render`).
 */
export class InputError extends Error {
  readonly exitCode = 2
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }

  /** The message with every option mention named by `name`. */
  render(name: (key: OptionKey) => string): string {
    return nameOptions(this.message, name)
  }
}

/**
 * A bad option value rather than bad data: the option's key, the value given and why it is refused
 * (`⟨epsilon⟩ must be > 0 …, got 0`). `compare` lets a part fail on the data and still reports the others, but a bad
 * option is bad usage of the whole run (exit 2).
 */
export class OptionError extends InputError {
  constructor(
    readonly key: OptionKey,
    readonly value: unknown,
    reason: string,
  ) {
    super(`${opt(key)} ${reason}`)
    this.name = 'OptionError'
  }
}

/** Throws an InputError unless `condition` holds. */
export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InputError(message)
}

/** Throws an OptionError about `key` unless `condition` holds. */
export function ensureOption(condition: unknown, key: OptionKey, value: unknown, reason: string): asserts condition {
  if (!condition) throw new OptionError(key, value, reason)
}
