/**
 * Test oracle: the successive-shortest-path solver that computed every exact W1 with unequal sizes or
 * weights before the network simplex replaced it (src/core/ot/network-simplex.ts, measured faster at every size:
 * 10 × 10 000 in 20 s before, well under 1 s now). Kept here, unchanged apart from this note, as an independent
 * exact reference for the property tests.
 */
import {InputError} from '../../../../src/core/errors.js'
import {NodeQueue} from './node-queue.js'

/** A transportation problem: supplies a (n), demands b (m), costs by index. */
export interface TransportProblem {
  a: Float64Array
  b: Float64Array
  cost: (i: number, j: number) => number
  /** True when a and b hold whole numbers (uniform weights scaled to m and n): then flows stay exact integers. */
  integral: boolean
}

/**
 * Largest n·m the successive-shortest-path solver accepts: its cost matrix is n·m float64s (8 MB at the limit).
 */
export const EXACT_MAX_PAIRS = 1_000_000

/**
 * Largest `exactTransportWork` the solver accepts: about a minute (measured 5–10 ns per unit on the 2-core CI machine:
 * 900 × 1000 in 7 s, 10 × 10 000 in 24 s; bench/RESULTS.md). Beyond it the answer would not come in reasonable time.
 */
export const EXACT_MAX_WORK = 1e10

/**
 * Operations successive shortest paths needs on n × m points, up to a constant: about n + m augmentations, each a
 * Dijkstra search that relaxes up to n·m edges and pops up to n + m heap entries. Very unequal sizes are the costly
 * case (m augmentations of O(m) each), which n·m alone does not show: 10 × 10 000 is 1e5 pairs but 2e9 work.
 */
export function exactTransportWork(n: number, m: number): number {
  const nodes = n + m
  return nodes * (n * m + nodes * Math.log2(nodes))
}

/** The reason exact transport on n × m points is refused, or undefined when the solver takes it. */
export function exactTransportRefusal(n: number, m: number): string | undefined {
  if (n * m > EXACT_MAX_PAIRS)
    return `exact W1 on ${n} × ${m} points is too large for the exact solver (n·m > ${EXACT_MAX_PAIRS}); use --method sinkhorn (certified bracket) or --sample N`
  if (exactTransportWork(n, m) > EXACT_MAX_WORK)
    return `exact W1 on ${n} × ${m} points would take minutes (very unequal sizes cost the exact solver about max(n, m)² steps); use --method sinkhorn (certified bracket) or --sample N on the larger set`
  return undefined
}

/**
 * Exact optimal transport min_{γ ∈ Π(a,b)} Σ γ_ij c_ij by successive shortest paths with Johnson potentials
 * (Ahuja, Magnanti & Orlin 1993, §9.7): multi-source Dijkstra on the residual bipartite graph (an indexed heap, so
 * one search costs O(n·m + (n+m) log(n+m)) rather than the O((n+m)²) of linear scans, which made 10 × 10 000 take
 * minutes; it stops at the first sink with unmet demand), reduced costs kept non-negative by the potential update
 * π(v) += min(dist(v), dist(t)). Exact up to floating-point rounding of the summed costs; with integral supplies the
 * flows are exact integers. Deterministic: ties go to the lowest index.
 *
 * @returns the optimal cost Σ γ_ij c_ij / Σ a_i (the a, b totals are equal) and the number of augmentations.
 */
export function exactTransport(
  problem: TransportProblem,
  onProgress?: (done: number, total: number) => void,
): {cost: number; augmentations: number} {
  const {a, b} = problem
  const n = a.length,
    m = b.length
  const refusal = exactTransportRefusal(n, m)
  if (refusal) throw new InputError(refusal)
  const C = new Float64Array(n * m)
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) C[i * m + j] = problem.cost(i, j)

  const supply = Float64Array.from(a)
  const demand = Float64Array.from(b)
  let total = 0
  for (let i = 0; i < n; i++) total += a[i]
  const tol = problem.integral ? 0.5 : 1e-13 * total
  // flows[j]: the sources i that send to sink j, with amounts (sparse; at most n+m−1 non-zero in the end).
  const flowsTo: Map<number, number>[] = Array.from({length: m}, () => new Map())
  const piS = new Float64Array(n)
  const piT = new Float64Array(m)
  for (let j = 0; j < m; j++) {
    let min = Infinity
    for (let i = 0; i < n; i++) if (C[i * m + j] < min) min = C[i * m + j]
    piT[j] = min
  }
  const distS = new Float64Array(n),
    distT = new Float64Array(m)
  const doneS = new Uint8Array(n),
    doneT = new Uint8Array(m)
  const predT = new Int32Array(m) // source that reached sink j
  const predS = new Int32Array(n) // sink that reached source i through a reverse edge (−1: a root)
  const queue = new NodeQueue(n + m)
  let remaining = total
  let augmentations = 0
  const maxAugmentations = 8 * (n + m) + 100
  const open = (v: Float64Array) => v.some((x) => x > tol)
  while (remaining > tol && open(supply) && open(demand)) {
    if (++augmentations > maxAugmentations)
      throw new Error(`internal: exact transport did not finish in ${maxAugmentations} augmentations`)
    // Node ids in the queue: sink j is j, source i is m + i, so on equal distances sinks come first (a zero-length path
    // to an unmet sink ends the search at once instead of after settling every source at distance 0), then lower index.
    queue.clear()
    for (let i = 0; i < n; i++) {
      distS[i] = supply[i] > tol ? 0 : Infinity
      predS[i] = -1
      doneS[i] = 0
      if (distS[i] === 0) queue.decrease(m + i, 0)
    }
    distT.fill(Infinity)
    doneT.fill(0)
    let target = -1
    let D = 0
    for (;;) {
      const node = queue.pop()
      if (node < 0) throw new Error('internal: exact transport found no augmenting path')
      const best = queue.keyOf(node)
      if (node < m) {
        const bi = node
        doneT[bi] = 1
        if (demand[bi] > tol) {
          target = bi
          D = best
          break
        }
        for (const [i, f] of flowsTo[bi]) {
          if (f <= 0 || doneS[i]) continue
          const nd = best - C[i * m + bi] + piT[bi] - piS[i]
          if (nd < distS[i]) {
            distS[i] = nd
            predS[i] = bi
            queue.decrease(m + i, nd)
          }
        }
      } else {
        const bi = node - m
        doneS[bi] = 1
        const row = bi * m
        const base = best + piS[bi]
        for (let j = 0; j < m; j++) {
          if (doneT[j]) continue
          const nd = base + C[row + j] - piT[j]
          if (nd < distT[j]) {
            distT[j] = nd
            predT[j] = bi
            queue.decrease(j, nd)
          }
        }
      }
    }
    for (let i = 0; i < n; i++) piS[i] += Math.min(distS[i], D)
    for (let j = 0; j < m; j++) piT[j] += Math.min(distT[j], D)
    // Bottleneck along the path target ← predT ← … ← root source.
    let delta = demand[target]
    let j = target
    for (;;) {
      const i = predT[j]
      const back = predS[i]
      if (back < 0) {
        delta = Math.min(delta, supply[i])
        break
      }
      delta = Math.min(delta, flowsTo[back].get(i)!)
      j = back
    }
    j = target
    for (;;) {
      const i = predT[j]
      flowsTo[j].set(i, (flowsTo[j].get(i) ?? 0) + delta)
      const back = predS[i]
      if (back < 0) {
        supply[i] -= delta
        break
      }
      const left = flowsTo[back].get(i)! - delta
      if (left <= tol * 1e-3) flowsTo[back].delete(i)
      else flowsTo[back].set(i, left)
      j = back
    }
    demand[target] -= delta
    remaining -= delta
    onProgress?.(total - remaining, total)
  }
  let cost = 0
  for (let jj = 0; jj < m; jj++) for (const [i, f] of flowsTo[jj]) cost += f * C[i * m + jj]
  return {cost: cost / total, augmentations}
}
