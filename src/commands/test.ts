import {Flags} from '@oclif/core'
import {DivergenceCommand} from '../cli/base-command.js'
import {pairArgs, pairFlags, readOptionsFrom} from '../cli/flags.js'
import {gateFlags, gateSpecs} from '../cli/gate-flags.js'
import {parseTests, permutationCounts, permutationFlags} from '../cli/test-flags.js'
import {threadsFlags, useThreads} from '../cli/threads-flag.js'
import {w1Flags, w1OptionsFrom} from '../cli/w1-flags.js'
import {W1_METHODS} from '../core/ot/w1.js'
import {checkTwoSampleOptions, TEST_NAMES, TWO_SAMPLE_DEFAULTS, twoSampleTests} from '../core/twosample/index.js'
import {loadPair} from '../io/load.js'
import {testReport} from '../report/test.js'

export default class Test extends DivergenceCommand {
  static summary = 'Is the difference real? Permutation two-sample tests of P = Q: energy distance, MMD², W1.'
  static description = `Each test compares a statistic on P vs Q with the same statistic on B random relabellings of
P ∪ Q into sets of the same sizes; p = (1 + #{T* ≥ T}) / (1 + B), never 0, at least 1/(1 + B) (reported as the floor).
  energy  Székely & Rizzo's energy distance E = 2E‖X−Y‖ − E‖X−X'‖ − E‖Y−Y'‖ (Euclidean, V-statistic)
  mmd     unbiased MMD² with a Gaussian kernel, σ = median pairwise distance of P ∪ Q (stated in the output)
  w1      W1 itself (--w1-permutations solves; refused when the time estimate exceeds the budget)
Energy and MMD re-sum one pooled distance matrix: float64 up to 4 096 points, else float32 tiles (2N² bytes,
within --memory, default min(2G, a quarter of free memory)); beyond it, a blocked estimate: pairs within the
fewest seeded blocks that fit, scaled up, with its standard error (estimator, blocks, standardError in the JSON).
A p-value answers "could sampling noise alone give this?", not "how far apart": a tiny difference on huge sets
gets a tiny p. Gate: --min-p-value α exits 1 when a test's p < α (with k tests, up to k·α false alarms).`
  static examples = [
    '<%= config.bin %> <%= command.id %> fixtures/examples/real.csv fixtures/examples/generated.csv',
    '<%= config.bin %> <%= command.id %> real.parquet fake.parquet --min-p-value 0.01   # CI: fail when the sets differ',
    '<%= config.bin %> <%= command.id %> real.csv fake.csv --tests energy,w1 --w1-permutations 49 --json',
  ]
  static args = pairArgs
  static flags = {
    ...pairFlags,
    ...threadsFlags,
    tests: Flags.string({
      description: `[default: ${TWO_SAMPLE_DEFAULTS.tests.join(',')}] comma-separated tests: ${TEST_NAMES.join(', ')}`,
      helpGroup: 'TEST',
    }),
    ...permutationFlags,
    ...w1Flags,
    'w1-method': Flags.string({
      description: 'how the W1 test computes W1 (the --method of divergence w1)',
      options: [...W1_METHODS],
      default: 'auto',
      helpGroup: 'W1',
    }),
    ...gateFlags('test'),
  }
  static optionFlags = {'w1.method': 'w1-method'} as const

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Test)
    this.setOutputFlags(flags)
    const threads = useThreads(flags.threads)
    const tests = parseTests(flags.tests, TWO_SAMPLE_DEFAULTS.tests)
    const {permutations, w1Permutations} = permutationCounts(flags)
    checkTwoSampleOptions({tests, permutations, w1Permutations})
    const gates = gateSpecs('test', flags)
    const w1 = w1OptionsFrom(flags, flags['w1-method'])
    const t0 = performance.now()
    const loaded = await loadPair(args, readOptionsFrom(flags), {standardize: flags.standardize})
    const t1 = performance.now()
    const result = await twoSampleTests(loaded.p, loaded.q, {
      tests,
      permutations,
      w1Permutations,
      seed: flags.seed,
      memory: w1.memory,
      w1,
      onProgress: (phase) => this.progress(phase),
    })
    const t2 = performance.now()
    const timing = {read: (t1 - t0) / 1000, test: (t2 - t1) / 1000, total: (t2 - t0) / 1000, threads}
    this.emit(testReport(loaded, result, gates, timing), this.outputFormat(flags))
  }
}
