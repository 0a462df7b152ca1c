import {formatNumber} from './format.js'

/** The numbers a reading is drawn from; any part may be absent (`--only`). */
export interface ReadingInput {
  w1?: {value: number; lower: number; upper: number; method: string}
  diameter?: number
  jsd?: {value: number; method: string; unit: string}
  bound?: {value: number; holds: boolean; sigma: number; slack: number}
  align?: {verdict: string; precision: number; recall: number; coverage: number; density: number; onManifold: {qOnP: number; pOnQ: number}}
}

const LN2 = Math.LN2

/**
 * A short reading of the numbers in the papers' terms. Wording only: every threshold here decides which
 * sentence is shown, never a number that is reported or gated.
 */
export function papersReading(r: ReadingInput): string[] {
  const lines: string[] = []
  const jsdNats = r.jsd ? (r.jsd.unit === 'bits' ? r.jsd.value * LN2 : r.jsd.value) : undefined
  if (r.w1 && r.diameter && r.diameter > 0) {
    const rel = r.w1.value / r.diameter
    lines.push(`W1 = ${formatNumber(r.w1.value)} input units, ${formatNumber(100 * rel)}% of the data's diameter: the average distance mass must move to turn Q into P (WGAN, Arjovsky et al. 2017, Thm 1: continuous in the generator, unlike JSD).`)
  }
  if (jsdNats !== undefined) {
    if (jsdNats >= 0.9 * LN2) {
      lines.push(`JSD ≈ ${formatNumber(jsdNats)} nats is near its maximum ln 2 = 0.693: the sets are (almost) perfectly separable. For supports on low-dimensional manifolds that do not align this is what to expect however close they lie (Arjovsky & Bottou Thm 2.3; WGAN Example 1).`)
    } else if (jsdNats <= 0.05 * LN2) {
      lines.push(`JSD ≈ ${formatNumber(jsdNats)} nats is small against ln 2: a classifier can barely tell the sets apart.`)
    } else {
      lines.push(`JSD ≈ ${formatNumber(jsdNats)} nats (${formatNumber((100 * jsdNats) / LN2)}% of ln 2): the sets overlap but are distinguishable; JSD < ln 2 forces a common support of positive measure (Lui et al. Thm 3.1).`)
    }
  }
  if (r.align) {
    const a = r.align
    if (a.verdict === 'misaligned') {
      lines.push(`The supports do not share a set of positive measure (verdict: misaligned, ${formatNumber(100 * a.onManifold.qOnP)}% of Q lies on P's manifold): W1 can be small while JSD is maximal (Lui et al. Thm 3.2; Arjovsky & Bottou Thm 2.3). Samples off the data manifold are not realistic in Lui et al.'s sense (Def 3.1).`)
    } else if (a.verdict === 'partial') {
      lines.push(`The supports align only in part (${formatNumber(100 * a.onManifold.qOnP)}% of Q on P's manifold, ${formatNumber(100 * a.onManifold.pOnQ)}% of P on Q's).`)
    } else {
      lines.push(`The supports positively align (${formatNumber(100 * a.onManifold.qOnP)}% of Q lies on P's manifold): Q's samples are realistic in the sense of Lui et al. Def 3.1.`)
    }
    if (a.precision >= 0.7 && (a.recall < 0.9 || a.coverage < 0.9)) {
      lines.push(`Precision ${formatNumber(a.precision)} with recall ${formatNumber(a.recall)} and coverage ${formatNumber(a.coverage)}: Q's samples look real but miss part of P — the signature of dropped modes (Kynkäänniemi et al. 2019; Naeem et al. 2020).`)
    } else if (a.precision < 0.5) {
      lines.push(`Precision ${formatNumber(a.precision)}: many of Q's samples fall outside P's support.`)
    }
  }
  if (r.bound) {
    lines.push(r.bound.holds
      ? `Thm 3.3 holds on these data: W1 ≤ ${formatNumber(r.bound.value)} at σ = ${formatNumber(r.bound.sigma)} (slack ${formatNumber(r.bound.slack)}). The bound is only as tight as σ allows: too little noise leaves the noisy JSD near ln 2, too much inflates 2√V — --sweep finds the tightest σ (Arjovsky & Bottou §3, "annealing the noise").`
      : `Thm 3.3 does NOT hold on these data (bound ${formatNumber(r.bound.value)}): this is a bug in divergence — please report it.`)
  }
  return lines
}
