import type {KnnGraph} from '../knn/index.js'
import {symmetricEigenQL} from '../linalg/tridiagonal-ql.js'

/**
 * Normal residuals of queries against a reference manifold by local PCA (docs/estimators.md "Local-PCA on-manifold test", steps 2–3): for query y
 * with K nearest reference points, μ = their mean, U = the top-k̂ principal directions of their scatter, and
 * r(y) = ‖(I − UUᵀ)(y − μ)‖. The residual is formed explicitly as (y − μ) − U(Uᵀ(y − μ)) rather than as
 * √(‖y−μ‖² − ‖Uᵀ(y−μ)‖²), which would lose half the digits to cancellation exactly when r is near 0 — the
 * case "on the manifold" depends on. When K < d the eigenproblem is solved on the K×K Gram matrix ZZᵀ (same
 * non-zero spectrum, u = Zᵀv/√λ). Directions with λ ≤ 1e-20·λ₁ carry no data and are not used as tangents.
 * `graph` holds the neighbours (reference rows) of each query row; coordinates in the same (scaled) units.
 */
export function normalResiduals(
  reference: Float64Array,
  queries: Float64Array,
  d: number,
  graph: KnnGraph,
  kHat: number,
): Float64Array {
  const K = graph.k
  const out = new Float64Array(graph.m)
  const mu = new Float64Array(d)
  const z = new Float64Array(K * d)
  const w = new Float64Array(d)
  const useGram = K < d
  const size = useGram ? K : d
  const scatter = new Float64Array(size * size)
  const basis = new Float64Array(kHat * d)
  for (let i = 0; i < graph.m; i++) {
    mu.fill(0)
    for (let t = 0; t < K; t++) {
      const r = graph.indices[i * K + t] * d
      for (let c = 0; c < d; c++) mu[c] += reference[r + c]
    }
    for (let c = 0; c < d; c++) mu[c] /= K
    for (let t = 0; t < K; t++) {
      const r = graph.indices[i * K + t] * d
      for (let c = 0; c < d; c++) z[t * d + c] = reference[r + c] - mu[c]
    }
    if (useGram) {
      for (let a = 0; a < K; a++)
        for (let b = a; b < K; b++) {
          let s = 0
          for (let c = 0; c < d; c++) s += z[a * d + c] * z[b * d + c]
          scatter[a * K + b] = s
          scatter[b * K + a] = s
        }
    } else {
      scatter.fill(0)
      for (let t = 0; t < K; t++)
        for (let a = 0; a < d; a++) {
          const za = z[t * d + a]
          if (za === 0) continue
          for (let b = a; b < d; b++) scatter[a * d + b] += za * z[t * d + b]
        }
      for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) scatter[a * d + b] = scatter[b * d + a]
    }
    const eig = symmetricEigenQL(scatter, size)
    const lambda1 = eig.values[0]
    let tangents = 0
    for (let l = 0; l < kHat && l < size; l++) {
      const lambda = eig.values[l]
      if (!(lambda > 1e-20 * lambda1) || lambda <= 0) break
      const u = basis.subarray(tangents * d, tangents * d + d)
      if (useGram) {
        u.fill(0)
        for (let t = 0; t < K; t++) {
          const v = eig.vectors[l * K + t]
          for (let c = 0; c < d; c++) u[c] += z[t * d + c] * v
        }
        let norm = 0
        for (let c = 0; c < d; c++) norm += u[c] * u[c]
        norm = Math.sqrt(norm)
        for (let c = 0; c < d; c++) u[c] /= norm
      } else {
        u.set(eig.vectors.subarray(l * d, l * d + d))
      }
      tangents++
    }
    const y = i * d
    for (let c = 0; c < d; c++) w[c] = queries[y + c] - mu[c]
    // Two passes of projection removal (classical Gram–Schmidt twice) keep r accurate to rounding near 0.
    for (let pass = 0; pass < 2; pass++) {
      for (let l = 0; l < tangents; l++) {
        let dot = 0
        for (let c = 0; c < d; c++) dot += basis[l * d + c] * w[c]
        for (let c = 0; c < d; c++) w[c] -= dot * basis[l * d + c]
      }
    }
    let r = 0
    for (let c = 0; c < d; c++) r += w[c] * w[c]
    out[i] = Math.sqrt(r)
  }
  return out
}

/** The empirical q-quantile (inverse of the empirical CDF, Hyndman & Fan type 1) of `values`. */
export function empiricalQuantile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort()
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[rank - 1]
}
