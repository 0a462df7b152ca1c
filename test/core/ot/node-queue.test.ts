import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {NodeQueue} from './reference/node-queue.js'

describe('NodeQueue (indexed min-heap for Dijkstra)', () => {
  it('pops in (key, node) order after any mix of inserts and decreases, like a sort of the final keys', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.integer({min: 0, max: 20})), {maxLength: 200}), (ops) => {
        const q = new NodeQueue(31)
        const best = new Map<number, number>()
        for (const [node, key] of ops) {
          q.decrease(node, key)
          best.set(node, Math.min(best.get(node) ?? Infinity, key))
        }
        const expected = [...best.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([node]) => node)
        const popped: number[] = []
        for (let v = q.pop(); v >= 0; v = q.pop()) {
          expect(q.keyOf(v)).toBe(best.get(v))
          popped.push(v)
        }
        expect(popped).toEqual(expected)
      }),
      {seed: 7, numRuns: 300},
    )
  })

  it('ignores a larger key for a queued node, and is empty again after clear', () => {
    const q = new NodeQueue(4)
    q.decrease(2, 1)
    q.decrease(2, 5)
    q.decrease(0, 1)
    expect(q.pop()).toBe(0) // equal keys: the lower node id first
    expect(q.keyOf(2)).toBe(1)
    q.clear()
    expect(q.pop()).toBe(-1)
    q.decrease(2, 3)
    expect(q.pop()).toBe(2)
  })
})
