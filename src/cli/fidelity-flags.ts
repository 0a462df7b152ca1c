import {readFile} from 'node:fs/promises'
import {extname} from 'node:path'
import {Flags} from '@oclif/core'
import {InputError} from '../core/errors.js'
import {FIDELITY_DEFAULTS, FIDELITY_PARTS, type FidelityInput, type FidelityPart} from '../core/fidelity/index.js'
import {isStatistics, isZip, openNpz, readStatistics} from '../io/npz.js'
import type {ReadResult} from '../io/options.js'
import {readSampleSet} from '../io/read.js'
import {readOptionsFrom} from './flags.js'
import {choicesFlag} from './parse.js'

/** The flags of `fidelity` (its parts and their options; its CI gates are in ./gate-flags.ts). */
export const fidelityFlags = {
  only: Flags.string({
    description: `[default: fd,kid,prdc] comma-separated parts to compute: ${FIDELITY_PARTS.join(', ')} (fd-inf also with --fd-infinity; a gate adds its part)`,
    helpGroup: 'FIDELITY',
  }),
  k: Flags.integer({
    description: 'k of precision, recall, density and coverage, one for all four (the prdc package and dgm-eval use 5)',
    default: FIDELITY_DEFAULTS.k,
    min: 1,
    helpGroup: 'FIDELITY',
  }),
  'kid-subsets': Flags.integer({
    description: 'KID: random subsets averaged (torch-fidelity and clean-fid use 100)',
    default: FIDELITY_DEFAULTS.kidSubsets,
    min: 1,
    helpGroup: 'FIDELITY',
  }),
  'kid-subset-size': Flags.integer({
    description: 'KID: points drawn from each set per subset, lowered to the smaller set (torch-fidelity: 1000)',
    default: FIDELITY_DEFAULTS.kidSubsetSize,
    min: 2,
    helpGroup: 'FIDELITY',
  }),
  'fd-infinity': Flags.boolean({
    description: `also compute FD∞ (Chong & Forsyth 2020): FD on random subsets of Q of ${FIDELITY_DEFAULTS.fdInfinityFractions.map((f) => `${f * 100}%`).join(', ')} of its points, extrapolated linearly in 1/N to N → ∞ (five more FDs)`,
    default: false,
    helpGroup: 'FIDELITY',
  }),
}

/** The parts to compute: --only, else FD, KID and P/R/D/C (plus FD∞ with --fd-infinity); a gate adds its part. */
export function fidelityParts(
  only: string | undefined,
  fdInfinity: boolean,
  gated: FidelityPart[] = [],
): FidelityPart[] {
  if (only === undefined) return fdInfinity ? ['fd', 'kid', 'prdc', 'fd-inf'] : ['fd', 'kid', 'prdc']
  const set = new Set(choicesFlag('only', only, FIDELITY_PARTS, 'part'))
  if (fdInfinity) set.add('fd-inf')
  for (const part of gated) set.add(part)
  return FIDELITY_PARTS.filter((p) => set.has(p))
}

/** One side of `fidelity` as read: points (any format the readers know) or a {mu, sigma} statistics file. */
export interface FidelitySide {
  input: FidelityInput
  path: string
  warnings: string[]
  /** 'statistics' for a {mu, sigma} .npz, else the points' format. */
  kind: string
  /** How a file over the memory budget was read and sampled (src/io/options.ts Sampling). */
  sampling?: ReadResult['sampling']
}

/**
 * Reads one side: an .npz holding `mu` and `sigma` (pytorch-fid's `--save-stats`, clean-fid's reference statistics)
 * is a Gaussian summary unless --column names one of its arrays; anything else goes through the readers.
 */
export async function loadFidelitySide(
  path: string,
  flags: Parameters<typeof readOptionsFrom>[0],
): Promise<FidelitySide> {
  const opts = readOptionsFrom(flags)
  if (opts.by) throw new InputError('fidelity compares two feature files; --by does not apply')
  const npz = opts.format === 'npz' || (opts.format === undefined && extname(path).toLowerCase() === '.npz')
  if (npz && path !== '-') {
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await readFile(path))
    } catch {
      throw new InputError(`${path}: no such file or not readable; check the path`)
    }
    if (isZip(bytes)) {
      const archive = openNpz(bytes, path)
      // --column names the points of the other file (or of this one): a statistics file without that array is still statistics.
      if (isStatistics(archive) && (opts.column === undefined || !archive.names.includes(opts.column)))
        return {input: {gaussian: readStatistics(archive, path)}, path, warnings: [], kind: 'statistics'}
    }
  }
  const r = await readSampleSet(path, opts)
  return {
    input: {points: r.set},
    path,
    warnings: r.warnings,
    kind: r.format,
    ...(r.sampling ? {sampling: r.sampling} : {}),
  }
}
