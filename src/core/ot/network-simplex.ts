import {InputError, opt} from '../errors.js'
import {certifyPotentials} from './certificate.js'
import {
  type CostStorage,
  costMatrix,
  costStorageFor,
  costUpperBound,
  type PointCosts,
  pointCost,
} from './transport-costs.js'

/**
 * Largest n·m the network simplex takes: arc ids and the tree bitset are indexed by 32-bit integers.
 */
export const SIMPLEX_MAX_ARCS = 2 ** 31 - 1

/**
 * Block size of the block-search pivot rule: max(√arcs, MIN_BLOCK) arcs are priced before the best of them enters
 * (LEMON's NetworkSimplex defaults, kept by POT's `network_simplex_simple.h`).
 */
export const MIN_BLOCK = 10

/**
 * The sparse (shortlist) solver's blocks are SPARSE_BLOCK_FACTOR·√arcs: on its k-nearest-neighbour arc sets a short
 * block finds an entering arc almost as good for a fraction of the pricing. Measured (bench/shortlist.mjs, CPU seconds
 * of the sparse solves, bench/RESULTS.md "Issue 24, session 26"): 10 000² d = 8, factor 1: 6.2 s (434 k pivots), 0.5:
 * 5.4 s, 0.25: 4.2 s, 0.1: 3.8 s, 0.05: 3.6 s, 0.02: 3.8 s; 20 000² d = 16, factor 1: 19 s, 0.15: 10.8 s, 0.05: 12.1 s.
 * The dense solver keeps LEMON's factor 1 (its blocks are rows of a matrix read sequentially).
 */
export const SPARSE_BLOCK_FACTOR = 0.1

function blockSize(arcs: number, sparse: boolean): number {
  return Math.max(MIN_BLOCK, Math.floor((sparse ? SPARSE_BLOCK_FACTOR : 1) * Math.sqrt(arcs)))
}

/**
 * Relative tolerance on reduced costs: an arc enters only if c_ij + π_i − π_j < −REDUCED_COST_TOL·max(|π_i|, |π_j|,
 * |c_ij|), about 45 units in the last place of the terms actually added (POT uses 10): a reduced cost that is a
 * rounding residue must not enter, or the solve could cycle on rounding noise. A max C term was part of it (added
 * against cycling on costs mixing 1e-32 and 1e-112, before the potentials were centred on the bulk of the mass in
 * `recomputePotentials`); with one point at 1e12 it made every arc inside the bulk (costs 1e-12 of max C) price as a
 * tie, and the solve stopped 18 % above the optimum (fixtures/w1/far-*.csv).
 */
export const REDUCED_COST_TOL = 1e-14

export interface SimplexProblem {
  /** Supplies (n), non-negative; zeros allowed. */
  a: Float64Array
  /** Demands (m), non-negative, with the same total as a (up to rounding). */
  b: Float64Array
  /** The costs: from points (cached or recomputed by the budget), or an explicit n×m row-major matrix (tests). */
  costs: PointCosts | {C: Float64Array; n: number; m: number}
  /** Override the budget's choice (tests and benchmarks). */
  storage?: CostStorage
}

export interface SimplexResult {
  /** Σ γ_ij C_ij / Σ a_i for the optimal plan γ (the primal value). */
  cost: number
  /**
   * Dual potentials after two exact c-transforms of the tree's potentials: f_i + g_j ≤ C_ij for every pair by
   * construction (rounding of one subtraction aside), so (Σ a_i f_i + Σ b_j g_j) / Σ a_i is a lower bound.
   */
  f: Float64Array
  g: Float64Array
  /** (Σ a_i f_i + Σ b_j g_j) / Σ a_i: equals `cost` at an optimum (strong duality), which is what certifies it. */
  dualValue: number
  /** max_ij (f_i + g_j − C_ij) of the spanning tree's own potentials, before the c-transforms (≤ rounding when optimal). */
  maxViolation: number
  /** Bound on the rounding in dualValue (./certificate.ts), so dualValue − dualRounding is a lower bound. */
  dualRounding: number
  /** max_ij C_ij (or an upper bound on it when costs are not cached): the scale of rounding in the values above. */
  maxCost: number
  /** max_i |Σ_j γ_ij − a_i| and over j, relative to Σ a_i. */
  marginalError: number
  pivots: number
  /** Arcs priced and potentials shifted over the whole solve (work counters for the benchmarks and the time model). */
  scanned: number
  moved: number
  storage: CostStorage
}

/**
 * Exact optimal transport min_{γ ∈ Π(a,b)} Σ γ_ij C_ij by the primal network simplex on the complete bipartite
 * graph (Ahuja, Magnanti & Orlin 1993, ch. 11; the transport form of Bonneel, van de Panne, Paris & Heidrich 2011,
 * which POT's `emd` runs), following LEMON's NetworkSimplex (Kovács 2015, "Minimum-cost flow algorithms: an
 * experimental evaluation"):
 *
 * - an artificial root joined to every node gives the first strongly feasible spanning tree (supplies send to the
 *   root at cost 0, the root feeds demands at cost 2·(n + m + 1)·max C), then each demand's cheapest arc is pivoted in;
 * - block-search pricing: arcs are scanned row by row with wrap-around (POT mixes the order with a stride of √arcs;
 *   row-major reads memory sequentially and measured faster, see `priceCached`), and the most negative reduced cost
 *   c_ij + π_i − π_j of a block of max(√arcs, 10) arcs enters;
 * - the leaving arc is the first blocking arc of the cycle in the direction that keeps the tree strongly feasible
 *   (no cycling under degeneracy: Cunningham 1976);
 * - the tree lives in flat typed arrays (parent, pred, direction, thread / reverse thread, subtree size, last
 *   successor, potential) updated in place; only tree arcs carry flow, so flows are stored per node (O(n + m)) and
 *   the memory is the cost cache (8·n·m bytes, if the budget allows) plus a one-bit-per-arc tree mark.
 *
 * Costs come from a cached matrix or are recomputed from coordinates at every look (`storage`). Unweighted inputs
 * may be passed as integers (a_i = m, b_j = n), which keeps every flow an exact integer.
 * After the last pivot the potentials are recomputed along the tree (no drift) and priced again, then certified
 * (./certificate.ts: feasibility over all pairs, dual value = primal value).
 */
export function networkSimplex(
  problem: SimplexProblem,
  onProgress?: (done: number, total: number) => void,
): SimplexResult {
  const {a, b} = problem
  const n = a.length,
    m = b.length
  const arcs = n * m
  if (arcs > SIMPLEX_MAX_ARCS)
    throw new InputError(
      `exact W1 on ${n} × ${m} points is beyond the exact solver's ${SIMPLEX_MAX_ARCS} pairs; use ${opt('w1.method')} sinkhorn or ${opt('sample')} N`,
    )
  const src = problem.costs
  const points = 'x' in src ? src : undefined
  const storage: CostStorage = points ? (problem.storage ?? costStorageFor(n, m)) : 'cached'
  // The larger set supplies: with 10 × 10 000 points the other orientation needed 1.7× the pivots and 2–2.3× the time
  // (bench/exact-shapes.mjs, 10 000 × 10 vs 10 × 10 000: 0.25 vs 0.51 s), as each of the few sources carries a big subtree.
  if (points && n < m) {
    const r = solve(b, a, {x: points.y, n: m, y: points.x, m: n, d: points.d, power: points.power}, storage, onProgress)
    return {...r, f: r.g, g: r.f}
  }
  return solve(a, b, points ?? (src as {C: Float64Array}), storage, onProgress)
}

function solve(
  a: Float64Array,
  b: Float64Array,
  costs: PointCosts | {C: Float64Array},
  storage: CostStorage,
  onProgress?: (done: number, total: number) => void,
): SimplexResult {
  const points = 'x' in costs ? costs : undefined
  const C = points ? (storage === 'cached' ? costMatrix(points) : null) : (costs as {C: Float64Array}).C
  const s = new Simplex(a, b, C, points)
  s.solve(onProgress)
  return {...s.certify(), pivots: s.pivots, storage, scanned: s.scanned, moved: s.moved}
}

/**
 * A sparse arc set for the shortlist solver (./shortlist.ts): arc e runs from source tail[e] to sink head[e] at cost
 * cost[e], for e < count; arrays grow as arcs are added (`Simplex.addArcs`), and the tree is kept (warm start).
 */
export interface SparseArcs {
  tail: Int32Array
  head: Int32Array
  cost: Float64Array
  count: number
}

/** Artificial arc ids of the sparse solver start here (transport arcs stay below: 2^30 of them is 16 GB). */
const SPARSE_ART_BASE = 2 ** 30

export class Simplex {
  readonly n: number
  readonly m: number
  /** Transport arcs: n·m (dense), or the sparse count (grows). */
  arcs: number
  /** Id of node 0's artificial arc (node u's is artBase + u): n·m dense, SPARSE_ART_BASE sparse. */
  readonly artBase: number
  readonly root: number
  // Tree, per node (sources 0…n−1, sinks n…n+m−1, root n+m).
  readonly parent: Int32Array
  /** Arc joining the node to its parent: i·m + j for a transport arc, arcs + u for node u's artificial arc. */
  readonly pred: Int32Array
  /** 1 when pred points from the node up to its parent. */
  readonly forward: Uint8Array
  /** Flow on pred (non-tree arcs carry none: every arc is uncapacitated). */
  readonly flow: Float64Array
  readonly thread: Int32Array
  readonly revThread: Int32Array
  readonly succNum: Int32Array
  readonly lastSucc: Int32Array
  readonly pi: Float64Array
  readonly dirty: Int32Array
  /** One bit per transport arc: in the tree. */
  inTree: Uint8Array
  readonly artCost: number
  readonly maxCost: number
  // Pricing state: block size and where the wrap-around scan resumes.
  block: number
  row = 0
  col = 0
  pivots = 0
  scanned = 0
  moved = 0

  constructor(
    readonly a: Float64Array,
    readonly b: Float64Array,
    readonly C: Float64Array | null,
    readonly points: PointCosts | undefined,
    readonly sparse?: SparseArcs,
    maxCostBound?: number,
  ) {
    const n = a.length,
      m = b.length
    this.n = n
    this.m = m
    this.arcs = sparse ? sparse.count : n * m
    this.artBase = sparse ? SPARSE_ART_BASE : n * m
    const N = n + m + 1
    this.root = n + m
    this.parent = new Int32Array(N)
    this.pred = new Int32Array(N)
    this.forward = new Uint8Array(N)
    this.flow = new Float64Array(N)
    this.thread = new Int32Array(N)
    this.revThread = new Int32Array(N)
    this.succNum = new Int32Array(N)
    this.lastSucc = new Int32Array(N)
    this.pi = new Float64Array(N)
    this.dirty = new Int32Array(N)
    this.inTree = new Uint8Array(((sparse ? sparse.tail.length : this.arcs) >>> 3) + 1)
    this.block = blockSize(this.arcs, sparse !== undefined)
    let maxCost = 0
    if (maxCostBound !== undefined) maxCost = maxCostBound
    else if (C)
      for (let k = 0; k < C.length; k++) {
        if (C[k] > maxCost) maxCost = C[k]
      }
    else maxCost = costUpperBound(points!)
    this.maxCost = maxCost
    // Dearer than any path of transport arcs (≤ N·max C), so artificial arcs leave the tree; 1 when all costs are 0.
    this.artCost = maxCost > 0 ? 2 * N * maxCost : 1
    // Initial strongly feasible tree: every node hangs from the root by its artificial arc.
    const root = this.root
    this.parent[root] = -1
    this.pred[root] = -1
    this.thread[root] = 0
    this.revThread[0] = root
    this.succNum[root] = N
    this.lastSucc[root] = root - 1
    for (let u = 0; u < root; u++) {
      this.parent[u] = root
      this.pred[u] = this.artBase + u
      this.thread[u] = u + 1
      this.revThread[u + 1] = u
      this.succNum[u] = 1
      this.lastSucc[u] = u
      if (u < n) {
        this.forward[u] = 1
        this.pi[u] = 0
        this.flow[u] = a[u]
      } else if (b[u - n] === 0) {
        this.forward[u] = 1
        this.pi[u] = 0
        this.flow[u] = 0
      } else {
        this.forward[u] = 0
        this.pi[u] = this.artCost
        this.flow[u] = b[u - n]
      }
    }
  }

  cost(e: number): number {
    if (e >= this.artBase) return this.forward[e - this.artBase] ? 0 : this.artCost
    if (this.sparse) return this.sparse.cost[e]
    if (this.C) return this.C[e]
    const p = this.points!
    const i = Math.floor(e / this.m)
    return pointCost(p.x, i, p.y, e - i * this.m, p.d, p.power)
  }

  /** The entering arc of the next pivot, or −1 at optimality (the pricing rule of the arc storage). */
  price(): number {
    return this.sparse ? this.priceSparse() : this.C ? this.priceCached() : this.priceFromPoints()
  }

  /** Source and sink node ids of transport arc e. */
  tailOf(e: number): number {
    return this.sparse ? this.sparse.tail[e] : Math.floor(e / this.m)
  }
  headOf(e: number): number {
    return this.n + (this.sparse ? this.sparse.head[e] : e - Math.floor(e / this.m) * this.m)
  }

  /**
   * Appends sparse arcs (tail, head, cost); the spanning tree and potentials are kept, so the next `solve` starts from
   * the current basis (a warm start: the old optimum is a feasible basis of the enlarged problem).
   */
  addArcs(tail: ArrayLike<number>, head: ArrayLike<number>, cost: ArrayLike<number>, count: number): void {
    const sp = this.sparse!
    const need = sp.count + count
    if (need > sp.tail.length) {
      const cap = Math.max(need, Math.ceil(sp.tail.length * 1.5))
      const t = new Int32Array(cap),
        h = new Int32Array(cap),
        c = new Float64Array(cap)
      t.set(sp.tail.subarray(0, sp.count))
      h.set(sp.head.subarray(0, sp.count))
      c.set(sp.cost.subarray(0, sp.count))
      sp.tail = t
      sp.head = h
      sp.cost = c
      const bits = new Uint8Array((cap >>> 3) + 1)
      bits.set(this.inTree)
      this.inTree = bits
    }
    for (let k = 0; k < count; k++) {
      sp.tail[sp.count + k] = tail[k]
      sp.head[sp.count + k] = head[k]
      sp.cost[sp.count + k] = cost[k]
    }
    sp.count = need
    this.arcs = need
    this.block = blockSize(need, true)
  }

  solve(onProgress?: (done: number, total: number) => void): void {
    if (this.sparse) {
      if (this.pivots === 0) this.initialPivotsSparse()
    } else this.initialPivots()
    // Progress is shown against the pivots such runs took (bench/exact-shapes.mjs): ~26 000·(2√(nm)/2000)^1.6 for
    // similar sizes (1000²: 26 000, 10 000²: 1.03 million), ~2(n + m) for very unequal ones.
    const expected = Math.ceil(Math.max(2 * (this.n + this.m), 26000 * (Math.sqrt(this.arcs) / 1000) ** 1.6)) + 100
    // A safety net, far above the ~50·(n + m) pivots seen at 10 000²: if rounding ever made the pivots cycle, stop
    // and let the certificate say how far from optimal the plan is (it reports a bracket, never a wrong "exact").
    const maxPivots = 1000 * (this.n + this.m) + 1e6
    for (let round = 0; round < 100 && this.pivots < maxPivots; round++) {
      for (;;) {
        const e = this.price()
        if (e < 0 || this.pivots >= maxPivots) break
        this.pivot(e)
        if (onProgress && (this.pivots & 4095) === 0) onProgress(Math.min(this.pivots, expected - 1), expected)
      }
      // Recompute π along the tree (exact tree costs, no accumulated rounding) and price once more.
      this.recomputePotentials()
      const e = this.price()
      if (e < 0) break
      this.pivot(e)
    }
    this.recomputePotentials()
  }

  /** LEMON's heuristic start: pivot in each demand's cheapest incoming arc (one row-major pass over the costs). */
  initialPivots(): void {
    const {n, m} = this
    const best = new Float64Array(m).fill(Infinity),
      arg = new Int32Array(m)
    const C = this.C,
      p = this.points
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const c = C ? C[i * m + j] : pointCost(p!.x, i, p!.y, j, p!.d, p!.power)
        if (c < best[j]) {
          best[j] = c
          arg[j] = i
        }
      }
    }
    for (let j = 0; j < m; j++) {
      if (this.b[j] === 0) continue
      const e = arg[j] * m + j
      if (this.inTree[e >>> 3] & (1 << (e & 7))) continue
      if (best[j] + this.pi[arg[j]] - this.pi[n + j] < 0) this.pivot(e)
    }
  }

  /** initialPivots on a sparse arc set: each demand's cheapest listed arc. */
  initialPivotsSparse(): void {
    const {n, m} = this
    const sp = this.sparse!
    const best = new Float64Array(m).fill(Infinity),
      arg = new Int32Array(m).fill(-1)
    for (let e = 0; e < sp.count; e++) {
      const j = sp.head[e]
      if (sp.cost[e] < best[j]) {
        best[j] = sp.cost[e]
        arg[j] = e
      }
    }
    for (let j = 0; j < m; j++) {
      const e = arg[j]
      if (this.b[j] === 0 || e < 0) continue
      if (this.inTree[e >>> 3] & (1 << (e & 7))) continue
      if (best[j] + this.pi[sp.tail[e]] - this.pi[n + j] < 0) this.pivot(e)
    }
  }

  /** Block search over the sparse arc list with wrap-around (the same rule as priceCached). */
  priceSparse(): number {
    const sp = this.sparse!
    const {tail, head, cost} = sp
    const pi = this.pi,
      inTree = this.inTree,
      n = this.n,
      arcs = sp.count,
      block = this.block
    let e = this.col >= arcs ? 0 : this.col
    let min = 0,
      best = -1,
      seen = 0,
      left = block
    for (;;) {
      const c = cost[e] + pi[tail[e]] - pi[n + head[e]]
      if (c < min && (inTree[e >>> 3] & (1 << (e & 7))) === 0) {
        min = c
        best = e
      }
      if (++e === arcs) e = 0
      seen++
      if (--left === 0) {
        if (best >= 0 && min < -this.tolerance(best, cost[best])) break
        if (seen >= arcs) break
        left = block
      }
      if (seen >= arcs) break
    }
    this.col = e
    this.scanned += seen
    return best >= 0 && min < -this.tolerance(best, cost[best]) ? best : -1
  }

  /**
   * Block search over the cached matrix in row-major order with wrap-around: −1 when no arc prices below the
   * tolerance (optimal). Row-major rather than POT's mixed order (stride √arcs): it reads memory sequentially, and
   * measured 1.4–2× faster at 2000² although it needs ~35% more pivots (bench/RESULTS.md "Exact W1 by network simplex").
   */
  priceCached(): number {
    const C = this.C!,
      pi = this.pi,
      inTree = this.inTree
    const n = this.n,
      m = this.m,
      arcs = this.arcs,
      block = this.block
    let row = this.row,
      col = this.col
    let min = 0,
      best = -1,
      seen = 0
    for (;;) {
      // One block: `block` arcs from (row, col), row by row.
      let left = block
      while (left > 0) {
        const pr = pi[row],
          base = row * m
        const stop = Math.min(m, col + left)
        left -= stop - col
        for (let j = col; j < stop; j++) {
          const c = C[base + j] + pr - pi[n + j]
          if (c < min) {
            const e = base + j
            if ((inTree[e >>> 3] & (1 << (e & 7))) === 0) {
              min = c
              best = e
            }
          }
        }
        col = stop
        if (col === m) {
          col = 0
          if (++row === n) row = 0
        }
      }
      seen += block
      if (best >= 0 && min < -this.tolerance(best, C[best])) break
      if (seen >= arcs) break
    }
    this.row = row
    this.col = col
    this.scanned += seen
    return best >= 0 && min < -this.tolerance(best, C[best]) ? best : -1
  }

  /** Block search with costs recomputed from coordinates (same order and rule as priceCached). */
  priceFromPoints(): number {
    const {x, y, d, power} = this.points!
    const pi = this.pi,
      inTree = this.inTree
    const n = this.n,
      m = this.m,
      arcs = this.arcs,
      block = this.block
    let row = this.row,
      col = this.col
    let min = 0,
      best = -1,
      bestCost = 0,
      cnt = block,
      seen = 0
    scan: for (;;) {
      const pr = pi[row],
        base = row * m,
        xi = row * d
      for (; col < m; col++) {
        const r = pr - pi[n + col]
        // The reduced cost is ≥ r (costs are ≥ 0): skip the distance when even a zero cost would not beat the best.
        if (r < min) {
          let s2 = 0
          const yj = col * d
          for (let k = 0; k < d; k++) {
            const t = x[xi + k] - y[yj + k]
            s2 += t * t
          }
          const cij = power === 2 ? s2 : Math.sqrt(s2)
          const c = cij + r
          if (c < min) {
            const e = base + col
            if ((inTree[e >>> 3] & (1 << (e & 7))) === 0) {
              min = c
              best = e
              bestCost = cij
            }
          }
        }
        if (--cnt === 0) {
          seen += block
          if (best >= 0 && min < -this.tolerance(best, bestCost)) {
            col++
            break scan
          }
          if (seen >= arcs) {
            col++
            break scan
          }
          cnt = block
        }
      }
      col = 0
      if (++row === n) row = 0
    }
    if (col === m) {
      col = 0
      if (++row === n) row = 0
    }
    this.scanned += seen
    this.row = row
    this.col = col
    return best >= 0 && min < -this.tolerance(best, bestCost) ? best : -1
  }

  tolerance(e: number, c: number): number {
    const i = this.tailOf(e),
      j = this.headOf(e)
    return REDUCED_COST_TOL * Math.max(Math.abs(this.pi[i]), Math.abs(this.pi[j]), Math.abs(c))
  }

  /** One pivot: arc inArc (i → j, at flow 0) enters, the first blocking arc of the cycle leaves (LEMON's rule). */
  pivot(inArc: number): void {
    this.pivots++
    const {parent, forward, flow, succNum} = this
    const source = this.tailOf(inArc)
    const target = this.headOf(inArc)
    // Join: the cycle's apex, climbing from the side with the smaller subtree.
    let u = source,
      v = target
    while (u !== v) {
      if (succNum[u] < succNum[v]) u = parent[u]
      else v = parent[v]
    }
    const join = u
    // Leaving arc: flow is pushed source → target; on the source side it runs down the tree (arcs pointing up lose
    // flow), on the target side up the tree (arcs pointing down lose flow). Ties: the last candidate on the target
    // side, else the first on the source side — the strongly feasible choice.
    let delta = Infinity,
      uOut = -1,
      side = 0
    for (let w = source; w !== join; w = parent[w]) {
      if (forward[w] && flow[w] < delta) {
        delta = flow[w]
        uOut = w
        side = 1
      }
    }
    for (let w = target; w !== join; w = parent[w]) {
      if (!forward[w] && flow[w] <= delta) {
        delta = flow[w]
        uOut = w
        side = 2
      }
    }
    if (side === 0) throw new Error('internal: network simplex found an unbounded cycle (negative costs?)')
    if (delta > 0) {
      for (let w = source; w !== join; w = parent[w]) flow[w] += forward[w] ? -delta : delta
      for (let w = target; w !== join; w = parent[w]) flow[w] += forward[w] ? delta : -delta
    }
    const uIn = side === 1 ? source : target
    const vIn = side === 1 ? target : source
    const outArc = this.pred[uOut]
    if (outArc < this.artBase) this.inTree[outArc >>> 3] &= ~(1 << (outArc & 7))
    this.inTree[inArc >>> 3] |= 1 << (inArc & 7)
    this.updateTree(inArc, join, uIn, vIn, uOut, delta, source)
    // The entering arc must get reduced cost 0: shift the potentials of the moved subtree by σ, or — potentials being
    // defined up to a constant — those of every other node by −σ, whichever side is smaller. With very unequal sizes
    // (10 × 30 000) a moved subtree often holds a source and its thousands of sinks; the smaller side cut the work.
    const c = this.cost(inArc)
    const pi = this.pi,
      thread = this.thread
    const sigma = forward[uIn] ? pi[vIn] - pi[uIn] - c : pi[vIn] - pi[uIn] + c
    const end = thread[this.lastSucc[uIn]]
    if (2 * succNum[uIn] <= this.root + 1) {
      for (let w = uIn; w !== end; w = thread[w]) {
        pi[w] += sigma
        this.moved++
      }
    } else {
      for (let w = end; w !== uIn; w = thread[w]) {
        pi[w] -= sigma
        this.moved++
      }
    }
  }

  /**
   * Re-hangs the subtree cut off by the leaving arc (below uOut) from vIn through the entering arc, reversing the
   * stem uIn … uOut, and repairs thread, reverse thread, subtree sizes and last successors in place
   * (LEMON's NetworkSimplex::updateTreeStructure).
   */
  updateTree(inArc: number, join: number, uIn: number, vIn: number, uOut: number, delta: number, source: number): void {
    const {parent, pred, forward, flow, thread, revThread, succNum, lastSucc, dirty} = this
    const oldRevThread = revThread[uOut]
    const oldSuccNum = succNum[uOut]
    const oldLastSucc = lastSucc[uOut]
    const vOut = parent[uOut]

    let u = lastSucc[uIn]
    let right = thread[u]
    const last = oldRevThread === vIn ? thread[lastSucc[uOut]] : thread[vIn]

    // Walk the stem: each stem node's subtree is cut from the thread and spliced after its new parent.
    let stem = uIn,
      parStem = vIn
    thread[vIn] = uIn
    let nDirty = 0
    dirty[nDirty++] = vIn
    while (stem !== uOut) {
      const newStem = parent[stem]
      thread[u] = newStem
      dirty[nDirty++] = u
      const w = revThread[stem]
      thread[w] = right
      revThread[right] = w
      parent[stem] = parStem
      parStem = stem
      stem = newStem
      u = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem] : lastSucc[stem]
      right = thread[u]
    }
    parent[uOut] = parStem
    thread[u] = last
    revThread[last] = u
    lastSucc[uOut] = u
    if (oldRevThread !== vIn) {
      thread[oldRevThread] = right
      revThread[right] = oldRevThread
    }
    for (let k = 0; k < nDirty; k++) revThread[thread[dirty[k]]] = dirty[k]

    // Along the stem from uOut to uIn: each node takes its old parent's arc (reversed) and flow.
    let tmpSc = 0
    const tmpLs = lastSucc[uOut]
    for (let x = uOut; x !== uIn; ) {
      const w = parent[x]
      pred[x] = pred[w]
      forward[x] = forward[w] ? 0 : 1
      flow[x] = flow[w]
      tmpSc += succNum[x] - succNum[w]
      succNum[x] = tmpSc
      lastSucc[w] = tmpLs
      x = w
    }
    pred[uIn] = inArc
    forward[uIn] = uIn === source ? 1 : 0
    flow[uIn] = delta
    succNum[uIn] = oldSuccNum

    let upLimitIn = -1,
      upLimitOut = -1
    if (lastSucc[join] === vIn) upLimitOut = join
    else upLimitIn = join
    const newLast = lastSucc[uOut]
    for (let x = vIn; x !== upLimitIn && lastSucc[x] === vIn; x = parent[x]) lastSucc[x] = newLast
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let x = vOut; x !== upLimitOut && lastSucc[x] === oldLastSucc; x = parent[x]) lastSucc[x] = oldRevThread
    } else {
      for (let x = vOut; x !== upLimitOut && lastSucc[x] === oldLastSucc; x = parent[x]) lastSucc[x] = newLast
    }
    for (let x = vIn; x !== join; x = parent[x]) succNum[x] += oldSuccNum
    for (let x = vOut; x !== join; x = parent[x]) succNum[x] -= oldSuccNum
  }

  /**
   * π from the tree alone, every tree arc at reduced cost 0, computed outward from a reference node r with π_r = 0
   * rather than from the root: r is a node of median mass-weighted potential, so the potentials of the bulk of the
   * mass are sums of the small costs between its own points. From the root they were offset by the artificial arcs'
   * cost 2·(n + m + 1)·max C (or by the cost to one far point), and a float64 offset of K leaves only K·1e-16 of
   * absolute precision: with one point at 1e12 of weight 1e-12, the costs inside the bulk are 1e-12 of max C, and
   * the optimum was missed by 18 % (fixtures/w1/far-*.csv, scripts/w1-far-point.py).
   */
  recomputePotentials(): void {
    const {parent, forward, pi, thread, pred, root} = this
    // First pass from the root, only to choose r.
    pi[root] = 0
    for (let u = thread[root]; u !== root; u = thread[u]) {
      const c = this.cost(pred[u]),
        p = pi[parent[u]]
      pi[u] = forward[u] ? p - c : p + c
    }
    const r = this.medianNode()
    // The path r → root gets its potentials upward from π_r = 0 (marked), every other node top-down in thread order
    // from its parent, which the thread visits first (or which lies on the path).
    const onPath = this.dirty
    onPath.fill(0)
    pi[r] = 0
    onPath[r] = 1
    for (let u = r; u !== root; u = parent[u]) {
      const c = this.cost(pred[u])
      // π_u = π_parent − c (forward) or + c, so π_parent = π_u + c or − c.
      pi[parent[u]] = forward[u] ? pi[u] + c : pi[u] - c
      onPath[parent[u]] = 1
    }
    for (let u = thread[root]; u !== root; u = thread[u]) {
      if (onPath[u]) continue
      const c = this.cost(pred[u]),
        p = pi[parent[u]]
      pi[u] = forward[u] ? p - c : p + c
    }
    onPath.fill(0)
  }

  /** The real node at the mass-weighted median of π (supplies a_i, demands b_j); the lowest id on ties. */
  medianNode(): number {
    const {n, root, pi, a, b} = this
    const ids = new Int32Array(root)
    let total = 0
    for (let u = 0; u < root; u++) {
      ids[u] = u
      total += u < n ? a[u] : b[u - n]
    }
    ids.sort((u, v) => pi[u] - pi[v] || u - v)
    let acc = 0
    for (let k = 0; k < root; k++) {
      const u = ids[k]
      acc += u < n ? a[u] : b[u - n]
      if (2 * acc >= total) return u
    }
    return ids[root - 1]
  }

  /**
   * The primal value Σ γ_ij C_ij / Σ a_i and marginal error from the tree's flows, the tree's potentials (f = −π_i,
   * g = π_j), and the mass left on artificial arcs (0 unless the arc set cannot carry the marginals).
   */
  plan(): {cost: number; marginalError: number; f: Float64Array; g: Float64Array; artificialFlow: number} {
    const {n, m, a, b, pi, pred, flow, root} = this
    let total = 0
    for (let i = 0; i < n; i++) total += a[i]
    let primal = 0,
      artificialFlow = 0
    const rowSum = new Float64Array(n),
      colSum = new Float64Array(m)
    for (let u = 0; u < root; u++) {
      const e = pred[u]
      if (flow[u] === 0) continue
      if (e >= this.artBase) {
        artificialFlow += flow[u]
        continue
      }
      primal += flow[u] * this.cost(e)
      const i = this.tailOf(e)
      rowSum[i] += flow[u]
      colSum[this.headOf(e) - n] += flow[u]
    }
    let marginal = 0
    for (let i = 0; i < n; i++) marginal = Math.max(marginal, Math.abs(rowSum[i] - a[i]))
    for (let j = 0; j < m; j++) marginal = Math.max(marginal, Math.abs(colSum[j] - b[j]))
    const f = new Float64Array(n),
      g = new Float64Array(m)
    for (let i = 0; i < n; i++) f[i] = -pi[i]
    for (let j = 0; j < m; j++) g[j] = pi[n + j]
    return {cost: primal / total, marginalError: marginal / total, f, g, artificialFlow: artificialFlow / total}
  }

  /** The primal value and marginals from the tree's flows, and the dual certificate from π (f = −π_i, g = π_j). */
  certify(): Omit<SimplexResult, 'pivots' | 'storage' | 'scanned' | 'moved'> {
    const {cost, marginalError, f, g} = this.plan()
    const cert = certifyPotentials(f, g, this.a, this.b, this.C, this.points)
    return {cost, ...cert, maxCost: this.maxCost, marginalError}
  }
}
