/** Defaults of `fidelity`, defined once (src/cli/fidelity-flags.ts shows them). */
export const FIDELITY_DEFAULTS = {
  /** KID subsets: torch-fidelity's and clean-fid's default (kid_subsets = 100, num_subsets = 100). */
  kidSubsets: 100,
  /** Points per KID subset: torch-fidelity's kid_subset_size and clean-fid's max_subset_size (1000). */
  kidSubsetSize: 1000,
  /** One k for precision, recall, density and coverage: the prdc package's and dgm-eval's nearest_k = 5. */
  k: 5,
  /** FD∞: Q-subset sizes as fractions of Q (Chong & Forsyth 2020 use 15 sizes from 5k to 50k, i.e. 0.1 to 1 of 50k). */
  fdInfinityFractions: [0.2, 0.4, 0.6, 0.8, 1] as readonly number[],
} as const

/** The parts `fidelity` computes, as `--only` names them. */
export const FIDELITY_PARTS = ['fd', 'kid', 'prdc', 'fd-inf'] as const
export type FidelityPart = (typeof FIDELITY_PARTS)[number]
