import {Args} from '@oclif/core'
import {DivergenceCommand} from '../cli/base-command.js'
import {readerFlags, readOptionsFrom} from '../cli/flags.js'
import {opt} from '../core/errors.js'
import {columnSummary} from '../core/stats/columnSummary.js'
import {loadOne} from '../io/load.js'
import {type InfoColumn, infoReport} from '../report/info.js'

export default class Info extends DivergenceCommand {
  static summary = 'What a file holds: rows, columns, types, and the matrix a comparison would read.'
  static description =
    `Reads FILE exactly as the comparison commands would (same reader flags) and shows its format, row count,
every column with its type, whether it is used (and why not), min / mean / max / sum, and the n × d matrix.
Non-numeric columns and a pandas index ("index (pandas)") are skipped by default, --exclude leaves out more; pick
columns with --columns or read a list column with --column. Missing values are counted per column, and rows holding
one are left out of the matrix shown (a comparison refuses such rows unless given --drop-missing).`
  static examples = [
    '<%= config.bin %> <%= command.id %> fixtures/examples/real.csv',
    '<%= config.bin %> <%= command.id %> fixtures/interop/embedding.parquet --column embedding --json',
    '$ cat data.csv | <%= config.bin %> <%= command.id %> -',
  ]
  static args = {file: Args.string({description: 'a CSV, TSV, Arrow or Parquet file, or - for stdin', required: true})}
  static flags = {...readerFlags}

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Info)
    this.setOutputFlags(flags)
    // info inspects a file with missing values instead of refusing it: rows with a gap are counted (and the
    // missing cells reported per column); only a comparison needs --drop-missing to go ahead.
    const read = await loadOne(args.file, readOptionsFrom({...flags, 'drop-missing': true}))
    const refused = flags['drop-missing'] ? 0 : read.dropped
    if (refused > 0) {
      read.warnings = read.warnings.filter((w) => !w.includes(`(${opt('dropMissing')})`))
      read.warnings.push(
        `${read.set.source}: ${refused} of ${read.rows} rows hold a missing or non-finite value (the first: ${read.firstDropped}); they are left out of the matrix shown, and a comparison refuses them unless given --drop-missing`,
      )
    }
    const used = new Set<string>(flags.column ? [flags.column] : read.set.columns)
    const excluded = new Set((flags.exclude ?? '').split(',').map((x) => x.trim()))
    const columns: InfoColumn[] = read.table.columns.map((c) => {
      const summary = columnSummary(c.values ?? c.list?.values ?? [])
      const isUsed = used.has(c.name)
      const why = isUsed
        ? undefined
        : c.name === flags.weights
          ? 'sample weights'
          : (read.index ?? []).includes(c.name)
            ? 'index (pandas)'
            : excluded.has(c.name)
              ? 'excluded (--exclude)'
              : c.values || c.list
                ? c.list
                  ? 'list column (read it with --column)'
                  : 'not selected'
                : 'not numeric'
      return {name: c.name, type: c.type, used: isUsed, why, ...summary}
    })
    const report = infoReport(
      {
        path: read.set.source,
        format: read.format,
        rows: read.rows,
        columns,
        n: read.set.n,
        d: read.set.d,
        dropped: read.dropped,
        weighted: Boolean(read.set.weights),
        missingRows: refused,
        ...(read.sampling ? {sampling: read.sampling} : {}),
      },
      read.warnings,
    )
    this.emit(report, this.outputFormat(flags))
  }
}
