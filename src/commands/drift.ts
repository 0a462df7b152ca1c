import {writeFile} from 'node:fs/promises'
import {Flags} from '@oclif/core'
import {DivergenceCommand} from '../cli/base-command.js'
import {driftFlags, driftIntervalsFrom, engineFlag} from '../cli/drift-flags.js'
import {groupFlags, pairArgs, readerFlags, readOptionsFrom} from '../cli/flags.js'
import {gateFlags, gateSpecs} from '../cli/gate-flags.js'
import {listFlag, numberListFlag} from '../cli/parse.js'
import {checkPlotPath} from '../cli/plot.js'
import {threadsFlags, useThreads} from '../cli/threads-flag.js'
import {computeDriftOf, decisionRule} from '../core/drift/index.js'
import {parseCorrection} from '../core/stats/multiple-testing.js'
import {type EngineChoice, loadDriftColumns} from '../io/load.js'
import {driftReport} from '../report/drift.js'
import {driftSvg} from '../report/drift-svg.js'

export default class Drift extends DivergenceCommand {
  static summary =
    'Which columns moved, numeric and categorical: per-column W1, KS, JSD, PSI or chi-square, a drift verdict per column, and CI gates on the drifted share.'
  static description =
    `Compares P and Q column by column (same names in both; or one file split with --by COLUMN --groups A,B).
Numeric columns: n and missing per side, mean, std, 5/50/95% quantiles; W1 (as scipy.stats.wasserstein_distance)
and W1 / std(P) ("normed W1"); the two-sample KS statistic and p-value (as scipy.stats.ks_2samp, method auto);
JSD in nats on P's --bins quantile bins; PSI on P's deciles with proportions floored at 1e-4 (a quantile that
several levels share, a point mass such as the zeros of a zero-inflated column, is a bin of its own: docs/drift.md).
Categorical columns (text, boolean, dictionary, or named in --categorical): frequencies, JSD (nats) and total
variation of the frequencies, the chi-square p-value of the 2 × K table (as scipy.stats.chi2_contingency),
categories new in Q and missing from Q.
A column drifts when its statistic crosses its threshold: by default W1 / std(P) ≥ 0.1 (numeric) and
Jensen–Shannon distance (base 2) ≥ 0.1 (categorical), as Evidently for large samples. The data set's share is
drifted / total columns; a column whose values are all missing in Q (or P) counts as drifted. The p-value
statistics (ks-p, chi2-p) decide on p-values adjusted for testing every column (--correction, default holm).
Exit codes: 0 computed and every gate passed, 1 a gate failed, 2 bad usage or input.`
  static examples = [
    '<%= config.bin %> <%= command.id %> fixtures/drift/p.csv fixtures/drift/q.parquet',
    '<%= config.bin %> <%= command.id %> fixtures/drift/both.csv --by split --groups ref,cur --max-drift-share 0.3',
    '<%= config.bin %> <%= command.id %> reference.parquet current.parquet --format markdown --plot drift.svg',
    '<%= config.bin %> <%= command.id %> a.csv b.csv --stat ks-p,chi2-p --threshold 0.01,0.01 --json',
  ]
  static args = pairArgs
  static flags = {
    ...readerFlags,
    ...groupFlags,
    ...driftFlags,
    ...engineFlag,
    ...threadsFlags,
    ...gateFlags('drift'),
    plot: Flags.string({
      description: "write small multiples of the top columns' two distributions as an SVG to this file",
      helpGroup: 'OUTPUT',
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Drift)
    this.setOutputFlags(flags)
    // Before any work: a long run must not end in a raw ENOENT for a plot it cannot write.
    if (flags.plot) checkPlotPath(flags.plot)
    const specs = gateSpecs('drift', flags)
    const rule = decisionRule(listFlag(flags.stat), numberListFlag('threshold', flags.threshold))
    const correction = parseCorrection(flags.correction)
    const intervals = driftIntervalsFrom(flags, specs)
    const t0 = performance.now()
    const loaded = await loadDriftColumns(args, readOptionsFrom(flags), {
      categorical: listFlag(flags.categorical),
      engine: flags.engine as EngineChoice,
    })
    const t1 = performance.now()
    let result
    try {
      result = await computeDriftOf(loaded.pairs, {
        bins: flags.bins,
        rule,
        correction,
        intervals,
        threads: useThreads(flags.threads),
        onProgress: loaded.columns.length >= 8 ? this.progressBar('drift', 'columns') : undefined,
      })
    } finally {
      loaded.close()
    }
    const t2 = performance.now()
    if (flags.plot) {
      await writeFile(flags.plot, driftSvg(result))
      this.wroteLine(flags.plot)
    }
    // Streamed through DuckDB, reading and computing interleave: there is no read time of its own.
    const timing = {
      ...(loaded.streamed ? {} : {read: (t1 - t0) / 1000}),
      drift: (t2 - (loaded.streamed ? t0 : t1)) / 1000,
      total: (performance.now() - t0) / 1000,
    }
    this.emit(
      driftReport(loaded, result, specs, {by: flags.by, plot: flags.plot, engine: loaded.engine}, timing),
      this.outputFormat(flags),
    )
  }
}
