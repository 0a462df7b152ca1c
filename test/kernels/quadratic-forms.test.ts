/**
 * Quadratic forms of 0/1 vectors over a symmetric float32 matrix (src/kernels/quadratic-forms.ts): the WebAssembly
 * tiles (assembly/kernels.ts quadFormsPanels) against a float64 sum of the same float32 entries, across tile edges
 * (N not a multiple of 128) and relabelling blocks (B + 1 not a multiple of 8); byte-identical for 1–3 threads.
 */
import {afterAll, describe, expect, it} from 'vitest'
import {createRng, permutation} from '../../src/core/stats/rng.js'
import {defaultThreads, setKernelThreads, tsKernels, wasmKernels} from '../../src/kernels/index.js'

afterAll(() => setKernelThreads(defaultThreads()))

function symmetric(N: number, seed: number): Float64Array {
  const rng = createRng(seed)
  const M = new Float64Array(N * N)
  for (let i = 0; i < N; i++) for (let j = i + 1; j < N; j++) M[i * N + j] = M[j * N + i] = rng.uniform() * 10
  return M
}

/** Every panel of 128 rows, columns from the panel's first row (the setRows contract). */
function fill(q: {setRows: (i0: number, i1: number, rows: Float64Array) => void}, M: Float64Array, N: number): void {
  for (let i0 = 0; i0 < N; i0 += 128) {
    const i1 = Math.min(N, i0 + 128)
    const rows = new Float64Array((i1 - i0) * (N - i0))
    for (let i = i0; i < i1; i++) rows.set(M.subarray(i * N + i0, (i + 1) * N), (i - i0) * (N - i0))
    q.setRows(i0, i1, rows)
  }
}

function reference(M: Float64Array, N: number, g: Uint32Array): number {
  let s = 0
  for (const i of g) for (const j of g) s += Math.fround(M[i * N + j])
  return s
}

describe('quadratic forms', () => {
  const N = 300
  const M = symmetric(N, 1)
  const rng = createRng(2)
  const groups = Array.from({length: 13}, () => permutation(rng, N, 120).sort())
  for (const [name, kern] of [
    ['wasm', wasmKernels],
    ['ts', tsKernels],
  ] as const)
    it(`${name}: within 1e-6 relative of float64 sums of the float32 entries, row sums too`, () => {
      if (!kern) return expect(name).toBe('wasm') // built by npm run build; the twin always runs
      const q = kern.quadraticForms(N)
      fill(q, M, N)
      const forms = q.forms(groups)
      groups.forEach((g, b) => expect(Math.abs(forms[b] - reference(M, N, g)) / reference(M, N, g)).toBeLessThan(1e-6))
      const rows = q.rowSums()
      for (let i = 0; i < N; i++) {
        let s = 0
        for (let j = 0; j < N; j++) s += Math.fround(M[i * N + j])
        expect(Math.abs(rows[i] - s)).toBeLessThan(1e-9 * s)
      }
      q.map((v) => Math.exp(-v))
      const mapped = q.forms(groups.slice(0, 1))[0]
      let s = 0
      for (const i of groups[0])
        for (const j of groups[0]) if (i !== j) s += Math.fround(Math.exp(-Math.fround(M[i * N + j])))
      expect(Math.abs(mapped - s) / s).toBeLessThan(1e-6)
      q.dispose()
    })

  it('the same bytes for 1, 2 and 3 threads (each panel summed by one thread, panels added in order)', () => {
    const wasm = wasmKernels
    if (!wasm) return
    // 17 panels of 128: enough for the pool to split them (its blocks start at multiples of 8 panels).
    const big = 2100
    const B = symmetric(big, 3)
    const g = Array.from({length: 9}, () => permutation(rng, big, 1000).sort())
    const before = wasm.workerBlocks()
    const results = [1, 2, 3].map((t) => {
      wasm.setThreads(t)
      const q = wasm.quadraticForms(big)
      fill(q, B, big)
      const f = q.forms(g)
      q.dispose()
      return Array.from(f)
    })
    expect(wasm.workerBlocks()).toBeGreaterThan(before)
    expect(results[1]).toEqual(results[0])
    expect(results[2]).toEqual(results[0])
    g.forEach((grp, b) => expect(Math.abs(results[0][b] - reference(B, big, grp)) / results[0][b]).toBeLessThan(1e-6))
  })
})
