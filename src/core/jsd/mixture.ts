import {type ReferenceTiles, sqDistTile} from '../../kernels/index.js'

/**
 * log(2p/(p+q)) from log p and log q without overflow: the pointwise log-ratio whose mean under P is KL(P‖M),
 * M = ½(P+Q) (docs/design.md "JSD"). Never exceeds ln 2; log q = −∞ (q = 0) gives exactly ln 2, and lp = lq gives
 * exactly 0 (log1p(1) is ln 2 in IEEE arithmetic).
 */
export function logRatioToMixture(lp: number, lq: number): number {
  const diff = lq - lp
  return diff <= 0 ? Math.LN2 - Math.log1p(Math.exp(diff)) : Math.LN2 - diff - Math.log1p(Math.exp(-diff))
}

/** A finite mixture Σ_j exp(logWeights_j) · K(‖z − c_j‖²) with K(s) = exp(−s·scale), cut to 0 beyond `radius2`. */
export interface Mixture {
  centres: Float64Array
  count: number
  d: number
  logWeights: Float64Array
  /** 1/(2σ²) in the units of `centres`. */
  scale: number
  /** Squared support radius of each component (Infinity: untruncated). */
  radius2: number
  /** The centres prepared for repeated tiles (same distances as `sqDistTile`, faster); else `sqDistTile` is used. */
  tiles?: ReferenceTiles
}

/**
 * For each of `rows` query points z (row-major in `z`): log Σ_j w_j exp(−scale·‖z − c_j‖²) over the components whose
 * ball contains z (‖z − c_j‖² ≤ radius2), by log-sum-exp (smallest admissible exponent first, then the shifted
 * sum: no overflow, no spurious 0). −∞ when no component's support contains z — the mixture density is then
 * exactly 0 there. Squared distances come from the shared kernels in one tile (SIMD WebAssembly when built);
 * the truncation is applied here, exactly. `tile` is scratch of length ≥ rows·count.
 * The normaliser of the kernel is the same for every component and is left out: it cancels in every ratio the
 * JSD uses.
 */
export function logMixtureRows(
  z: Float64Array,
  rows: number,
  mix: Mixture,
  tile: Float64Array,
  out: Float64Array,
): void {
  const {centres, count, d, logWeights, scale, radius2} = mix
  if (mix.tiles) mix.tiles.tile(z, 0, rows, tile)
  else sqDistTile(z, 0, rows, centres, 0, count, d, tile)
  for (let r = 0; r < rows; r++) {
    const o = r * count
    let best = Infinity
    for (let j = 0; j < count; j++) {
      const s = tile[o + j]
      const e = s > radius2 ? Infinity : s * scale - logWeights[j]
      tile[o + j] = e
      if (e < best) best = e
    }
    if (best === Infinity) {
      out[r] = -Infinity
      continue
    }
    let sum = 0
    for (let j = 0; j < count; j++) {
      const e = tile[o + j]
      if (e !== Infinity) sum += Math.exp(best - e)
    }
    out[r] = Math.log(sum) - best
  }
}

/** Natural-log weights of a set (uniform −ln n when unweighted). */
export function logWeightsOf(n: number, weights?: Float64Array): Float64Array {
  const out = new Float64Array(n)
  if (!weights) return out.fill(-Math.log(n))
  for (let i = 0; i < n; i++) out[i] = weights[i] > 0 ? Math.log(weights[i]) : -Infinity
  return out
}
