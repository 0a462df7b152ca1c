import {type PivotedCholesky, pivotedCholesky} from '../linalg/pivoted-cholesky.js'
import {rowDots} from '../linalg/row-dots.js'
import {symmetricEigenvalues} from '../linalg/symmetric-eigenvalues.js'
import type {GaussianSummary} from './gaussian.js'

const EPS = 2 ** -52

/** The Fréchet distance between two Gaussian fits and how it was obtained. */
export interface FrechetDistance {
  /** meanTerm + traceTerm. */
  value: number
  /** ‖μ_P − μ_Q‖². */
  meanTerm: number
  /** tr(Σ_P) + tr(Σ_Q) − 2 tr((Σ_P^½ Σ_Q Σ_P^½)^½) (the squared Bures distance of the covariances), set to 0 if rounding took it below 0 (within `roundingBound`). */
  traceTerm: number
  traceP: number
  traceQ: number
  /** tr((Σ_P^½ Σ_Q Σ_P^½)^½) = Σ √λᵢ. */
  traceSqrt: number
  /** Numerical rank of Σ_P (pivoted Cholesky); < d when Σ_P is singular (e.g. n ≤ d). */
  rankP: number
  /** Eigenvalues of Σ_P^½ Σ_Q Σ_P^½ computed below 0 (within the rounding bound) and set to 0. */
  clampedEigenvalues: number
  /** The most negative eigenvalue computed, or 0. */
  minEigenvalue: number
  /** Bound on the rounding and rank-truncation error of `value` (absolute). */
  roundingBound: number
}

/** Σ_P's factor, reusable against several Σ_Q (FD∞ compares one P with many subsets of Q). */
export interface PreparedReference {
  gaussian: GaussianSummary
  chol: PivotedCholesky
  trace: number
}

/** Factorises Σ_P once (pivoted Cholesky). */
export function prepareReference(p: GaussianSummary): PreparedReference {
  let trace = 0
  for (let k = 0; k < p.d; k++) trace += p.cov[k * p.d + k]
  return {gaussian: p, chol: pivotedCholesky(p.cov, p.d), trace}
}

/**
 * The Fréchet distance (FD; FID on Inception features, Heusel et al. 2017, eq. 6; Dowson & Landau 1982):
 *   FD = ‖μ_P − μ_Q‖² + tr(Σ_P + Σ_Q − 2(Σ_P^½ Σ_Q Σ_P^½)^½),
 * the squared 2-Wasserstein distance between N(μ_P, Σ_P) and N(μ_Q, Σ_Q) (Olkin & Pukelsheim 1982), a lower bound on
 * W2² between any two laws with these means and covariances (Gelbrich 1990, Thm 2.1).
 *
 * tr((Σ_P^½ Σ_Q Σ_P^½)^½) = Σ √λᵢ over the eigenvalues of that symmetric PSD matrix. It is never formed: with the
 * pivoted Cholesky factor Πᵀ Σ_P Π = L Lᵀ, M = Lᵀ (Πᵀ Σ_Q Π) L is symmetric PSD with the same nonzero eigenvalues
 * (both are similar to Σ_P Σ_Q on its range), and of order rank(Σ_P) ≤ d. So no complex square root (scipy's sqrtm of
 * the non-symmetric Σ_P Σ_Q, pytorch-fid) and no eigenvector is needed: a Cholesky, two products and one symmetric
 * eigenvalue problem, all float64.
 *
 * Rounding: the eigenvalues are those of M + E, ‖E‖₂ ≤ c·r·ε‖M‖ (src/core/linalg/symmetric-eigenvalues.ts), so a
 * value down to −δ = −64·r·ε·‖M‖_F is rounding and is set to 0 (counted); each √λ̃ is then within δ/√λ̃ of √λ
(√(2δ) for λ̃ ≤ δ). Rank truncation leaves a PSD remainder S of Σ_P
 * with tr S ≤ d·tolerance; it moves tr((Σ_P^½ Σ_Q Σ_P^½)^½) = ‖Σ_P^½ Σ_Q^½‖_* by at most √(tr S · tr Σ_Q)
 * (‖(A+S)^½ − A^½‖_F ≤ ‖S^½‖_F, Bhatia, Matrix Analysis, Thm X.1.3). The bound adds both, and ε·d times the terms.
 */
export function frechetDistance(ref: PreparedReference, q: GaussianSummary): FrechetDistance {
  const p = ref.gaussian
  const d = p.d
  if (q.d !== d) throw new Error(`internal: FD of ${d}-D and ${q.d}-D Gaussians`)
  const {chol} = ref
  const r = chol.rank
  let meanTerm = 0
  for (let k = 0; k < d; k++) meanTerm += (p.mean[k] - q.mean[k]) ** 2
  let traceQ = 0
  for (let k = 0; k < d; k++) traceQ += q.cov[k * d + k]
  let traceSqrt = 0,
    clamped = 0,
    minEigenvalue = 0,
    eigenBound = 0,
    sqrtError = 0
  if (r > 0) {
    // Πᵀ Σ_Q Π, then U = Lᵀ (Πᵀ Σ_Q Π) (r×d) and M = U L = Lᵀ Uᵀ... as rows: M[i][j] = Σ_t Lᵀ[i][t]·U[j][t].
    const perm = chol.perm
    const qp = new Float64Array(d * d)
    for (let i = 0; i < d; i++) {
      const from = perm[i] * d,
        to = i * d
      for (let j = 0; j < d; j++) qp[to + j] = q.cov[from + perm[j]]
    }
    const u = rowDots(chol.factorT, r, qp, d, d, new Float64Array(r * d), {upperA: true})
    const m = rowDots(chol.factorT, r, u, r, d, new Float64Array(r * r), {upperA: true})
    let frob = 0
    for (let i = 0; i < r; i++) {
      for (let j = i; j < r; j++) {
        const x = (m[i * r + j] + m[j * r + i]) / 2
        m[i * r + j] = m[j * r + i] = x
        frob += (i === j ? 1 : 2) * x * x
      }
    }
    eigenBound = 64 * r * EPS * Math.sqrt(frob)
    const lambda = symmetricEigenvalues(m, r)
    for (let k = 0; k < r; k++) {
      const x = lambda[k]
      // |λ̃ − λ| ≤ δ moves √λ by ≤ δ/√λ̃ when λ̃ > δ, and by ≤ √(2δ) near 0 (√ is not Lipschitz there).
      sqrtError += x > eigenBound ? eigenBound / Math.sqrt(x) : Math.sqrt(2 * eigenBound)
      if (x < minEigenvalue) minEigenvalue = x
      if (x < 0) {
        if (x < -eigenBound)
          throw new Error(`internal: FD eigenvalue ${x} below the rounding bound −${eigenBound} of a PSD matrix`)
        clamped++
        continue
      }
      traceSqrt += Math.sqrt(x)
    }
  }
  const traceTerm = ref.trace + traceQ - 2 * traceSqrt
  const roundingBound =
    2 * sqrtError + 2 * Math.sqrt(chol.residualTrace * traceQ) + 64 * d * EPS * (ref.trace + traceQ + meanTerm)
  // The trace term is a squared Bures distance, ≥ 0: below 0 only by rounding, within the bound.
  if (traceTerm < -roundingBound)
    throw new Error(`internal: FD trace term ${traceTerm} below its rounding bound −${roundingBound}`)
  return {
    value: meanTerm + Math.max(0, traceTerm),
    meanTerm,
    traceTerm: Math.max(0, traceTerm),
    traceP: ref.trace,
    traceQ,
    traceSqrt,
    rankP: r,
    clampedEigenvalues: clamped,
    minEigenvalue,
    roundingBound,
  }
}
