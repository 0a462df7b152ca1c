/**
 * m bounded max-heaps of capacity k laid out in flat arrays (query i owns slots i*k .. i*k+k): the k smallest
 * squared distances seen so far and their reference indices. The root is the current k-th smallest, so a candidate
 * is rejected with one comparison — that keeps the brute-force scan O(n·m·d) with O(m·k) memory, never n×m.
 */
export class BoundedHeaps {
  readonly dist: Float64Array
  readonly idx: Int32Array
  readonly size: Int32Array

  constructor(
    readonly m: number,
    readonly k: number,
  ) {
    this.dist = new Float64Array(m * k)
    this.idx = new Int32Array(m * k)
    this.size = new Int32Array(m)
  }

  /** The value a candidate must beat (strictly) to enter heap i: +∞ until the heap is full. */
  bound(i: number): number {
    return this.size[i] < this.k ? Infinity : this.dist[i * this.k]
  }

  /**
   * Offers (d2, j) to heap i; it enters when (d2, j) is lexicographically smaller than the current k-th, so the
   * smaller index wins ties whatever order references are visited in (brute force and tree agree exactly).
   */
  push(i: number, d2: number, j: number): void {
    const k = this.k,
      base = i * k,
      dist = this.dist,
      idx = this.idx
    let n = this.size[i]
    if (n < k) {
      let c = n++
      this.size[i] = n
      while (c > 0) {
        const parent = (c - 1) >> 1
        if (!larger(d2, j, dist[base + parent], idx[base + parent])) break
        dist[base + c] = dist[base + parent]
        idx[base + c] = idx[base + parent]
        c = parent
      }
      dist[base + c] = d2
      idx[base + c] = j
      return
    }
    if (!larger(dist[base], idx[base], d2, j)) return
    let c = 0
    for (;;) {
      const l = 2 * c + 1
      if (l >= k) break
      const r = l + 1
      let big = l
      if (r < k && larger(dist[base + r], idx[base + r], dist[base + l], idx[base + l])) big = r
      if (!larger(dist[base + big], idx[base + big], d2, j)) break
      dist[base + c] = dist[base + big]
      idx[base + c] = idx[base + big]
      c = big
    }
    dist[base + c] = d2
    idx[base + c] = j
  }

  /** Heap i's entries sorted ascending by (distance, index), written to the output slots. */
  sortInto(i: number, outDist: Float64Array, outIdx: Int32Array, outBase: number): number {
    const k = this.k,
      base = i * k,
      n = this.size[i]
    const order = Array.from({length: n}, (_, t) => t)
    order.sort((a, b) => this.dist[base + a] - this.dist[base + b] || this.idx[base + a] - this.idx[base + b])
    for (let t = 0; t < n; t++) {
      outDist[outBase + t] = this.dist[base + order[t]]
      outIdx[outBase + t] = this.idx[base + order[t]]
    }
    return n
  }
}

function larger(da: number, ia: number, db: number, ib: number): boolean {
  return da > db || (da === db && ia > ib)
}
