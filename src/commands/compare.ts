import {Flags} from '@oclif/core'
import {alignFlags} from '../cli/align-flags.js'
import {DivergenceCommand} from '../cli/base-command.js'
import {boundFlags} from '../cli/bound-flags.js'
import {compareRequestFrom} from '../cli/compare-flags.js'
import {driftFlags} from '../cli/drift-flags.js'
import {pairArgs, pairFlags, readOptionsFrom} from '../cli/flags.js'
import {gateFlags} from '../cli/gate-flags.js'
import {jsdFlags} from '../cli/jsd-flags.js'
import {writeSweepPlot} from '../cli/plot.js'
import {intervalFlags, permutationFlags} from '../cli/test-flags.js'
import {threadsFlags, useThreads} from '../cli/threads-flag.js'
import {COMPARE_TUNING_FLAGS, hideFromHelp} from '../cli/tuning-flags.js'
import {w1Flags} from '../cli/w1-flags.js'
import {compareSets, defaultPartsFor, PARTS} from '../core/compare.js'
import {JSD_METHODS} from '../core/jsd/index.js'
import {W1_METHODS} from '../core/ot/w1.js'
import {TEST_NAMES} from '../core/twosample/index.js'
import {loadPair} from '../io/load.js'
import {compareReport} from '../report/compare.js'

export default class Compare extends DivergenceCommand {
  static summary = 'The main job: how far apart P and Q are, and in what way, with CI gates.'
  static description =
    `Reads P and Q once and computes the parts named by --only (default: all but test): w1 (exact, or Sinkhorn with a certified bracket), jsd (nats; KDE for d ≤ 3, kNN above), bound (Arjovsky & Bottou Thm 3.3), align (do the supports align? Lui et al. 2017), columns (per-column drift), fidelity (FD, KID; default from d = 128), test (permutation tests, if named).

Exit codes: 0 computed and every gate passed, 1 a gate failed, 2 bad usage or input, or a gate that could not be evaluated.

Each part's tuning flags (Sinkhorn's --gap, the KDE --bandwidth, the bound's --radius, align's --k-precision, the CSV --delimiter, …) are accepted here under the same names and listed in that part's own help: divergence w1 -h, jsd -h, bound -h, align -h, test -h, info -h (all of them: docs/flags.md). --w1-method and --jsd-method are those commands' --method.`
  static examples = [
    '<%= config.bin %> <%= command.id %> fixtures/examples/real.csv fixtures/examples/generated.csv',
    '<%= config.bin %> <%= command.id %> real.parquet fake.parquet --max-w1-ratio 1.5 --min-recall 0.8 --format markdown',
    '$ python sample.py | <%= config.bin %> <%= command.id %> real.parquet - --json --quiet',
    '<%= config.bin %> <%= command.id %> fixtures/examples/lines-theta0.csv fixtures/examples/lines-theta1.csv   # WGAN Example 1',
  ]
  static usage = ['<%= command.id %> P Q [FLAGS]', '<%= command.id %> FILE --by COLUMN [FLAGS]']
  static args = pairArgs
  /** W1's and the JSD's `method` are --w1-method and --jsd-method here. */
  static optionFlags = {'w1.method': 'w1-method', 'jsd.method': 'jsd-method'} as const
  static flags = hideFromHelp(
    {
      ...pairFlags,
      ...threadsFlags,
      ...w1Flags,
      ...alignFlags,
      ...gateFlags('compare'),
      only: Flags.string({
        description: `[default: all but test] comma-separated parts: ${PARTS.join(', ')}`,
      }),
      baseline: Flags.boolean({
        description:
          'W1 under no difference (its permutation null at these sizes: median, 95 %, p), and two random halves of P for the JSD baseline and alignment thresholds; implied by --max-w1-ratio',
        default: false,
      }),
      'w1-method': Flags.string({
        description: 'how to compute W (the --method of divergence w1)',
        options: [...W1_METHODS],
        default: 'auto',
        helpGroup: 'W1',
      }),
      'jsd-method': Flags.string({
        description: '[default: kde for d ≤ 3, knn above] JSD estimator',
        options: [...JSD_METHODS],
        helpGroup: 'JSD',
      }),
      ...jsdFlags,
      ...boundFlags,
      tests: Flags.string({
        description: `test part: comma-separated permutation tests (${TEST_NAMES.join(', ')})`,
        default: 'energy',
        helpGroup: 'TEST',
      }),
      ...permutationFlags,
      ...intervalFlags,
      /** The drift command's flag, one definition: the columns part's KS and χ² p-values are corrected the same way. */
      correction: {...driftFlags.correction, description: `columns part: ${driftFlags.correction.description}`},
      'top-columns': Flags.integer({
        description: 'columns part: how many of the most moved columns to list (all are counted in the share)',
        default: 5,
        min: 1,
      }),
    },
    COMPARE_TUNING_FLAGS,
  )

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Compare)
    this.setOutputFlags(flags)
    const threads = useThreads(flags.threads)
    const {asked, options} = compareRequestFrom(flags)
    const t0 = performance.now()
    const loaded = await loadPair(args, readOptionsFrom(flags), {standardize: flags.standardize})
    const read = (performance.now() - t0) / 1000
    // Without --only, the default parts depend on the dimension (FIDELITY_MIN_D); asked.parts is options.parts.
    if (flags.only === undefined) for (const part of defaultPartsFor(loaded.p.d)) options.parts.add(part)
    const result = await compareSets(loaded.p, loaded.q, {...options, onProgress: (phase) => this.progress(phase)})
    if (flags.plot && result.bound && (await writeSweepPlot(flags.plot, result.bound, loaded)))
      this.wroteLine(flags.plot)
    this.emit(
      compareReport(loaded, result, asked, {read, total: (performance.now() - t0) / 1000, threads}),
      this.outputFormat(flags),
    )
  }
}
