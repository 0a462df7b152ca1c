/*
 * Strict decimal number syntax: optional sign, digits with an optional fraction (or a leading dot), optional
 * exponent. `NaN`, `inf`, `Infinity`, hex, `1_000`, blanks and text are not numbers here, unlike `Number()`,
 * which reads '' as 0 and 'Infinity' as a number.
 */
/** The finite number a field spells, or NaN (missing, invalid, or overflowing like `1e309`). */
export function parseStrictNumber(field: string): number {
  // A char-code scan instead of trim() + a regular expression: this runs once per CSV cell (bench/RESULTS.md).
  let i = 0
  let end = field.length
  while (i < end && field.charCodeAt(i) <= 32) i++
  while (end > i && field.charCodeAt(end - 1) <= 32) end--
  if (i === end) return Number.NaN
  let c = field.charCodeAt(i)
  if (c === 43 || c === 45) c = field.charCodeAt(++i) // + -
  let digits = 0
  while (i < end && (c = field.charCodeAt(i)) >= 48 && c <= 57) i++, digits++
  if (i < end && c === 46) { // .
    i++
    while (i < end && (c = field.charCodeAt(i)) >= 48 && c <= 57) i++, digits++
  }
  if (digits === 0) return Number.NaN
  if (i < end && (c === 101 || c === 69)) { // e E
    i++
    c = field.charCodeAt(i)
    if (c === 43 || c === 45) i++
    let exp = 0
    while (i < end && (c = field.charCodeAt(i)) >= 48 && c <= 57) i++, exp++
    if (exp === 0) return Number.NaN
  }
  if (i !== end) return Number.NaN
  // Number() ignores the surrounding white space we skipped; overflow (1e309) gives ±Infinity, refused here.
  const x = Number(field)
  return x - x === 0 ? x : Number.NaN
}

/** Whether a field is empty or a conventional missing-value token (not text that is simply wrong). */
export function isMissingToken(field: string): boolean {
  const s = field.trim().toLowerCase()
  return s === '' || s === 'nan' || s === 'na' || s === 'null' || s === 'none'
}
