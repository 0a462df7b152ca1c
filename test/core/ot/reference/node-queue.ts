/**
 * An indexed binary min-heap over the nodes 0..N−1 of a graph, for Dijkstra with decrease-key. Keys order
 * lexicographically by (key, node), so ties go to the lower node id and the search is deterministic whatever the
 * order of relaxations. O(log N) per insert, decrease and pop; `clear` is O(N).
 */
export class NodeQueue {
  private readonly key: Float64Array
  private readonly heap: Int32Array
  /** Position of each node in `heap`, or −1 when it is not queued. */
  private readonly pos: Int32Array
  private size = 0

  constructor(readonly capacity: number) {
    this.key = new Float64Array(capacity)
    this.heap = new Int32Array(capacity)
    this.pos = new Int32Array(capacity).fill(-1)
  }

  clear(): void {
    for (let k = 0; k < this.size; k++) this.pos[this.heap[k]] = -1
    this.size = 0
  }

  /** The key `node` was popped or queued with (meaningful only for nodes queued since the last clear). */
  keyOf(node: number): number {
    return this.key[node]
  }

  /** Queues `node` with `key`, or lowers its key if it is queued with a larger one. */
  decrease(node: number, key: number): void {
    let c = this.pos[node]
    if (c < 0) {
      c = this.size++
    } else if (!(key < this.key[node])) {
      return
    }
    this.key[node] = key
    const heap = this.heap,
      pos = this.pos
    while (c > 0) {
      const parent = (c - 1) >> 1
      if (!this.before(node, heap[parent])) break
      heap[c] = heap[parent]
      pos[heap[c]] = c
      c = parent
    }
    heap[c] = node
    pos[node] = c
  }

  /** Removes and returns the node with the smallest (key, node), or −1 when the queue is empty. */
  pop(): number {
    if (this.size === 0) return -1
    const heap = this.heap,
      pos = this.pos
    const top = heap[0]
    pos[top] = -1
    const last = heap[--this.size]
    if (this.size > 0) {
      let c = 0
      for (;;) {
        const l = 2 * c + 1
        if (l >= this.size) break
        const r = l + 1
        const child = r < this.size && this.before(heap[r], heap[l]) ? r : l
        if (!this.before(heap[child], last)) break
        heap[c] = heap[child]
        pos[heap[c]] = c
        c = child
      }
      heap[c] = last
      pos[last] = c
    }
    return top
  }

  private before(u: number, v: number): boolean {
    const ku = this.key[u],
      kv = this.key[v]
    return ku < kv || (ku === kv && u < v)
  }
}
