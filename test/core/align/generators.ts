/**
 * Constructed point sets for the alignment tests (own generators, seeded through the project RNG): planes, offset
 * and rotated planes, curves, circles, squares embedded in R^D, Gaussians, rings of Gaussian modes, far clusters.
 */
import type {SampleSet} from '../../../src/core/sampleset.js'
import {createRng, type Rng} from '../../../src/core/stats/rng.js'
import {rowsSet} from '../../helpers/sets.js'

export function rng(seed: number): Rng {
  return createRng(seed)
}

const set = rowsSet

/**
 * The unit square {(u, v, 0)} in R³, optionally rotated by `angle` about the x-axis (the shared line v = 0) and
 * lifted by `offset` along z: (u, v cos α, v sin α + h).
 */
export function plane(r: Rng, n: number, opts: {angle?: number; offset?: number} = {}): SampleSet {
  const a = opts.angle ?? 0,
    h = opts.offset ?? 0
  const rows: number[][] = []
  for (let i = 0; i < n; i++) {
    const u = r.uniform(),
      v = r.uniform()
    rows.push([u, v * Math.cos(a), v * Math.sin(a) + h])
  }
  return set(rows, `plane(a=${a},h=${h})`)
}

/** A smooth curve inside the plane z = 0 of `plane`: (u, 0.5 + 0.3 sin 2πu, 0). */
export function curveInPlane(r: Rng, n: number): SampleSet {
  const rows: number[][] = []
  for (let i = 0; i < n; i++) {
    const u = r.uniform()
    rows.push([u, 0.5 + 0.3 * Math.sin(2 * Math.PI * u), 0])
  }
  return set(rows, 'curve-in-plane')
}

/** The unit circle in the plane z = 0 of R³, uniform in angle. */
export function circle3(r: Rng, n: number): SampleSet {
  const rows: number[][] = []
  for (let i = 0; i < n; i++) {
    const t = 2 * Math.PI * r.uniform()
    rows.push([Math.cos(t), Math.sin(t), 0])
  }
  return set(rows, 'circle')
}

/** A random rotation of R^D: Gram–Schmidt on a Gaussian matrix (rows orthonormal). */
export function rotation(r: Rng, D: number): number[][] {
  const m: number[][] = []
  for (let i = 0; i < D; i++) {
    const v = Array.from({length: D}, () => r.normal())
    for (const u of m) {
      const dot = u.reduce((s, x, k) => s + x * v[k], 0)
      for (let k = 0; k < D; k++) v[k] -= dot * u[k]
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0))
    m.push(v.map((x) => x / norm))
  }
  return m
}

/** Uniform on [0,1]^k zero-padded to R^D and then rotated (so no coordinate is trivially constant). */
export function cubeIn(r: Rng, n: number, k: number, D: number): SampleSet {
  const R = rotation(r, D)
  const rows: number[][] = []
  for (let i = 0; i < n; i++) {
    const x = Array.from({length: k}, () => r.uniform())
    rows.push(Array.from({length: D}, (_, a) => x.reduce((s, xi, b) => s + R[b][a] * xi, 0)))
  }
  return set(rows, `cube${k}-in-R${D}`)
}

/** N(mean·1, I_d). */
export function gaussian(r: Rng, n: number, d: number, mean = 0): SampleSet {
  const rows: number[][] = []
  for (let i = 0; i < n; i++) rows.push(Array.from({length: d}, () => mean + r.normal()))
  return set(rows, `gaussian(d=${d},mean=${mean})`)
}

/** A ring of `modes` isotropic Gaussian modes (std `sd`) at radius `radius` in R², leaving out the modes in `drop`. */
export function ring(
  r: Rng,
  n: number,
  opts: {modes?: number; drop?: number[]; radius?: number; sd?: number} = {},
): SampleSet {
  const modes = opts.modes ?? 8,
    radius = opts.radius ?? 5,
    sd = opts.sd ?? 0.2
  const keep = Array.from({length: modes}, (_, i) => i).filter((i) => !(opts.drop ?? []).includes(i))
  const rows: number[][] = []
  for (let i = 0; i < n; i++) {
    const c = keep[i % keep.length]
    const t = (2 * Math.PI * c) / modes
    rows.push([radius * Math.cos(t) + sd * r.normal(), radius * Math.sin(t) + sd * r.normal()])
  }
  return set(rows, `ring${modes}`)
}
