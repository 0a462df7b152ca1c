import {writeFile} from 'node:fs/promises'
import {Flags} from '@oclif/core'
import {DivergenceCommand} from '../cli/base-command.js'
import {numberFlag, pairArgs, pairFlags} from '../cli/flags.js'
import {loadPair} from '../cli/load.js'
import {computeBound} from '../core/bound/index.js'
import {InputError} from '../core/errors.js'
import {boundSection, sweepSection} from '../report/bound.js'
import {describeSet} from '../report/document.js'
import {papersReading} from '../report/reading.js'
import {sweepSvg} from '../report/svg.js'

export default class Bound extends DivergenceCommand {
  static summary = 'Both sides of Arjovsky & Bottou Thm 3.3, W1 ≤ 2√V + 2C√JSD(P+ε ‖ Q+ε), at one σ or over a σ sweep.'
  static description = `ε is N(0,σ²I) truncated to ‖ε‖ ≤ R (default R = σ × the 0.999 quantile of χ_d; footnote 6 of the paper),
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
    sigma: Flags.string({description: 'noise σ in input units (default: median nearest-neighbour distance)', helpGroup: 'BOUND'}),
    radius: Flags.string({description: 'truncation radius R in input units for a single σ', helpGroup: 'BOUND'}),
    sweep: Flags.boolean({description: 'evaluate a log grid of σ and report the tightest', default: false, helpGroup: 'BOUND'}),
    'sweep-points': Flags.integer({description: 'number of σ values in the sweep', default: 20, min: 2, max: 200, helpGroup: 'BOUND'}),
    'sigma-min': Flags.string({description: "smallest σ of the sweep (default 1e-3 × the data's diameter)", helpGroup: 'BOUND'}),
    'sigma-max': Flags.string({description: "largest σ of the sweep (default the data's diameter)", helpGroup: 'BOUND'}),
    draws: Flags.integer({description: 'Monte Carlo draws per side for the noisy JSD (default: standard error ≤ 0.005 nats)', min: 2, helpGroup: 'BOUND'}),
    plot: Flags.string({description: 'write the σ sweep as an SVG plot to this file (needs --sweep)', helpGroup: 'BOUND'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Bound)
    this.setOutputFlags(flags)
    if (flags.plot && !flags.sweep) throw new InputError('--plot draws the σ sweep; add --sweep')
    if (flags.sweep && flags.sigma !== undefined) throw new InputError('give either --sigma (one σ) or --sweep (a grid), not both')
    const t0 = performance.now()
    const loaded = await loadPair(args, flags)
    const t1 = performance.now()
    const num = (name: string, v: string | undefined) => (v === undefined ? undefined : numberFlag(name, v))
    const bound = await computeBound(loaded.p, loaded.q, {
      sigma: num('sigma', flags.sigma), radius: num('radius', flags.radius), sweep: flags.sweep, sweepPoints: flags['sweep-points'],
      sigmaMin: num('sigma-min', flags['sigma-min']), sigmaMax: num('sigma-max', flags['sigma-max']), draws: flags.draws,
      seed: flags.seed, onProgress: this.progress(flags.sweep ? 'σ sweep' : 'bound'),
    })
    const t2 = performance.now()
    if (flags.plot && bound.sweep) await writeFile(flags.plot, sweepSvg(bound.sweep))
    const {warnings: boundWarnings, ...boundJson} = bound
    this.emit({
      command: 'bound',
      json: {
        p: describeSet(loaded.p), q: describeSet(loaded.q), bound: boundJson,
        ...(flags.plot ? {plot: flags.plot} : {}),
        ...(loaded.standardization ? {standardization: loaded.standardization} : {}),
      },
      sections: bound.sweep ? [boundSection(bound), sweepSection(bound.sweep)] : [boundSection(bound)],
      reading: papersReading({bound}),
      warnings: [...loaded.warnings, ...boundWarnings],
      timing: {read: (t1 - t0) / 1000, bound: (t2 - t1) / 1000, total: (t2 - t0) / 1000},
    }, this.outputFormat(flags))
  }
}
