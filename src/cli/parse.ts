import {InputError} from '../core/errors.js'
import {shown} from '../io/show.js'

/**
 * Flag text to values, in one room: lists, numbers, counts, byte sizes and names from a fixed set. Each refuses bad
 * text with one InputError that names the flag (exit 2), so a command never meets NaN or an empty list.
 */

/** A comma-separated list flag as trimmed, non-empty items (undefined when the flag is not given). */
export function listFlag(text: string | undefined): string[] | undefined {
  return text === undefined
    ? undefined
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
}

/** A number flag parsed strictly (oclif has no float flag): a clear input error for text, '', NaN or ±Infinity. */
export function numberFlag(name: string, value: string): number {
  const x = Number(value)
  if (value.trim() === '' || !Number.isFinite(x))
    throw new InputError(`--${name} must be a finite number, got '${value}'`)
  return x
}

/** A comma-separated list of finite numbers (`--threshold a,b`); empty when the flag is not given. */
export function numberListFlag(name: string, text: string | undefined): number[] {
  return (listFlag(text) ?? []).map((s) => {
    const x = Number(s)
    if (!Number.isFinite(x)) throw new InputError(`--${name} must be finite numbers, got '${s}'`)
    return x
  })
}

/** A whole-number count flag ≥ 1, or undefined when not given; `example` is shown in the error. */
export function countFlag(name: string, raw: string | undefined, example = 99): number | undefined {
  if (raw === undefined) return undefined
  if (!/^\s*\d+\s*$/.test(raw) || !(Number(raw) >= 1))
    throw new InputError(`--${name} must be a whole number ≥ 1 (e.g. ${example}), got '${raw}'`)
  return Number(raw)
}

/**
 * Bytes from a size: a number with an optional K, M or G suffix (powers of 1024), e.g. 512M, 2G, 0. Returns undefined
 * for text that is not one.
 */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(text)
  if (!m) return undefined
  const unit = {'': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30}[m[2].toLowerCase() as '' | 'k' | 'm' | 'g']
  return Math.floor(Number(m[1]) * unit)
}

/** A byte-size flag (`--memory 512M`), or undefined when not given. */
export function bytesFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const bytes = parseBytes(value)
  if (bytes === undefined)
    throw new InputError(
      `--${name} must be a number of bytes with an optional K, M or G suffix (e.g. 512M, 2G, 0), got '${value}'`,
    )
  return bytes
}

/**
 * A comma-separated list of names from `choices` (`--only w1,jsd`, `--tests energy`), each once, in the order given;
 * `noun` names one item in the errors ("part", "test").
 */
export function choicesFlag<T extends string>(name: string, text: string, choices: readonly T[], noun: string): T[] {
  const out: T[] = []
  for (const item of listFlag(text) ?? []) {
    if (!(choices as readonly string[]).includes(item))
      throw new InputError(`--${name}: unknown ${noun} '${item}'; choose from ${choices.join(', ')}`)
    if (!out.includes(item as T)) out.push(item as T)
  }
  if (out.length === 0) throw new InputError(`--${name} names no ${noun}; choose from ${choices.join(', ')}`)
  return out
}

/** `--na-values` as its markers: comma-separated, each trimmed; none may be empty (an empty cell is missing anyway). */
export function parseNaValues(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined
  const markers = text.split(',').map((s) => s.trim())
  if (markers.some((m) => m === ''))
    throw new InputError(
      `--na-values must list non-empty markers separated by commas (an empty cell is already missing), got '${shown(text)}'`,
    )
  return markers
}

/** A --delimiter value as one character: ',' ';' '|' …, or a tab spelled 'tab' or '\t'. */
export function parseDelimiter(text: string): string {
  if (text === 'tab' || text === '\\t' || text === '\t') return '\t'
  if ([...text].length !== 1 || /["\r\n]/.test(text))
    throw new InputError(`--delimiter must be one character (or 'tab'), got '${shown(text)}'`)
  return text
}
