import {Flags} from '@oclif/core'
import {DivergenceCommand} from '../cli/base-command.js'
import {pairArgs, pairFlags, readOptionsFrom} from '../cli/flags.js'
import {threadsFlags, useThreads} from '../cli/threads-flag.js'
import {w1Flags, w1OptionsFrom} from '../cli/w1-flags.js'
import {computeW1, W1_METHODS} from '../core/ot/w1.js'
import {loadPair} from '../io/load.js'
import {w1Report} from '../report/w1.js'

export default class W1 extends DivergenceCommand {
  static summary = 'Wasserstein-1 between two sample sets: exact, or Sinkhorn with a certified bracket, or sliced.'
  static description = `W1(P̂,Q̂) = min over couplings γ of Σ γ_ij ‖x_i − y_j‖, in the input's units.
--method auto (default): one column → exact from quantiles; otherwise exact optimal transport (network simplex,
with a dual certificate) whenever its estimated time is below Sinkhorn's (up to a factor 2 in exact's favour;
in practice all but very unequal sizes such as 10 × 100 000) — else log-domain Sinkhorn that stops when its certified bracket lower ≤ W1 ≤ upper is within --gap.
sliced is a cheap LOWER bound. --p 2 gives W2.`
  static examples = [
    '<%= config.bin %> <%= command.id %> fixtures/examples/real.csv fixtures/examples/generated.csv',
    '<%= config.bin %> <%= command.id %> real.parquet fake.parquet --method sinkhorn --gap 0.005 --json',
    '<%= config.bin %> <%= command.id %> fixtures/examples/lines-theta0.csv fixtures/examples/lines-theta1.csv   # WGAN Example 1: 1',
  ]
  static args = pairArgs
  static flags = {
    ...pairFlags,
    ...threadsFlags,
    ...w1Flags,
    method: Flags.string({
      char: 'm',
      description: 'how to compute W',
      options: [...W1_METHODS],
      default: 'auto',
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(W1)
    this.setOutputFlags(flags)
    const threads = useThreads(flags.threads)
    const options = w1OptionsFrom(flags, flags.method)
    const t0 = performance.now()
    const loaded = await loadPair(args, readOptionsFrom(flags), {standardize: flags.standardize})
    const t1 = performance.now()
    const kernelTiming: Record<string, number> = {}
    const w1 = await computeW1(loaded.p, loaded.q, {...options, timing: kernelTiming, onProgress: this.progress('W1')})
    const t2 = performance.now()
    const timing = {read: (t1 - t0) / 1000, w1: (t2 - t1) / 1000, total: (t2 - t0) / 1000, threads, ...kernelTiming}
    this.emit(w1Report(loaded, w1, flags['max-iter'], timing), this.outputFormat(flags))
  }
}
