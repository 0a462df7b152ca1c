/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32.
 * Every random choice in divergence goes through one of these, so that `--seed` makes runs byte-identical.
 * 32-bit integer arithmetic only (Math.imul), hence identical on every platform.
 */
export interface Rng {
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number
  /** Standard normal N(0, 1) (Box–Muller, both values used). */
  normal(): number
  /** Uniform integer in [0, n). */
  int(n: number): number
  /** A new generator whose stream is independent of this one's (for a sub-task). */
  fork(): Rng
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** A generator seeded by a non-negative integer (values above 2^32 are folded). */
export function createRng(seed: number): Rng {
  const hi = Math.floor(seed / 2 ** 32) >>> 0
  const sm = splitmix32((seed >>> 0) ^ Math.imul(hi, 0x27d4eb2d))
  let a = sm(),
    b = sm(),
    c = sm(),
    d = sm()
  if ((a | b | c | d) === 0) a = 1
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0
    const t = b << 9
    c ^= a
    d ^= b
    b ^= c
    a ^= d
    c ^= t
    d = rotl(d, 11)
    return result
  }
  let spare: number | undefined
  const rng: Rng = {
    uniform: () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992,
    normal: () => {
      if (spare !== undefined) {
        const v = spare
        spare = undefined
        return v
      }
      let u = 0
      while (u === 0) u = rng.uniform()
      const r = Math.sqrt(-2 * Math.log(u))
      const theta = 2 * Math.PI * rng.uniform()
      spare = r * Math.sin(theta)
      return r * Math.cos(theta)
    },
    int: (n: number) => Math.floor(rng.uniform() * n),
    fork: () => createRng(next32() * 2 ** 21 + (next32() >>> 11)),
  }
  return rng
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}

/** Fisher–Yates shuffle of 0..n-1, or of the first k positions only (a uniform k-subset in random order). */
export function permutation(rng: Rng, n: number, k = n): Uint32Array {
  const idx = new Uint32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  for (let i = 0; i < Math.min(k, n - 1); i++) {
    const j = i + rng.int(n - i)
    const t = idx[i]
    idx[i] = idx[j]
    idx[j] = t
  }
  return k < n ? idx.slice(0, k) : idx
}

/** A uniform random k-subset of 0..n-1, sorted ascending (keeps file order when sampling rows). */
export function sampleIndices(rng: Rng, n: number, k: number): Uint32Array {
  return permutation(rng, n, k).sort()
}

/** The default seed when --seed is not given. */
export const DEFAULT_SEED = 42
