/**
 * `compare` takes every flag of the commands it combines, but its --help lists the ones a first run needs: the
 * tuning flags of each part are still accepted, and documented once, in that part's own help (`divergence w1 -h`,
 * `jsd -h`, `bound -h`, `align -h`, `test -h`) and in docs/flags.md. This keeps `compare -h` to two screens.
 */
export const COMPARE_TUNING_FLAGS = [
  // W1 (divergence w1 -h)
  'gap',
  'max-iter',
  'epsilon',
  'projections',
  'memory',
  'p',
  // JSD (divergence jsd -h)
  'bandwidth',
  'k',
  'bootstrap',
  'base',
  // Thm 3.3 (divergence bound -h)
  'radius',
  'draws',
  'sweep-points',
  'sigma-min',
  'sigma-max',
  // alignment (divergence align -h)
  'k-precision',
  'k-density',
  'k-mle',
  'neighbourhood',
  'quantile',
  'manifold-sample',
  'aligned-min',
  'coverage-min',
  'misaligned-max',
  'dim-tolerance',
  // the columns part (divergence drift -h has its statistics and --correction)
  'top-columns',
  'correction',
  // the test part (divergence test -h)
  'permutations',
  'w1-permutations',
  'w1-bootstrap',
  'tests',
  // reading files (divergence info -h)
  'input-format',
  'delimiter',
  'header',
  'groups',
  'weights',
] as const

/** The same flags, with `names` accepted but left out of this command's --help. */
export function hideFromHelp<T extends Record<string, object>>(flags: T, names: readonly string[]): T {
  const out: Record<string, object> = {}
  for (const [name, flag] of Object.entries(flags)) out[name] = names.includes(name) ? {...flag, hidden: true} : flag
  return out as T
}
