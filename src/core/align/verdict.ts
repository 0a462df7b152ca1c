/** Four significant digits for messages (the numbers themselves are carried in full in `value`). */
const formatNumber = (x: number): string => String(Number(x.toPrecision(4)))

export type Verdict = 'aligned' | 'partial' | 'misaligned'

/** The verdict's thresholds (flags); defaults justified in docs/align.md. */
export interface AlignThresholds {
  /** Both on-manifold fractions at least this ⇒ may be aligned. */
  alignedMin: number
  /** Coverage at least this ⇒ may be aligned. */
  coverageMin: number
  /** qOnP below this, or precision and coverage both below it ⇒ misaligned. */
  misalignedMax: number
  /** Intrinsic dimensions differ when |d_P − d_Q| ≥ max(0.5, dimTolerance·max(d_P, d_Q)). */
  dimTolerance: number
}

export const DEFAULT_THRESHOLDS: AlignThresholds = {alignedMin: 0.9, coverageMin: 0.9, misalignedMax: 0.2, dimTolerance: 0.1}

/** One piece of evidence behind the verdict, as data: which test, its numbers, and the papers' reading. */
export interface AlignReason {
  code: 'q-off-manifold' | 'disjoint-supports' | 'dimension-mismatch' | 'p-off-manifold' | 'low-coverage' | 'full-dimensional' | 'on-manifold' | 'covered'
  /** Which way the evidence points. */
  points: Verdict
  value: number | null
  threshold: number | null
  message: string
  source: string
}

export interface VerdictInput {
  qOnP: number
  pOnQ: number
  precision: number
  coverage: number
  dimP: number
  dimQ: number
  ambient: number
  fullDimensional: boolean
}

/**
 * The decision rule (docs/align.md):
 *   misaligned  if qOnP < misalignedMax (Q lies off P's manifold: offset or transversal supports), or
 *               precision < misalignedMax and coverage < misalignedMax (the kNN-ball supports are disjoint);
 *   aligned     if qOnP ≥ alignedMin, pOnQ ≥ alignedMin, coverage ≥ coverageMin and the intrinsic dimensions agree;
 *   partial     otherwise (e.g. a lower-dimensional Q inside P's manifold, or dropped modes).
 * Reading: Lui et al. 2017 Def 3.1 (realistic = on the data manifold), Thm 3.1 (JSD < ln 2 ⇒ common support of
 * positive measure), Thm 3.2 (W_p small does not imply it); Arjovsky & Bottou 2017 Thm 2.3 (non-aligned
 * low-dimensional supports give JSD = ln 2).
 */
export function decideVerdict(x: VerdictInput, t: AlignThresholds): {verdict: Verdict; reasons: AlignReason[]} {
  const reasons: AlignReason[] = []
  const pct = (v: number): string => `${formatNumber(100 * v)}%`
  const gap = Math.abs(x.dimP - x.dimQ)
  const dimMismatch = gap >= Math.max(0.5, t.dimTolerance * Math.max(x.dimP, x.dimQ))
  const qOff = x.qOnP < t.misalignedMax
  const disjoint = x.precision < t.misalignedMax && x.coverage < t.misalignedMax
  if (x.fullDimensional) {
    reasons.push({code: 'full-dimensional', points: 'aligned', value: x.dimP, threshold: x.ambient,
      message: `P's intrinsic dimension rounds to the ambient d = ${x.ambient}: every point is on P's manifold by definition, so the on-manifold test cannot separate the sets; support coverage decides`,
      source: 'Lui et al. 2017 Def 3.1'})
  }
  if (qOff) {
    reasons.push({code: 'q-off-manifold', points: 'misaligned', value: x.qOnP, threshold: t.misalignedMax,
      message: `only ${pct(x.qOnP)} of Q lies within τ of P's manifold: the supports meet at most in a set of measure zero (offset or transversal); W1 can be small while JSD is maximal`,
      source: 'Lui et al. 2017 Thm 3.2; Arjovsky & Bottou 2017 Thm 2.3'})
  } else if (x.qOnP >= t.alignedMin) {
    reasons.push({code: 'on-manifold', points: 'aligned', value: x.qOnP, threshold: t.alignedMin,
      message: `${pct(x.qOnP)} of Q lies on P's manifold: Q's samples are realistic`, source: 'Lui et al. 2017 Def 3.1'})
  } else {
    reasons.push({code: 'q-off-manifold', points: 'partial', value: x.qOnP, threshold: t.alignedMin,
      message: `${pct(x.qOnP)} of Q lies on P's manifold, below ${pct(t.alignedMin)}: part of Q is off the data manifold`, source: 'Lui et al. 2017 Def 3.1'})
  }
  if (disjoint) {
    reasons.push({code: 'disjoint-supports', points: 'misaligned', value: Math.max(x.precision, x.coverage), threshold: t.misalignedMax,
      message: `precision ${formatNumber(x.precision)} and coverage ${formatNumber(x.coverage)}: almost no point of one set falls in the other's kNN balls — the supports are disjoint, so JSD = ln 2 however small W1 is`,
      source: 'Lui et al. 2017 Thm 3.1 (contrapositive), Thm 3.2; Arjovsky & Bottou 2017 Thm 2.3'})
  }
  if (dimMismatch) {
    reasons.push({code: 'dimension-mismatch', points: 'partial', value: gap, threshold: Math.max(0.5, t.dimTolerance * Math.max(x.dimP, x.dimQ)),
      message: `intrinsic dimensions differ (P ≈ ${formatNumber(x.dimP)}, Q ≈ ${formatNumber(x.dimQ)}): the lower-dimensional support has measure zero on the higher-dimensional one, so the supports cannot positively align`,
      source: 'Lui et al. 2017 §3 (positive alignment); Arjovsky & Bottou 2017 Thm 2.3'})
  }
  if (x.pOnQ < t.alignedMin) {
    reasons.push({code: 'p-off-manifold', points: 'partial', value: x.pOnQ, threshold: t.alignedMin,
      message: `only ${pct(x.pOnQ)} of P lies on Q's manifold: Q covers part of the data manifold only`, source: 'Lui et al. 2017 §3'})
  }
  if (x.coverage < t.coverageMin) {
    reasons.push({code: 'low-coverage', points: 'partial', value: x.coverage, threshold: t.coverageMin,
      message: `coverage ${formatNumber(x.coverage)}: ${pct(1 - x.coverage)} of P's kNN balls hold no point of Q (dropped modes or a thinner support)`,
      source: 'Naeem et al. 2020'})
  } else {
    reasons.push({code: 'covered', points: 'aligned', value: x.coverage, threshold: t.coverageMin,
      message: `coverage ${formatNumber(x.coverage)}: Q reaches nearly every kNN ball of P`, source: 'Naeem et al. 2020'})
  }
  let verdict: Verdict
  if (qOff || disjoint) verdict = 'misaligned'
  else if (reasons.some((r) => r.points === 'partial')) verdict = 'partial'
  else verdict = 'aligned'
  return {verdict, reasons}
}
