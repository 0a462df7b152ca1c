/**
 * Strict decimal number syntax: optional sign, digits with an optional fraction (or a leading dot), optional
 * exponent. `NaN`, `inf`, `Infinity`, hex, `1_000`, blanks and text are not numbers here, unlike `Number()`,
 * which reads '' as 0 and 'Infinity' as a number.
 */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/** The finite number a field spells, or NaN (missing, invalid, or overflowing like `1e309`). */
export function parseStrictNumber(field: string): number {
  const s = field.trim()
  if (!NUMBER.test(s)) return Number.NaN
  const x = Number(s)
  return Number.isFinite(x) ? x : Number.NaN
}

/** Whether a field is empty or a conventional missing-value token (not text that is simply wrong). */
export function isMissingToken(field: string): boolean {
  const s = field.trim().toLowerCase()
  return s === '' || s === 'nan' || s === 'na' || s === 'null' || s === 'none'
}
