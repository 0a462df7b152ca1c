import {sqDistTile} from '../../kernels/index.js'
import {divided, powerOfTwoScale} from '../power-of-two.js'
import type {SampleSet} from '../sampleset.js'
import type {PairSums} from './statistics.js'

/** Per point, Σ f over the other points of its own set (j ≠ i) and over the points of the other set. */
export interface PointSums {
  /** Points of P: Σ_{j ∈ P, j ≠ i} f, Σ_{j ∈ Q} f. */
  pOwn: Float64Array
  pOther: Float64Array
  /** Points of Q: Σ_{j ∈ Q, j ≠ i} f, Σ_{j ∈ P} f. */
  qOwn: Float64Array
  qOther: Float64Array
}

const TILE = 128

/**
 * The PointSums of f(‖a − b‖²) (input units) in float64, from the shared distance tiles: each pair once (within a
 * set j > i, as pairSums does; across, each P row against all of Q), its value added to both points' sums — N²/2
 * pairs in all, in a fixed order (so the same sums for any thread count).
 */
export function pointSums(p: SampleSet, q: SampleSet, f: (sq: number) => number): PointSums {
  const s = powerOfTwoScale(p.data, q.data)
  const x = divided(p.data, s),
    y = divided(q.data, s)
  const s2 = s * s
  const within = (a: Float64Array, na: number): Float64Array => {
    const out = new Float64Array(na)
    const tile = new Float64Array(TILE * na)
    for (let i0 = 0; i0 < na; i0 += TILE) {
      const i1 = Math.min(na, i0 + TILE),
        w = na - i0
      sqDistTile(a, i0, i1, a, i0, na, p.d, tile)
      for (let i = i0; i < i1; i++) {
        const base = (i - i0) * w - i0
        let acc = 0
        for (let j = i + 1; j < na; j++) {
          const v = f(tile[base + j] * s2)
          acc += v
          out[j] += v
        }
        out[i] += acc
      }
    }
    return out
  }
  const pOther = new Float64Array(p.n),
    qOther = new Float64Array(q.n)
  const tile = new Float64Array(TILE * q.n)
  for (let i0 = 0; i0 < p.n; i0 += TILE) {
    const i1 = Math.min(p.n, i0 + TILE)
    sqDistTile(x, i0, i1, y, 0, q.n, p.d, tile)
    for (let i = i0; i < i1; i++) {
      const base = (i - i0) * q.n
      let acc = 0
      for (let j = 0; j < q.n; j++) {
        const v = f(tile[base + j] * s2)
        acc += v
        qOther[j] += v
      }
      pOther[i] = acc
    }
  }
  return {pOwn: within(x, p.n), pOther, qOwn: within(y, q.n), qOther}
}

/** One block of the blocked estimator: its sizes, its pair sums, and its points' sums. */
export interface JackknifeBlock {
  n: number
  m: number
  sums: PairSums
  points: PointSums
}

/**
 * The two-sample jackknife standard error (Arvesen 1969, Ann. Math. Stat. 40, "Jackknifing U-statistics", §2) of
 * the blocked estimate T̂ = stat(Ŝ, n, m) (./blocked.ts), the partition held fixed: T̂₍₋ᵢ₎ leaves out point i of P
 * (or j of Q) from its block — its pair sums lose 2·own(i) and other(i), its block's pair counts lose 2(n_k − 1) and
 * m_k, n becomes n − 1 — and
 *   Var T̂ ≈ (n−1)/n · Σ_{i ∈ P} (T̂₍₋ᵢ₎ − T̄_P)² + (m−1)/m · Σ_{j ∈ Q} (T̂₍₋ⱼ₎ − T̄_Q)²,
 * each leave-one-out value in O(1) from the points' sums. Consistent for U-statistics of any order (ibid., Thm 6);
 * unlike the spread of K block values it does not rest on K − 1 degrees of freedom, so it holds for K = 2.
 */
export function jackknifeStandardError(
  blocks: JackknifeBlock[],
  stat: (s: PairSums, n: number, m: number) => number,
): number {
  let n = 0,
    m = 0,
    pp = 0,
    qq = 0,
    pq = 0,
    cPP = 0,
    cQQ = 0,
    cPQ = 0
  for (const b of blocks) {
    n += b.n
    m += b.m
    pp += b.sums.pp
    qq += b.sums.qq
    pq += b.sums.pq
    cPP += b.n * (b.n - 1)
    cQQ += b.m * (b.m - 1)
    cPQ += b.n * b.m
  }
  // T̂ from within-block sums and counts at sizes (N1, N2): each sum scaled up to all the pairs of its kind.
  const value = (
    sPP: number,
    sQQ: number,
    sPQ: number,
    kPP: number,
    kQQ: number,
    kPQ: number,
    N1: number,
    N2: number,
  ) => stat({pp: (sPP * N1 * (N1 - 1)) / kPP, qq: (sQQ * N2 * (N2 - 1)) / kQQ, pq: (sPQ * N1 * N2) / kPQ}, N1, N2)
  const spread = (values: Float64Array): number => {
    let mean = 0
    for (const v of values) mean += v
    mean /= values.length
    let ss = 0
    for (const v of values) ss += (v - mean) ** 2
    return ((values.length - 1) / values.length) * ss
  }
  const leaveP = new Float64Array(n),
    leaveQ = new Float64Array(m)
  let a = 0,
    c = 0
  for (const b of blocks) {
    for (let i = 0; i < b.n; i++)
      leaveP[a++] = value(
        pp - 2 * b.points.pOwn[i],
        qq,
        pq - b.points.pOther[i],
        cPP - 2 * (b.n - 1),
        cQQ,
        cPQ - b.m,
        n - 1,
        m,
      )
    for (let j = 0; j < b.m; j++)
      leaveQ[c++] = value(
        pp,
        qq - 2 * b.points.qOwn[j],
        pq - b.points.qOther[j],
        cPP,
        cQQ - 2 * (b.m - 1),
        cPQ - b.n,
        n,
        m - 1,
      )
  }
  return Math.sqrt(spread(leaveP) + spread(leaveQ))
}
