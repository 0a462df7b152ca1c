import {DivergenceCommand} from '../cli/base-command.js'
import {boundFlags, boundOptionsFrom} from '../cli/bound-flags.js'
import {pairArgs, pairFlags, readOptionsFrom} from '../cli/flags.js'
import {writeSweepPlot} from '../cli/plot.js'
import {threadsFlags, useThreads} from '../cli/threads-flag.js'
import {computeBound} from '../core/bound/index.js'
import {loadPair} from '../io/load.js'
import {boundReport} from '../report/bound.js'

export default class Bound extends DivergenceCommand {
  static summary = 'Both sides of Arjovsky & Bottou Thm 3.3, W1 ≤ 2√V + 2C√JSD(P+ε ‖ Q+ε), at one σ or over a σ sweep.'
  static description =
    `ε is N(0,σ²I) truncated to ‖ε‖ ≤ R (default R = σ × the 0.999 quantile of χ_d; footnote 6 of the paper),
V = E‖ε‖² exactly, C = diam(P̂ ∪ Q̂) + 2R, JSD the noisy-smoothing JSD in nats (Monte Carlo, with its standard error).
W1 is exact where affordable, otherwise the certified upper end of the Sinkhorn bracket, so "holds" is a real check.
--sweep evaluates a log grid of σ (1e-3 … 1 × the data's diameter) and reports the σ with the tightest bound;
--plot FILE.svg draws W1, 2√V, 2C√JSD and the bound against σ.`
  static examples = [
    '<%= config.bin %> <%= command.id %> fixtures/examples/real.csv fixtures/examples/generated.csv --sigma 0.1',
    '<%= config.bin %> <%= command.id %> real.csv fake.csv --sweep --plot bound.svg',
  ]
  static args = pairArgs
  static flags = {
    ...pairFlags,
    ...threadsFlags,
    ...boundFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Bound)
    this.setOutputFlags(flags)
    const threads = useThreads(flags.threads)
    const options = boundOptionsFrom(flags)
    const t0 = performance.now()
    const loaded = await loadPair(args, readOptionsFrom(flags), {standardize: flags.standardize})
    const t1 = performance.now()
    const bound = await computeBound(loaded.p, loaded.q, {
      ...options,
      seed: flags.seed,
      onProgress: this.progress(flags.sweep ? 'σ sweep' : 'bound'),
    })
    const t2 = performance.now()
    if (flags.plot && (await writeSweepPlot(flags.plot, bound, loaded))) this.wroteLine(flags.plot)
    const timing = {read: (t1 - t0) / 1000, bound: (t2 - t1) / 1000, total: (t2 - t0) / 1000, threads}
    this.emit(boundReport(loaded, bound, flags.plot, timing), this.outputFormat(flags))
  }
}
