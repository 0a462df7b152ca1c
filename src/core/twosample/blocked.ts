import {quadraticFormsBytes} from '../../kernels/index.js'
import {InputError, opt} from '../errors.js'
import {type SampleSet, subset} from '../sampleset.js'
import {createRng, permutation} from '../stats/rng.js'
import {type JackknifeBlock, jackknifeStandardError, pointSums} from './jackknife.js'
import {relabelledSums, relabellings} from './permute.js'
import {F64_MAX_POINTS, pooledDistances} from './pooled.js'
import {energyFromSums, gaussianOfSquared, mmdFromSums, type PairSums, pairSums} from './statistics.js'

/** Bytes of the pooled matrix of N points as pooledDistances keeps it: 8N² in float64, else the float32 tiles. */
export function pooledBytes(N: number): number {
  return N <= F64_MAX_POINTS ? 8 * N * N : quadraticFormsBytes(N)
}

/** A size for people: GiB from 1 GiB up, else MiB, else KiB (core cannot import io's bytesText). */
export function sizeText(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`
  return `${(bytes / 2 ** 10).toFixed(1)} KiB`
}

/**
 * How many blocks the energy and MMD tests need so that one block's pooled matrix fits `memory` bytes: 1 (the full
 * statistic) when the whole matrix fits, else the smallest K whose largest block (⌈n/K⌉ + ⌈m/K⌉ points) fits.
 * Refused when the blocks that fit would hold fewer than `minPoints` points of P or of Q (too few splits for a
 * p-value), with the way out.
 */
export function blocksFor(n: number, m: number, memory: number, minPoints: number): number {
  const N = n + m
  if (pooledBytes(N) <= memory) return 1
  let K = 2
  while (pooledBytes(Math.ceil(n / K) + Math.ceil(m / K)) > memory && Math.floor(Math.min(n, m) / K) >= minPoints) K++
  if (Math.floor(Math.min(n, m) / K) < minPoints)
    throw new InputError(
      `the memory budget of ${sizeText(memory)} leaves blocks of fewer than ${minPoints} points of P or Q for the blocked energy/MMD estimator (${n} + ${m} points); raise ${opt('memory')} or use ${opt('sample')} N`,
    )
  return K
}

/**
 * The rows of `size` points split into K blocks by one seeded uniform permutation: block k takes the next ⌊size/K⌋
 * (+1 for the first size mod K blocks) positions of the permutation, and each block's rows are sorted ascending (so
 * one block is the set in its own order, and the sums are taken in the same order as the full statistic's).
 */
function partition(rng: ReturnType<typeof createRng>, size: number, K: number): Uint32Array[] {
  const order = permutation(rng, size)
  const out: Uint32Array[] = []
  let start = 0
  for (let k = 0; k < K; k++) {
    const len = Math.floor(size / K) + (k < size % K ? 1 : 0)
    out.push(order.slice(start, start + len).sort())
    start += len
  }
  return out
}

/** The sums of one test over the blocks: observed per block (float64), and every relabelling's total. */
interface BlockedSums {
  /** Per block: its sizes, observed pair sums (float64 pairSums) and its points' sums (for the jackknife). */
  observed: JackknifeBlock[]
  /** Entry b: Σ over blocks of relabelling b's sums from the stored matrix (b = 0 is the observed split). */
  relabelled: PairSums[]
  precision: 'float64' | 'float32'
  /** The largest distance over the blocks (0 when every block's points coincide). */
  max: number
}

export interface BlockedStatistic {
  /** The blocked estimate on P and Q as given (float64 sums). */
  statistic: number
  /** The same estimate for each relabelling (entry 0: the observed split, through the stored matrices). */
  values: Float64Array
  /** The rounding scale of `values` (ties within it count as ≥, as the full test's). */
  tol: number
  /** The two-sample jackknife standard error of `statistic` (./jackknife.ts). */
  standardError: number
  precision: 'float64' | 'float32'
  max: number
}

/** Options of the blocked estimator: which tests, the relabellings, the seed and the memory of one block. */
export interface BlockedOptions {
  energy: boolean
  /** The MMD's Gaussian bandwidth (σ > 0, from the whole of P ∪ Q), when the MMD test is asked. */
  mmdSigma?: number
  permutations: number
  seed: number
  blocks: number
  memory: number
  onBlock?: (done: number, total: number) => void
}

/**
 * The energy statistic and MMD² by an incomplete U-statistic over blocks (Blom 1976, Biometrika 63, "Some properties
 * of incomplete U-statistics"; Lee 1990, U-Statistics, §4.3; the block form is the B-test of Zaremba, Gretton &
 * Blaschko 2013, NeurIPS, "B-test: a non-parametric, low variance kernel two-sample test", §3): P and Q are each
 * split by one seeded uniform permutation into K blocks, block k = (P_k, Q_k) of n_k + m_k points, and only pairs
 * within a block are summed. Each of the three pair sums is scaled up to all the pairs of its kind,
 *   Ŝ_PP = n(n−1)/Σ_k n_k(n_k−1) · Σ_k S_PP,k,  Ŝ_QQ likewise,  Ŝ_PQ = nm/Σ_k n_k m_k · Σ_k S_PQ,k,
 * and the full statistic's formula (energyFromSums, mmdFromSums) applied to them. Every pair of a kind is equally
 * likely to fall in one block, so over the partitions E[Ŝ | data] = S and the blocked estimate averages to the full
 * statistic exactly (both are linear in the sums); with K = 1 the factors are exactly 1 and it is the full statistic,
 * bit for bit. Its error: the two-sample jackknife over the points, the partition held fixed (./jackknife.ts); since
 * E[T̂ | data] = T, Var(T̂ − T) = Var T̂ − Var T ≤ Var T̂, so that standard error also bounds the blocked estimate's
 * typical distance from the full one. (The spread of the K block values, Zaremba et al.'s variance estimate, rests
 * on K − 1 degrees of freedom: with the 2–4 blocks a memory budget typically needs it was off by a factor of 4 in
 * bench/twosample-blocked.mjs.)
 * The permutation test relabels within blocks (each block's n_k + m_k points into n_k and m_k, independently, the
 * same relabelling b in every test): under H₀ each block is exchangeable, so the p-value is exact for T̂.
 */
export function blockedStatistics(
  p: SampleSet,
  q: SampleSet,
  opts: BlockedOptions,
): {energy?: BlockedStatistic; mmd?: BlockedStatistic} {
  const K = opts.blocks,
    B = opts.permutations
  // The relabellings come from the seed's own stream, as the full test's (one block: the same relabellings); the
  // partition from a stream forked off a second generator of the same seed.
  const relabelRng = createRng(opts.seed)
  const partRng = createRng(opts.seed).fork()
  const pBlocks = partition(partRng, p.n, K),
    qBlocks = partition(partRng, q.n, K)
  const fresh = (): BlockedSums => ({
    observed: [],
    relabelled: Array.from({length: B + 1}, () => ({pp: 0, qq: 0, pq: 0})),
    precision: 'float64',
    max: 0,
  })
  const energy = opts.energy ? fresh() : undefined
  const mmd = opts.mmdSigma !== undefined ? fresh() : undefined
  let pairsPP = 0,
    pairsQQ = 0,
    pairsPQ = 0
  for (let k = 0; k < K; k++) {
    const pk = subset(p, pBlocks[k]),
      qk = subset(q, qBlocks[k])
    const nk = pk.n,
      mk = qk.n
    pairsPP += nk * (nk - 1)
    pairsQQ += mk * (mk - 1)
    pairsPQ += nk * mk
    const labels = relabellings(relabelRng, nk, mk, B)
    const pd = pooledDistances(pk, qk, opts.memory)
    try {
      const collect = (acc: BlockedSums, f: (sq: number) => number) => {
        acc.observed.push({n: nk, m: mk, sums: pairSums(pk, qk, f), points: pointSums(pk, qk, f)})
        let total = 0
        for (const r of pd.rowSums) total += r
        const within = pd.within(labels)
        for (let b = 0; b < labels.length; b++) {
          const s = relabelledSums(within[b], pd.rowSums, total, labels[b], nk <= mk)
          const t = acc.relabelled[b]
          t.pp += s.pp
          t.qq += s.qq
          t.pq += s.pq
        }
        if (pd.precision === 'float32') acc.precision = 'float32'
        acc.max = Math.max(acc.max, pd.max)
      }
      if (energy) collect(energy, (sq) => Math.sqrt(sq))
      if (mmd) {
        pd.toGaussianKernel(opts.mmdSigma!)
        collect(mmd, gaussianOfSquared(opts.mmdSigma!))
      }
    } finally {
      pd.dispose()
    }
    opts.onBlock?.(k + 1, K)
  }
  const n = p.n,
    m = q.n
  // x/x is exactly 1 in float64, so one block's sums are unchanged.
  const fPP = (n * (n - 1)) / pairsPP,
    fQQ = (m * (m - 1)) / pairsQQ,
    fPQ = (n * m) / pairsPQ
  const scaled = (s: PairSums): PairSums => ({pp: s.pp * fPP, qq: s.qq * fQQ, pq: s.pq * fPQ})
  const finish = (acc: BlockedSums, stat: (s: PairSums, n: number, m: number) => number): BlockedStatistic => {
    const sum: PairSums = {pp: 0, qq: 0, pq: 0}
    for (const {sums: s} of acc.observed) {
      sum.pp += s.pp
      sum.qq += s.qq
      sum.pq += s.pq
    }
    const statistic = stat(scaled(sum), n, m)
    const values = new Float64Array(B + 1)
    let scale = 0
    for (let b = 0; b <= B; b++) {
      const s = scaled(acc.relabelled[b])
      values[b] = stat(s, n, m)
      // The statistic is linear in the sums: the sum of its terms' magnitudes is the scale its rounding lives on.
      const terms =
        Math.abs(stat({pp: s.pp, qq: 0, pq: 0}, n, m)) +
        Math.abs(stat({pp: 0, qq: s.qq, pq: 0}, n, m)) +
        Math.abs(stat({pp: 0, qq: 0, pq: s.pq}, n, m))
      scale = Math.max(scale, terms)
    }
    return {
      statistic,
      values,
      tol: scale * (acc.precision === 'float64' ? 1e-13 : 2 ** -20),
      standardError: jackknifeStandardError(acc.observed, stat),
      precision: acc.precision,
      max: acc.max,
    }
  }
  return {
    ...(energy ? {energy: finish(energy, energyFromSums)} : {}),
    ...(mmd ? {mmd: finish(mmd, mmdFromSums)} : {}),
  }
}
