/** Four significant digits for messages (the numbers themselves are carried in full in `value`). */
const formatNumber = (x: number): string => String(Number(x.toPrecision(4)))

/** The verdict about the supports (Lui et al. 2017 Def 3.1): where Q's samples lie relative to P's manifold. */
export type Verdict = 'aligned' | 'partial' | 'misaligned'

/** The verdict's thresholds (flags); defaults justified in docs/align.md. */
export interface AlignThresholds {
  /** qOnP at least this ⇒ may be aligned; pOnQ below it ⇒ a mode-dropping finding. */
  alignedMin: number
  /** Coverage below this ⇒ a mode-dropping finding (never the verdict: diversity is not geometry, Lui et al. §1). */
  coverageMin: number
  /** qOnP below this, or precision and coverage both below it ⇒ misaligned. */
  misalignedMax: number
  /**
   * Intrinsic dimensions differ when |d_P − d_Q| > max(dimSlack, dimTolerance·√(se_P² + se_Q²)), se the standard
   * error of each TwoNN estimate; a set is full-dimensional when d − d̂ ≤ max(dimSlack, dimTolerance·se).
   */
  dimTolerance: number
  /** The smallest gap in intrinsic dimension that counts (absolute; `--baseline` widens it to twice the halves' gap). */
  dimSlack: number
}

/**
 * dimTolerance = 5 standard errors: se = d̂/√N is the Cramér–Rao error of the TwoNN likelihood (Facco et al. 2017),
 * but on 30 random halves of iris and of digits the gap |d̂_A − d̂_B| reached 2.9 and 4.0 such standard errors
 * (bench/align-dimension-halves.mjs; a normal gap would stay below ≈ 2.5). A curve (1) against a plane (2) at
 * 400 points each still differs by 1 > 5 × 0.11.
 */
export const DEFAULT_THRESHOLDS: AlignThresholds = {
  alignedMin: 0.9,
  coverageMin: 0.9,
  misalignedMax: 0.2,
  dimTolerance: 5,
  dimSlack: 0.5,
}

/** One piece of evidence, as data: which test, its numbers, and the papers' reading. */
export interface AlignReason {
  code:
    | 'q-off-manifold'
    | 'disjoint-supports'
    | 'dimension-mismatch'
    | 'dimensions-agree'
    | 'p-off-manifold'
    | 'low-coverage'
    | 'full-dimensional'
    | 'on-manifold'
    | 'covered'
  /** The verdict this evidence points to; or, for the separate mode-dropping finding, 'mode-dropping' / 'no-mode-dropping'. */
  points: Verdict | 'mode-dropping' | 'no-mode-dropping'
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
  /** Standard errors of the two dimension estimates. */
  seP: number
  seQ: number
  ambient: number
  fullDimensional: boolean
}

/** Whether a dimension estimate is consistent with the ambient d (full-dimensional) within its uncertainty. */
export function consistentWithAmbient(dim: number, se: number, ambient: number, t: AlignThresholds): boolean {
  return ambient - dim <= Math.max(t.dimSlack, t.dimTolerance * se)
}

/**
 * The decision rule (docs/align.md). The verdict is about the supports only (Lui et al. 2017 Def 3.1: samples are
 * realistic when they lie on the data manifold M_r; supports positively align when M_q ∩ M_r has positive measure):
 *   misaligned  qOnP < misalignedMax (Q lies off P's manifold: offset or transversal supports), or precision and
 *               coverage both < misalignedMax (the kNN-ball supports are disjoint): M_q ∩ M_r has measure zero;
 *   partial     qOnP < alignedMin (part of Q lies off P's manifold), or the intrinsic dimensions differ beyond their
 *               uncertainty (Q lies on a lower- or higher-dimensional piece: its intersection with M_r is thin);
 *   aligned     otherwise: Q's samples lie on P's manifold, in as many dimensions.
 * Mode dropping — part of P that Q does not reach (pOnQ < alignedMin, coverage < coverageMin) — is a question of
 * diversity, not geometry (Lui et al. §1), and is reported as its own finding, never as a lesser verdict.
 */
export function decideVerdict(
  x: VerdictInput,
  t: AlignThresholds,
): {verdict: Verdict; reasons: AlignReason[]; modeDropping: boolean} {
  const reasons: AlignReason[] = []
  const pct = (v: number): string => `${formatNumber(100 * v)}%`
  const gap = Math.abs(x.dimP - x.dimQ)
  const allowed = Math.max(t.dimSlack, t.dimTolerance * Math.hypot(x.seP, x.seQ))
  const dimMismatch = gap > allowed
  const qOff = x.qOnP < t.misalignedMax
  const disjoint = x.precision < t.misalignedMax && x.coverage < t.misalignedMax
  if (x.fullDimensional) {
    reasons.push({
      code: 'full-dimensional',
      points: 'aligned',
      value: x.dimP,
      threshold: x.ambient,
      message: `P's intrinsic dimension ${formatNumber(x.dimP)} ± ${formatNumber(x.seP)} is consistent with the ambient d = ${x.ambient}: every point is on P's manifold by definition, so only disjoint supports can fail the on-manifold test`,
      source: 'Lui et al. 2017 Def 3.1',
    })
  }
  if (qOff) {
    reasons.push({
      code: 'q-off-manifold',
      points: 'misaligned',
      value: x.qOnP,
      threshold: t.misalignedMax,
      message: `only ${pct(x.qOnP)} of Q lies within τ of P's manifold: the supports meet at most in a set of measure zero (offset or transversal); W1 can be small while JSD is maximal`,
      source: 'Lui et al. 2017 Thm 3.2; Arjovsky & Bottou 2017 Thm 2.3',
    })
  } else if (x.qOnP >= t.alignedMin) {
    reasons.push({
      code: 'on-manifold',
      points: 'aligned',
      value: x.qOnP,
      threshold: t.alignedMin,
      message: `${pct(x.qOnP)} of Q lies on P's manifold: Q's samples are realistic`,
      source: 'Lui et al. 2017 Def 3.1',
    })
  } else {
    reasons.push({
      code: 'q-off-manifold',
      points: 'partial',
      value: x.qOnP,
      threshold: t.alignedMin,
      message: `${pct(x.qOnP)} of Q lies on P's manifold, below ${pct(t.alignedMin)}: the supports positively align on part of Q only; the rest of Q is off the data manifold`,
      source: 'Lui et al. 2017 Def 3.1',
    })
  }
  if (disjoint) {
    reasons.push({
      code: 'disjoint-supports',
      points: 'misaligned',
      value: Math.max(x.precision, x.coverage),
      threshold: t.misalignedMax,
      message: `precision ${formatNumber(x.precision)} and coverage ${formatNumber(x.coverage)}: almost no point of one set falls in the other's kNN balls — the supports are disjoint, so JSD = ln 2 however small W1 is`,
      source: 'Lui et al. 2017 Thm 3.1 (contrapositive), Thm 3.2; Arjovsky & Bottou 2017 Thm 2.3',
    })
  }
  const dims = `P ≈ ${formatNumber(x.dimP)} ± ${formatNumber(x.seP)}, Q ≈ ${formatNumber(x.dimQ)} ± ${formatNumber(x.seQ)}`
  if (dimMismatch) {
    reasons.push({
      code: 'dimension-mismatch',
      points: 'partial',
      value: gap,
      threshold: allowed,
      message: `intrinsic dimensions differ (${dims}; gap ${formatNumber(gap)} > ${formatNumber(allowed)}): the lower-dimensional support is a thin slice of the other, so they align only in part`,
      source: 'Lui et al. 2017 §3 (positive alignment); Arjovsky & Bottou 2017 Thm 2.3',
    })
  } else {
    reasons.push({
      code: 'dimensions-agree',
      points: 'aligned',
      value: gap,
      threshold: allowed,
      message: `intrinsic dimensions agree within their uncertainty (${dims}; gap ${formatNumber(gap)} ≤ ${formatNumber(allowed)})`,
      source: 'Facco et al. 2017 (TwoNN)',
    })
  }
  // The separate finding: does Q reach all of P? (diversity, Lui et al. §1; Kynkäänniemi et al. 2019; Naeem et al. 2020)
  const pOff = x.pOnQ < t.alignedMin
  const lowCoverage = x.coverage < t.coverageMin
  if (pOff) {
    reasons.push({
      code: 'p-off-manifold',
      points: 'mode-dropping',
      value: x.pOnQ,
      threshold: t.alignedMin,
      message: `only ${pct(x.pOnQ)} of P lies on Q's manifold: Q reaches part of the data manifold only`,
      source: 'Lui et al. 2017 §1, §4 (mode dropping)',
    })
  }
  if (lowCoverage) {
    reasons.push({
      code: 'low-coverage',
      points: 'mode-dropping',
      value: x.coverage,
      threshold: t.coverageMin,
      message: `coverage ${formatNumber(x.coverage)}: ${pct(1 - x.coverage)} of P's kNN balls hold no point of Q (dropped modes, or Q spread differently)`,
      source: 'Naeem et al. 2020',
    })
  } else {
    reasons.push({
      code: 'covered',
      points: 'no-mode-dropping',
      value: x.coverage,
      threshold: t.coverageMin,
      message: `coverage ${formatNumber(x.coverage)}: Q reaches nearly every kNN ball of P`,
      source: 'Naeem et al. 2020',
    })
  }
  const supports = reasons.filter((r) => r.points === 'aligned' || r.points === 'partial' || r.points === 'misaligned')
  const verdict: Verdict = supports.some((r) => r.points === 'misaligned')
    ? 'misaligned'
    : supports.some((r) => r.points === 'partial')
      ? 'partial'
      : 'aligned'
  // The full-dimensional note says why the on-manifold test passed; it is evidence for "aligned" only when nothing else objects.
  return {verdict, reasons, modeDropping: verdict !== 'misaligned' && (pOff || lowCoverage)}
}
