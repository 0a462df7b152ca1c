/**
 * Default parameters of the alignment check, used by core and shown by the flags. The k's follow the papers'
 * recommendations: k = 3 for precision/recall (Kynkäänniemi et al. 2019), k = 5 for density/coverage (Naeem et al.
 * 2020), 20 neighbours for the Levina–Bickel MLE; τ is the 0.95 quantile of P's own leave-one-out residuals.
 */
export const ALIGN_DEFAULTS = {
  kPrecisionRecall: 3,
  kDensityCoverage: 5,
  kMle: 20,
  quantile: 0.95,
  manifoldSample: 1000,
  /** --baseline: the calibrated thresholds are the halves' values minus this. */
  baselineMargin: 0.05,
} as const
