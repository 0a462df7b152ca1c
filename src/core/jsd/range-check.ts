import {UPPER_Z} from './noisy.js'

/**
 * Why a raw JSD estimate (nats) cannot be trusted because it lies outside [0, ln 2] — where no JSD can lie — by more
 * than its stated uncertainty, UPPER_Z (3.090, one-sided 99.9 %) × its standard error (0 when it has none); undefined
 * when it is within. Any estimator, any command: clamping such a value would report a number the data never gave.
 * 1e-12 absorbs the rounding of a sum of log-ratios that should be exactly 0 or ln 2.
 */
export function outOfRange(raw: number, stderr: number | null): string | undefined {
  const u = UPPER_Z * (stderr ?? 0)
  const slack = u + 1e-12
  if (!Number.isFinite(raw)) return `its raw estimate is ${raw}, not a number in [0, ln 2]`
  const where = raw < -slack ? 'below 0' : raw > Math.LN2 + slack ? 'above ln 2' : undefined
  if (!where) return undefined
  return `its raw estimate ${Number(raw.toPrecision(4))} nats lies ${where}, outside [0, ln 2] by more than its uncertainty (${stderr === null ? 'none stated' : `3.09 × standard error ${Number(stderr.toPrecision(3))}`})`
}
