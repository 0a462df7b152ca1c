import type {BoundedHeaps} from './heap.js'

/**
 * A k-d tree (Bentley 1975; Friedman, Bentley & Finkel 1977) over row-major points, for low dimension where it prunes
 * most of the brute-force pairs. Exact: a node is skipped only when the minimum squared distance from the query to its
 * bounding box is strictly greater than what the query still needs, so results equal the brute-force ones, ties
 * included (they are resolved by index, see `pushLexicographic`). Distances are Σ_k (a_k − b_k)² in the same order as
 * the tile kernel, hence bit-identical.
 */
export class KdTree {
  /** Point rows in tree order. */
  readonly order: Int32Array
  readonly lo: Float64Array
  readonly hi: Float64Array
  readonly start: Int32Array
  readonly end: Int32Array
  readonly left: Int32Array
  readonly right: Int32Array
  /** The points copied in tree order, so a leaf's points are contiguous in memory (cache-friendly leaf scans). */
  readonly points: Float64Array
  nodes = 0
  // Search stacks, allocated once: depth ≤ 2·log₂(n/leafSize) + 2 < 128 for any n that fits in memory.
  private readonly stack = new Int32Array(128)
  private readonly stackDist = new Float64Array(128)

  constructor(
    readonly data: Float64Array,
    readonly n: number,
    readonly d: number,
    readonly leafSize = 16,
  ) {
    const maxNodes = 2 * Math.ceil(n / Math.max(1, leafSize >> 1)) + 2
    this.order = Int32Array.from({length: n}, (_, i) => i)
    this.lo = new Float64Array(maxNodes * d)
    this.hi = new Float64Array(maxNodes * d)
    this.start = new Int32Array(maxNodes)
    this.end = new Int32Array(maxNodes)
    this.left = new Int32Array(maxNodes).fill(-1)
    this.right = new Int32Array(maxNodes).fill(-1)
    this.build(0, n)
    this.points = new Float64Array(n * d)
    for (let t = 0; t < n; t++) this.points.set(data.subarray(this.order[t] * d, this.order[t] * d + d), t * d)
  }

  private build(s: number, e: number): number {
    const node = this.nodes++
    const {d, data, order} = this
    this.start[node] = s
    this.end[node] = e
    let widest = 0,
      width = -1
    for (let c = 0; c < d; c++) {
      let lo = Infinity,
        hi = -Infinity
      for (let t = s; t < e; t++) {
        const x = data[order[t] * d + c]
        if (x < lo) lo = x
        if (x > hi) hi = x
      }
      this.lo[node * d + c] = lo
      this.hi[node * d + c] = hi
      if (hi - lo > width) {
        width = hi - lo
        widest = c
      }
    }
    if (e - s <= this.leafSize || width <= 0) return node
    const seg = Array.from(order.subarray(s, e)).sort((a, b) => data[a * d + widest] - data[b * d + widest] || a - b)
    order.set(seg, s)
    const mid = (s + e) >> 1
    this.left[node] = this.build(s, mid)
    this.right[node] = this.build(mid, e)
    return node
  }

  /** Squared distance from point q (at qData[qOff..]) to node's bounding box. */
  boxDistance(node: number, qData: Float64Array, qOff: number): number {
    const d = this.d,
      base = node * d
    let s = 0
    for (let c = 0; c < d; c++) {
      const x = qData[qOff + c]
      const lo = this.lo[base + c],
        hi = this.hi[base + c]
      const t = x < lo ? lo - x : x > hi ? x - hi : 0
      s += t * t
    }
    return s
  }

  /** Squared distance between query q and the point at tree position t, in the tile kernel's summation order. */
  pointDistance(qData: Float64Array, qOff: number, t: number): number {
    const d = this.d,
      points = this.points,
      off = t * d
    let s = 0
    for (let c = 0; c < d; c++) {
      const x = qData[qOff + c] - points[off + c]
      s += x * x
    }
    return s
  }

  /**
   * Visits every node whose box is within `limit(node)` (squared) of q, leaves through `leaf(row, d2)` for each
   * point; the nearer child first. `bound()` is re-read after each leaf so kNN searches shrink as they go.
   */
  search(
    qData: Float64Array,
    qOff: number,
    bound: () => number,
    visit: (row: number, d2: number) => void,
    nodeLimit?: (node: number) => number,
  ): void {
    const stack = this.stack,
      dist = this.stackDist
    let top = 0
    stack[top] = 0
    dist[top++] = this.boxDistance(0, qData, qOff)
    while (top > 0) {
      const node = stack[--top]
      const bd = dist[top]
      if (bd > bound() || (nodeLimit && bd > nodeLimit(node))) continue
      const l = this.left[node]
      if (l < 0) {
        for (let t = this.start[node]; t < this.end[node]; t++) visit(this.order[t], this.pointDistance(qData, qOff, t))
        continue
      }
      top = this.pushChildren(node, qData, qOff, top)
    }
  }

  /**
   * The k-nearest search of `search`, specialised: offers every point within the heap's bound to heap `qi` of
   * `heaps` (skipping row `skip`), reading the bound directly and abandoning a distance as soon as its partial sum
   * exceeds it (the full sum could only be larger, and the heap would refuse it). Same results as `search` with a
   * heap-pushing visitor, several times fewer closure calls and coordinate reads.
   */
  nearest(qData: Float64Array, qOff: number, heaps: BoundedHeaps, qi: number, skip: number): void {
    const stack = this.stack,
      dist = this.stackDist,
      points = this.points,
      order = this.order,
      d = this.d
    let top = 0
    stack[top] = 0
    dist[top++] = this.boxDistance(0, qData, qOff)
    let bound = heaps.bound(qi)
    while (top > 0) {
      const node = stack[--top]
      if (dist[top] > bound) continue
      const l = this.left[node]
      if (l < 0) {
        for (let t = this.start[node], end = this.end[node]; t < end; t++) {
          const off = t * d
          let s = 0
          for (let c = 0; c < d && s <= bound; c++) {
            const x = qData[qOff + c] - points[off + c]
            s += x * x
          }
          if (s > bound) continue
          const row = order[t]
          if (row === skip) continue
          heaps.push(qi, s, row)
          bound = heaps.bound(qi)
        }
        continue
      }
      top = this.pushChildren(node, qData, qOff, top)
    }
  }

  /** Pushes an inner node's two children with their box distances, the farther first so the nearer is searched first. */
  private pushChildren(node: number, qData: Float64Array, qOff: number, top: number): number {
    const stack = this.stack,
      dist = this.stackDist
    const l = this.left[node],
      r = this.right[node]
    const dl = this.boxDistance(l, qData, qOff),
      dr = this.boxDistance(r, qData, qOff)
    if (dl <= dr) {
      stack[top] = r
      dist[top++] = dr
      stack[top] = l
      dist[top++] = dl
    } else {
      stack[top] = l
      dist[top++] = dl
      stack[top] = r
      dist[top++] = dr
    }
    return top
  }

  /** Per node, the largest of `radius` over its points (for ball-membership searches). */
  maxOver(radius: Float64Array): Float64Array {
    const out = new Float64Array(this.nodes)
    for (let node = this.nodes - 1; node >= 0; node--) {
      const l = this.left[node]
      if (l >= 0) out[node] = Math.max(out[l], out[this.right[node]])
      else {
        let m = 0
        for (let t = this.start[node]; t < this.end[node]; t++) m = Math.max(m, radius[this.order[t]])
        out[node] = m
      }
    }
    return out
  }
}
