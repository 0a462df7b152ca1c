import type {OptionKey} from '../core/errors.js'

/**
 * The flag each option key of core and io is given on the command line (without the leading dashes), the same in
 * every command unless the command overrides it (`compare` offers W1's and the JSD's `method` as --w1-method and
 * --jsd-method).
 */
export const OPTION_FLAGS: Record<OptionKey, string> = {
  'w1.method': 'method',
  'jsd.method': 'method',
  p: 'p',
  gap: 'gap',
  maxIter: 'max-iter',
  epsilon: 'epsilon',
  projections: 'projections',
  memory: 'memory',
  sample: 'sample',
  seed: 'seed',
  sigma: 'sigma',
  radius: 'radius',
  draws: 'draws',
  bandwidth: 'bandwidth',
  bootstrap: 'bootstrap',
  weights: 'weights',
  sweep: 'sweep',
  sweepPoints: 'sweep-points',
  sigmaMin: 'sigma-min',
  sigmaMax: 'sigma-max',
  standardize: 'standardize',
  columns: 'columns',
  column: 'column',
  exclude: 'exclude',
  dropMissing: 'drop-missing',
  naValues: 'na-values',
  inputFormat: 'input-format',
  outputFormat: 'output-format',
  noHeader: 'no-header',
  delimiter: 'delimiter',
  by: 'by',
  engine: 'engine',
  groups: 'groups',
  baseline: 'baseline',
  kMle: 'k-mle',
  kPrecisionRecall: 'k-precision',
  kDensityCoverage: 'k-density',
  manifoldSample: 'manifold-sample',
  quantile: 'quantile',
  neighbourhood: 'neighbourhood',
  stat: 'stat',
  threshold: 'threshold',
  correction: 'correction',
  parts: 'only',
  n: 'samples',
  theta: 'theta',
  dim: 'dim',
  shift: 'shift',
  scale: 'scale',
  tilt: 'tilt',
  offset: 'offset',
  modes: 'modes',
  drop: 'drop',
  spread: 'spread',
  noise: 'noise',
  kidSubsets: 'kid-subsets',
  kidSubsetSize: 'kid-subset-size',
  permutations: 'permutations',
  w1Permutations: 'w1-permutations',
  tests: 'tests',
}

/** Names each option by its flag in a command that overrides some of them (`overrides`: key → flag, no dashes). */
export function flagNamer(overrides: Partial<Record<OptionKey, string>> = {}): (key: OptionKey) => string {
  return (key) => `--${overrides[key] ?? OPTION_FLAGS[key]}`
}
