import {allPairsCheck} from './dual-check.js'
import {useShortlist} from './exact-estimate.js'
import {networkSimplex} from './network-simplex.js'
import {costUpperBound, type PointCosts} from './transport-costs.js'

/**
 * Every MULTISCALE_RATIO-th point of each set makes the coarse problem. 4 and 10 measured at 40 000² d = 8 (mixtures of
 * 8 Gaussians, bench/shortlist.mjs, wall): without coarse candidates 116.3 s (9 rounds, 12.4 M pivots); ratio 10:
 * 51.0 s (6 rounds, 4.6 M); ratio 4: 48.6 s (6 rounds, 3.7 M). At 20 000², ratio 10: 17.9 s → 11.6 s.
 */
export const MULTISCALE_RATIO = 4
/** Smaller sets than this (in points, the smaller side) keep the kNN shortlist alone: it is enough there. */
export const MULTISCALE_MIN_POINTS = 20000
/** Pairs of least coarse reduced cost each point of P adds to the first shortlist. 16 and 32 measured alike (40 000²). */
export const MULTISCALE_K = 16

/** The coarse problem's solver where it runs the shortlist solver (./exact-estimate.ts `useShortlist`): the caller's. */
export type CoarseSolver = (a: Float64Array, b: Float64Array, pts: PointCosts) => {f: Float64Array; g: Float64Array}

/**
 * Candidate arcs from a coarse problem (Schmitzer 2016, "A sparse multiscale algorithm for dense optimal transport",
 * §4: the dual of a coarser problem, refined, selects the fine problem's short list; Mérigot 2011 for the coarsening by
 * subsets): solve exact OT between every MULTISCALE_RATIO-th point of P and of Q (weights kept), extend its potentials
 * f', g' to every point by c-transforms, f~(x_i) = min_j' (C(x_i, y_j') − g'_j') and g~(y_j) = min_i' (C(x_i', y_j) −
 * f'_i'), and return, for each point of P, the MULTISCALE_K pairs of least reduced cost C_ij − f~_i − g~_j over all of
 * Q (one pass of the fused dual-check kernel, ./dual-check.ts, with f~ raised by a bound on every cost so that every
 * pair counts and each row keeps its K least). Pairs near the coarse optimum's support are what the kNN shortlist
 * misses when mass travels further than the nearest neighbours (W1 above the kNN radius); with them the first sparse
 * solve is closer to optimal and fewer violators are added. A heuristic only: exactness comes from the all-pairs check
 * that follows (./shortlist.ts). Returns sorted keys i·m + j; none when a subsample has no weight.
 */
export function coarseCandidates(
  pts: PointCosts,
  a: Float64Array,
  b: Float64Array,
  solveCoarse: CoarseSolver,
): Float64Array {
  const {x, n, y, m, d, power} = pts
  const P = everyRatioth(x, a, n, d),
    Q = everyRatioth(y, b, m, d)
  let A = 0,
    B = 0
  for (const v of P.w) A += v
  for (const v of Q.w) B += v
  if (!(A > 0 && B > 0)) return new Float64Array(0)
  // Equal totals without dividing: integer weights (the unweighted case) stay integers.
  const sub: PointCosts = {x: P.z, n: P.count, y: Q.z, m: Q.count, d, power}
  const coarse = useShortlist(P.count, Q.count)
    ? solveCoarse(
        P.w.map((v) => v * B),
        Q.w.map((v) => v * A),
        sub,
      )
    : networkSimplex({a: P.w.map((v) => v * B), b: Q.w.map((v) => v * A), costs: sub})
  // f~ and g~ of the doc comment. Only the c-transforms are wanted from these two passes; the pairs they list are not.
  const fTilde = new Float64Array(n),
    gTilde = new Float64Array(m)
  const none = {tol: 0, perRow: 1}
  allPairsCheck(
    {x, n, y: Q.z, m: Q.count, d, power},
    new Float64Array(n).fill(-Infinity),
    coarse.g,
    fTilde,
    new Float64Array(Q.count),
    none,
  )
  allPairsCheck(
    {x: P.z, n: P.count, y, m, d, power},
    coarse.f,
    new Float64Array(m),
    new Float64Array(P.count),
    gTilde,
    none,
  )
  const raise = costUpperBound(pts)
  return allPairsCheck(
    pts,
    fTilde.map((v) => v + raise),
    gTilde,
    new Float64Array(n),
    new Float64Array(m),
    {tol: 0, perRow: MULTISCALE_K},
  )
}

/** Every MULTISCALE_RATIO-th point (by index) of positive weight: its coordinates and weights. */
function everyRatioth(z: Float64Array, w: Float64Array, count: number, d: number) {
  const rows: number[] = []
  for (let i = 0; i < count; i += MULTISCALE_RATIO) if (w[i] > 0) rows.push(i)
  const out = new Float64Array(rows.length * d),
    ws = new Float64Array(rows.length)
  rows.forEach((r, t) => {
    out.set(z.subarray(r * d, r * d + d), t * d)
    ws[t] = w[r]
  })
  return {z: out, w: ws, count: rows.length}
}
