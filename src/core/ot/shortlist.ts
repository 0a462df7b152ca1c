import {type DualFilter, dualFilter} from '../../kernels/index.js'
import {knnScaled} from '../knn/index.js'
import {chooseSide} from './certificate.js'
import {allPairsCheck, type DualCheckOptions, filteredCheck} from './dual-check.js'
import {coarseCandidates, MULTISCALE_MIN_POINTS, MULTISCALE_RATIO} from './multiscale.js'
import {REDUCED_COST_TOL, Simplex, type SimplexResult, type SparseArcs} from './network-simplex.js'
import {costUpperBound, type PointCosts, pointCost} from './transport-costs.js'

/**
 * Nearest neighbours each point contributes as candidate arcs, in the other set (each way). 16 measured best at
 * 10 000² d = 8 (bench/RESULTS.md "Issue 24", CPU seconds: k = 8: 14.0 s in 9 rounds; 16: 8.3 s in 6; 24 (4 added
 * per line): 9.3 s; 32: 9.1 s; 8 with 32 added per line: 16.2 s), and again with the fused check kernel at 20 000²
 * d = 16 (session 26, CPU seconds under load 10–20): k = 8: 58.8 s; 12: 48.9 s; 16: 43.5 s; 24: 45.7 s; 16 with 16
 * added per line: 44.6 s, with 4: 47.4 s.
 */
export const SHORTLIST_K = 16
/** Most violating arcs one violating row (or column) adds per round: enough to repair a cluster boundary quickly. */
export const SHORTLIST_ADD_PER_LINE = 8
/**
 * Rounds of check-and-add before giving up (the certificate then says how far the plan is from optimal); the loop also
 * ends when a round's solve makes no pivot (`shortlistSimplex`).
 */
export const SHORTLIST_MAX_ROUNDS = 200
/**
 * A pair violates when C_ij − f_i − g_j < −SHORTLIST_VIOLATION_TOL·max(|C_ij|, |f_i|, |g_j|): ten times the network
 * simplex's pricing tolerance (REDUCED_COST_TOL), so every arc the check adds prices as entering, and the loop moves.
 */
export const SHORTLIST_VIOLATION_TOL = 10 * REDUCED_COST_TOL

export interface ShortlistStats {
  /** Check-and-add rounds (1 when the first shortlist already held an optimal basis). */
  rounds: number
  /** Arcs in the final sparse problem. */
  arcs: number
  /** Arcs the all-pairs check added over all rounds. */
  added: number
  /** Arcs of the first shortlist (kNN both ways plus the north-west-corner support). */
  initialArcs: number
}

export type ShortlistProgress = (phase: 'candidates' | 'solve' | 'check', round: number, detail: string) => void

/**
 * Exact optimal transport on all n·m pairs by a shortlist network simplex (Gottschlich & Schuhmacher 2014, "The
 * shortlist method for fast computation of the Earth Mover's Distance", §3; the sparse-then-check loop of Schmitzer
 * 2016, "A sparse multiscale algorithm for dense optimal transport", §3–4), with memory O((n + m)·k), never n × m:
 *
 * 1. candidates: each point's SHORTLIST_K nearest neighbours in the other set (src/core/knn), plus the support of the
 *    north-west-corner coupling of both sets sorted along the direction between their means (n + m − 1 arcs that
 *    always carry the marginals, so the sparse problem is feasible without artificial flow), plus, when both sets
 *    have at least `multiscaleMin` points, the pairs of least reduced cost under a coarse problem's potentials
 *    (./multiscale.ts, solved by this function on subsets);
 * 2. solve on the sparse arcs (./network-simplex.ts, sparse mode);
 * 3. all-pairs dual check (./dual-check.ts): f^c_j = min_i (C_ij − f_i), g^c_i = min_j (C_ij − g_j), and each row's
 *    SHORTLIST_ADD_PER_LINE most violating pairs (C_ij < f_i + g_j beyond rounding) and each column's most violating
 *    one, which join the arc set. For W1 the rounds run the float32 filter (`filteredCheck`: the same pairs, 0.4× the
 *    float64 check's CPU at 10 000² d = 16, bench/dual-check.mjs) until it finds none; then one pass of the fused
 *    float64 kernel (`allPairsCheck`, on the worker threads) confirms it and gives f^c and g^c;
 * 4. warm start: the spanning tree is kept (an optimal basis of the smaller problem is a feasible basis of the
 *    larger), solve again; repeat until no pair violates, or until a solve makes no pivot (the added pairs were
 *    rounding residues to the simplex: the certificate then judges the plan).
 * At the end f^c and g^c of the last check give the certificate (./certificate.ts `chooseSide`), over all pairs.
 * Deterministic: kNN ties by index, arcs sorted by (i, j), the row kernels byte-identical for any thread count.
 */
export function shortlistSimplex(
  a: Float64Array,
  b: Float64Array,
  pts: PointCosts,
  onProgress?: ShortlistProgress,
  multiscaleMin = MULTISCALE_MIN_POINTS,
): SimplexResult & {shortlist: ShortlistStats} {
  const {x, n, y, m, d, power} = pts
  onProgress?.('candidates', 0, `candidates: ${SHORTLIST_K} nearest neighbours each way`)
  let keys = candidateKeys(pts, a, b)
  if (Math.min(n, m) >= multiscaleMin) {
    onProgress?.('candidates', 0, `candidates: a coarse problem on every ${MULTISCALE_RATIO}th point`)
    const coarse = coarseCandidates(pts, a, b, (ca, cb, sub) => shortlistSimplex(ca, cb, sub, undefined, multiscaleMin))
    keys = mergeKeys(keys, coarse)
  }
  const sparse = arcsFromKeys(keys, pts)
  const initialArcs = sparse.count
  const sim = new Simplex(a, b, null, pts, sparse, costUpperBound(pts))
  const gc = new Float64Array(n),
    fc = new Float64Array(m)
  let added = 0,
    rounds = 0
  let plan = sim.plan()
  const checkOpts: DualCheckOptions = {tol: SHORTLIST_VIOLATION_TOL, perRow: SHORTLIST_ADD_PER_LINE}
  // W1 costs: rounds before the last find their violators through the float32 filter (the same pairs in about half
  // the time); the float64 check runs once the filter finds none, and is the one that certifies.
  const filter = power === 1 ? usableFilter(pts) : undefined
  try {
    for (;;) {
      rounds++
      onProgress?.('solve', rounds, `round ${rounds}: solving on ${sim.arcs} arcs (${sim.pivots} pivots so far)`)
      const pivotsBefore = sim.pivots
      sim.solve()
      plan = sim.plan()
      // No pivot after arcs were added: none of them priced as entering at the simplex's own tolerance (on its
      // potentials, which are centred; the check's tolerance is on f and g, so pairs whose reduced costs are rounding
      // residues of both, e.g. costs of 1e-162 beside potentials of 1, can pass one test and fail the other). The plan
      // cannot change any more: certify it as it is instead of adding the same pairs again until the round limit.
      const stalled = rounds > 1 && sim.pivots === pivotsBefore
      let verb = 'checking'
      const onRows = (done: number) =>
        onProgress?.(
          'check',
          rounds,
          `round ${rounds}: ${verb} all ${n} × ${m} pairs, ${Math.floor((100 * done) / n)}%`,
        )
      onProgress?.('check', rounds, `round ${rounds}: ${verb} all ${n} × ${m} pairs`)
      const last = stalled || rounds >= SHORTLIST_MAX_ROUNDS
      // The last round always runs the float64 check: its f^c and g^c are the certificate's.
      let found = filter && !last ? filteredCheck(pts, filter, plan.f, plan.g, checkOpts, onRows) : undefined
      if (found === undefined || found.length === 0) {
        if (found !== undefined || last) {
          verb = 'certifying'
          onProgress?.('check', rounds, `round ${rounds}: ${verb} all ${n} × ${m} pairs`)
        }
        found = allPairsCheck(pts, plan.f, plan.g, gc, fc, checkOpts, onRows)
      }
      if (found.length === 0 || last) break
      const t = new Int32Array(found.length),
        h = new Int32Array(found.length),
        c = new Float64Array(found.length)
      for (let k = 0; k < found.length; k++) {
        const i = Math.floor(found[k] / m),
          j = found[k] - i * m
        t[k] = i
        h[k] = j
        c[k] = pointCost(x, i, y, j, d, power)
      }
      sim.addArcs(t, h, c, found.length)
      added += found.length
      onProgress?.('check', rounds, `round ${rounds}: ${found.length} violating pairs added (${added} in all)`)
    }
  } finally {
    filter?.dispose()
  }
  const cert = chooseSide(plan.f, plan.g, fc, gc, a, b)
  return {
    cost: plan.cost,
    ...cert,
    maxCost: sim.maxCost,
    marginalError: plan.marginalError,
    pivots: sim.pivots,
    scanned: sim.scanned,
    moved: sim.moved,
    storage: 'from-coordinates',
    shortlist: {rounds, arcs: sim.arcs, added, initialArcs},
  }
}

/** The float32 dual-check filter of these points, or undefined when its bound does not apply to them. */
function usableFilter(pts: PointCosts): DualFilter | undefined {
  const filter = dualFilter(pts.x, pts.n, pts.y, pts.m, pts.d)
  if (filter.usable) return filter
  filter.dispose()
  return undefined
}

/**
 * The first shortlist as sorted unique keys i·m + j: kNN both ways, plus the north-west-corner support along the
 * direction between the means (or the first coordinate when the means coincide).
 */
function candidateKeys(pts: PointCosts, a: Float64Array, b: Float64Array): Float64Array {
  const {x, n, y, m, d} = pts
  const keys: number[] = []
  const kq = Math.min(SHORTLIST_K, m),
    kp = Math.min(SHORTLIST_K, n)
  const toQ = knnScaled(y, m, x, n, d, kq)
  for (let i = 0; i < n; i++) for (let t = 0; t < kq; t++) keys.push(i * m + toQ.indices[i * kq + t])
  const toP = knnScaled(x, n, y, m, d, kp)
  for (let j = 0; j < m; j++) for (let t = 0; t < kp; t++) keys.push(toP.indices[j * kp + t] * m + j)
  northWestCorner(pts, a, b, keys)
  const sorted = Float64Array.from(keys).sort()
  let u = 0
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[u++] = sorted[k]
  return sorted.slice(0, u)
}

/** The north-west-corner coupling of P and Q sorted by their projection on the mean difference: its support. */
function northWestCorner(pts: PointCosts, a: Float64Array, b: Float64Array, keys: number[]): void {
  const {x, n, y, m, d} = pts
  const dir = new Float64Array(d)
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) dir[k] -= x[i * d + k] / n
  for (let j = 0; j < m; j++) for (let k = 0; k < d; k++) dir[k] += y[j * d + k] / m
  if (dir.every((v) => v === 0)) dir[0] = 1
  const proj = (z: Float64Array, r: number) => {
    let s = 0
    for (let k = 0; k < d; k++) s += z[r * d + k] * dir[k]
    return s
  }
  const px = Float64Array.from({length: n}, (_, i) => proj(x, i)),
    py = Float64Array.from({length: m}, (_, j) => proj(y, j))
  const ox = Uint32Array.from({length: n}, (_, i) => i).sort((u, v) => px[u] - px[v] || u - v)
  const oy = Uint32Array.from({length: m}, (_, j) => j).sort((u, v) => py[u] - py[v] || u - v)
  let totalA = 0,
    totalB = 0
  for (const v of a) totalA += v
  for (const v of b) totalB += v
  let i = 0,
    j = 0,
    ra = a[ox[0]] / totalA,
    rb = b[oy[0]] / totalB
  while (i < n && j < m) {
    keys.push(ox[i] * m + oy[j])
    if (ra <= rb) {
      rb -= ra
      if (++i < n) ra = a[ox[i]] / totalA
    } else {
      ra -= rb
      if (++j < m) rb = b[oy[j]] / totalB
    }
  }
}

/** The union of two sorted unique key lists, sorted and unique. */
function mergeKeys(u: Float64Array, v: Float64Array): Float64Array {
  const out = new Float64Array(u.length + v.length)
  let i = 0,
    j = 0,
    k = 0
  while (i < u.length || j < v.length) {
    const next = j >= v.length || (i < u.length && u[i] <= v[j]) ? u[i++] : v[j++]
    if (k === 0 || out[k - 1] !== next) out[k++] = next
  }
  return out.slice(0, k)
}

/** Sorted keys i·m + j as a sparse arc set with costs from `pointCost` (the dense solver's loop, same rounding). */
function arcsFromKeys(keys: Float64Array, pts: PointCosts): SparseArcs {
  const {x, y, m, d, power} = pts
  const count = keys.length
  const cap = Math.ceil(count * 1.5) + 16
  const tail = new Int32Array(cap),
    head = new Int32Array(cap),
    cost = new Float64Array(cap)
  for (let k = 0; k < count; k++) {
    const i = Math.floor(keys[k] / m),
      j = keys[k] - i * m
    tail[k] = i
    head[k] = j
    cost[k] = pointCost(x, i, y, j, d, power)
  }
  return {tail, head, cost, count}
}
