import {opt} from '../errors.js'
import type {JsdMethod} from './types.js'

/** Largest dimension at which the JSD defaults to KDE; above it a KDE is bandwidth-dominated, so kNN. */
export const KDE_MAX_DIM = 3

/**
 * The JSD estimator used when none is asked for, by `jsd` and `compare` alike: KDE for d ≤ 3, kNN above
 * (docs/design.md "JSD"). In 8-D a Scott-bandwidth KDE gives 0.001 nats where the true JSD of N(0, I₈) vs N(e₀, I₈) is
 * 0.111; the kNN estimator (Ross 2014) does not smooth and gives ≈ 0.10 on 2000 points.
 */
export function defaultJsdMethod(d: number): {method: JsdMethod; reason: string} {
  return d <= KDE_MAX_DIM
    ? {method: 'kde', reason: `kde: d = ${d} ≤ ${KDE_MAX_DIM}, where kernel densities are reliable`}
    : {method: 'knn', reason: `knn: d = ${d} > ${KDE_MAX_DIM}, where a KDE would be dominated by its bandwidth`}
}

/** Why an estimate asked for explicitly is not to be trusted here, or undefined when nothing is known against it. */
export function kdeUnreliable(d: number): string | undefined {
  return d > KDE_MAX_DIM
    ? `a KDE in d = ${d} > ${KDE_MAX_DIM} is dominated by its bandwidth and biased towards 0; use ${opt('jsd.method')} knn`
    : undefined
}
