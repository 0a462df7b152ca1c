import {formatNumber} from './format.js'

/** The numbers a reading is drawn from; any part may be absent (`--only`, or a part that could not be computed). */
export interface ReadingInput {
  w1?: {value: number; lower: number; upper: number; method: string}
  diameter?: number
  jsd?: {value: number; method: string; unit: string; unreliable?: string}
  bound?: {
    value: number
    upper?: number
    confidence?: number
    holds: boolean
    sigma: number
    slack: number
    vacuous?: boolean
    diameter?: {value: number}
    unreliable?: string
  }
  align?: {
    verdict: string
    precision: number
    recall: number
    coverage: number
    density: number
    onManifold: {qOnP: number; pOnQ: number}
    modeDropping?: {detected: boolean}
  }
}

const LN2 = Math.LN2

/** The facts every sentence is drawn from, decided once (so the reading never contradicts itself). */
interface Facts {
  /** How the JSD reads: no usable estimate, near ln 2, small, or in between. */
  jsd?: 'unreliable' | 'separable' | 'small' | 'overlapping'
  jsdNats?: number
  /** The alignment verdict about the supports (Lui et al. 2017 Def 3.1), when computed. */
  supports?: 'aligned' | 'partial' | 'misaligned'
  /** Q misses part of P (recall/coverage): reported on its own, not as a lesser verdict. */
  modeDropping: boolean
}

function factsOf(r: ReadingInput): Facts {
  const f: Facts = {modeDropping: false}
  if (r.jsd) {
    const nats = r.jsd.unit === 'bits' ? r.jsd.value * LN2 : r.jsd.value
    f.jsdNats = nats
    f.jsd = r.jsd.unreliable
      ? 'unreliable'
      : nats >= 0.9 * LN2
        ? 'separable'
        : nats <= 0.05 * LN2
          ? 'small'
          : 'overlapping'
  }
  if (r.align) {
    f.supports = r.align.verdict as Facts['supports']
    f.modeDropping = r.align.modeDropping
      ? r.align.modeDropping.detected
      : r.align.precision >= 0.7 && (r.align.recall < 0.9 || r.align.coverage < 0.9)
  }
  return f
}

/**
 * A short reading of the numbers in the papers' terms. Wording only: every threshold here decides which
 * sentence is shown, never a number that is reported or gated. The JSD every method here computes is smoothed
 * (KDE, noise) or kNN-based, so a value below ln 2 says nothing about the supports of the samples: only the
 * alignment check speaks about supports, and no sentence about supports is drawn from the JSD.
 */
export function papersReading(r: ReadingInput): string[] {
  const lines: string[] = []
  const f = factsOf(r)
  if (r.w1 && r.diameter && r.diameter > 0) {
    const rel = r.w1.value / r.diameter
    lines.push(
      `W1 = ${formatNumber(r.w1.value)} input units, ${formatNumber(100 * rel)}% of the data's diameter: the average distance mass must move to turn Q into P (WGAN, Arjovsky et al. 2017, Thm 1: continuous in the generator, unlike JSD).`,
    )
  }
  if (r.jsd && f.jsdNats !== undefined) {
    const v = formatNumber(f.jsdNats)
    if (f.jsd === 'unreliable') {
      lines.push(
        `JSD ≈ ${v} nats by ${r.jsd.method}, but this estimate is unreliable here (${r.jsd.unreliable}): no reading is drawn from it.`,
      )
    } else if (f.jsd === 'separable') {
      lines.push(
        `JSD ≈ ${v} nats is near its maximum ln 2 = 0.693: the sets are (almost) perfectly separable.${f.supports === 'misaligned' ? ' With supports that do not align this is what to expect however close they lie (Arjovsky & Bottou Thm 2.3; WGAN Example 1).' : ''}`,
      )
    } else if (f.jsd === 'small') {
      lines.push(`JSD ≈ ${v} nats is small against ln 2: a classifier can barely tell the sets apart.`)
    } else {
      lines.push(
        `JSD ≈ ${v} nats (${formatNumber((100 * f.jsdNats) / LN2)}% of ln 2): a classifier tells the sets apart often, but not always.`,
      )
    }
    if (f.supports === 'misaligned' && f.jsd !== 'separable' && f.jsd !== 'unreliable') {
      lines.push(
        `That JSD is below ln 2 although the supports do not align: a ${r.jsd.method} estimate smooths the samples, so it says nothing about whether their supports share a set of positive measure (Lui et al. Thm 3.1 is about the true distributions).`,
      )
    }
  }
  if (r.align) {
    const a = r.align
    if (f.supports === 'misaligned') {
      lines.push(
        `The supports do not share a set of positive measure (verdict: misaligned, ${formatNumber(100 * a.onManifold.qOnP)}% of Q lies on P's manifold): W1 can be small while JSD is maximal (Lui et al. Thm 3.2; Arjovsky & Bottou Thm 2.3). Samples off the data manifold are not realistic in Lui et al.'s sense (Def 3.1).`,
      )
    } else if (f.supports === 'partial') {
      lines.push(
        `The supports align only in part (${formatNumber(100 * a.onManifold.qOnP)}% of Q on P's manifold, ${formatNumber(100 * a.onManifold.pOnQ)}% of P on Q's): part of Q lies off the data manifold (Lui et al. Def 3.1).`,
      )
    } else {
      lines.push(
        `The supports positively align (${formatNumber(100 * a.onManifold.qOnP)}% of Q lies on P's manifold): Q's samples are realistic in the sense of Lui et al. Def 3.1.`,
      )
    }
    if (f.modeDropping) {
      lines.push(
        `Separately, Q covers only part of P (recall ${formatNumber(a.recall)}, coverage ${formatNumber(a.coverage)}, precision ${formatNumber(a.precision)}): the signature of dropped modes (Kynkäänniemi et al. 2019; Naeem et al. 2020).`,
      )
    } else if (a.precision < 0.5 && f.supports !== 'misaligned') {
      lines.push(`Precision ${formatNumber(a.precision)}: many of Q's samples fall outside P's kNN balls.`)
    }
  }
  if (r.bound) {
    const at =
      r.bound.confidence !== undefined
        ? ` (judged at the noisy JSD's ${formatNumber(100 * r.bound.confidence)}% upper confidence limit: bound ${formatNumber(r.bound.upper ?? r.bound.value)})`
        : ''
    const vacuous = r.bound.holds && r.bound.vacuous && r.bound.diameter
    lines.push(
      r.bound.unreliable
        ? `The Thm 3.3 bound at σ = ${formatNumber(r.bound.sigma)} rests on a noisy JSD that is unreliable here (${r.bound.unreliable}): no reading is drawn from it.`
        : vacuous
          ? `Thm 3.3's bound is vacuous here: ${formatNumber(r.bound.value)} at σ = ${formatNumber(r.bound.sigma)} is at least the diameter of P ∪ Q (${formatNumber(r.bound.diameter!.value)}), which bounds W1 for every coupling, so it says nothing about these data. --sweep finds the tightest σ; a bound below the diameter needs the noisy JSD well below its ln 2 ceiling (Arjovsky & Bottou §3).`
          : r.bound.holds
            ? `Thm 3.3 holds on these data: W1 ≤ ${formatNumber(r.bound.value)} at σ = ${formatNumber(r.bound.sigma)}${at}, slack ${formatNumber(r.bound.slack)}. The bound is only as tight as σ allows: too little noise leaves the noisy JSD near ln 2, too much inflates 2√V — --sweep finds the tightest σ (Arjovsky & Bottou §3, "annealing the noise").`
            : `Thm 3.3 does NOT hold on these data (bound ${formatNumber(r.bound.value)}${at}): a Monte Carlo fluke at the stated confidence or a bug in divergence — rerun with more --draws, and report it if it stays.`,
    )
  }
  return lines
}
