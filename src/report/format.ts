/** Number formatting shared by every human-readable renderer (JSON always carries full precision). */

/** Six significant digits, no trailing noise; exact integers stay integers. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x)
  if (x === 0) return '0'
  const a = Math.abs(x)
  if (a >= 1e-4 && a < 1e9) return String(Number(x.toPrecision(6)))
  return x.toExponential(5).replace(/\.?0+e/, 'e')
}

/** A value as text: numbers formatted, booleans as yes/no, null as a dash. */
export function formatValue(v: number | string | boolean | null | undefined): string {
  if (v === null || v === undefined) return '–'
  if (typeof v === 'number') return formatNumber(v)
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  return v
}
