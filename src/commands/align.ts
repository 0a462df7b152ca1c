import {alignFlags, alignOptionsFrom} from '../cli/align-flags.js'
import {DivergenceCommand} from '../cli/base-command.js'
import {pairArgs, pairFlags, readOptionsFrom} from '../cli/flags.js'
import {threadsFlags, useThreads} from '../cli/threads-flag.js'
import {computeAlignment} from '../core/align/index.js'
import {loadPair} from '../io/load.js'
import {alignReport} from '../report/align.js'

export default class Align extends DivergenceCommand {
  static summary =
    'Manifold-alignment check: intrinsic dimensions, on-manifold fractions, support coverage and a verdict.'
  static description =
    `Do the supports of P and Q positively align (share a set of positive measure, Lui et al. 2017), or do they only lie close?
Intrinsic dimension by TwoNN and MLE; the fraction of Q within τ of P's manifold by local PCA (τ = a quantile of P's own
leave-one-out residuals) and symmetrically; precision/recall (k = 3) and density/coverage (k = 5); then a verdict:
aligned, partial or misaligned. Thresholds and their defaults: docs/align.md. --baseline calibrates them on two halves of P.`
  static examples = [
    '<%= config.bin %> <%= command.id %> fixtures/align/plane-a.csv fixtures/align/plane-offset.csv',
    '<%= config.bin %> <%= command.id %> real.parquet fake.parquet --standardize --baseline --json',
  ]
  static args = pairArgs
  static flags = {...pairFlags, ...threadsFlags, ...alignFlags}

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Align)
    this.setOutputFlags(flags)
    const threads = useThreads(flags.threads)
    const t0 = performance.now()
    const loaded = await loadPair(args, readOptionsFrom(flags), {standardize: flags.standardize})
    const t1 = performance.now()
    const align = await computeAlignment(loaded.p, loaded.q, {
      ...alignOptionsFrom(flags),
      onProgress: this.progress('align'),
    })
    const t2 = performance.now()
    const timing = {read: (t1 - t0) / 1000, align: (t2 - t1) / 1000, total: (t2 - t0) / 1000, threads}
    this.emit(alignReport(loaded, align, timing), this.outputFormat(flags))
  }
}
