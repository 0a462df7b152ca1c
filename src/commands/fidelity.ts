import {DivergenceCommand} from '../cli/base-command.js'
import {fidelityFlags, fidelityParts, loadFidelitySide} from '../cli/fidelity-flags.js'
import {pairArgs, readerFlags} from '../cli/flags.js'
import {gateFlags, gateSpecs} from '../cli/gate-flags.js'
import {threadsFlags, useThreads} from '../cli/threads-flag.js'
import {InputError} from '../core/errors.js'
import {computeFidelity} from '../core/fidelity/index.js'
import {fidelityReport} from '../report/fidelity.js'

export default class Fidelity extends DivergenceCommand {
  static summary =
    'FD (FID), FD∞, KID and precision/recall/density/coverage of generated features Q against reference features P.'
  static description =
    `The numbers generative-model teams gate on, from the feature files they already have: .npy, .npz (one array, or
pytorch-fid / clean-fid statistics with mu and sigma), Parquet/Arrow embedding columns (--column), CSV.
FD = ‖μ_P − μ_Q‖² + tr(Σ_P + Σ_Q − 2(Σ_P^½ Σ_Q Σ_P^½)^½) with unbiased covariances, in float64, from the eigenvalues
of a symmetric matrix (never complex, never negative beyond a stated rounding bound); KID = unbiased MMD² with the
kernel (x·y/d + 1)³ over seeded random subsets; precision/recall/density/coverage exact on every point with one k.
P is the reference (real) set, Q the generated one. Gates exit 1 when they fail, 2 when their part cannot be computed.`
  static examples = [
    '<%= config.bin %> <%= command.id %> real.npy fake.npy',
    '<%= config.bin %> <%= command.id %> fid_stats_train.npz fake.npz --only fd --max-fd 12',
    '<%= config.bin %> <%= command.id %> real.parquet fake.parquet --column emb --max-fd 15 --max-kid 0.01 --min-precision 0.6 --min-recall 0.4',
  ]
  static args = {
    p: {...pairArgs.p, description: 'reference features P (.npy, .npz, statistics .npz, Parquet, Arrow, CSV)'},
    q: {...pairArgs.q, required: true, description: 'generated features Q (same formats)'},
  }
  static flags = {...readerFlags, ...threadsFlags, ...fidelityFlags, ...gateFlags('fidelity')}
  static optionFlags = {kPrecisionRecall: 'k'}

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Fidelity)
    this.setOutputFlags(flags)
    const threads = useThreads(flags.threads)
    const gates = gateSpecs('fidelity', flags)
    const parts = fidelityParts(
      flags.only,
      flags['fd-infinity'],
      gates.map((g) => g.part),
    )
    if (args.p === '-' && args.q === '-') throw new InputError('only one of P and Q can be read from stdin (-)')
    const t0 = performance.now()
    const p = await loadFidelitySide(args.p, flags)
    const q = await loadFidelitySide(args.q!, flags)
    const weighted = [p, q].filter((s) => s.input.points?.weights).map((s) => s.path)
    if (weighted.length > 0)
      p.warnings.push(
        `--weights is ignored: FD, KID and precision/recall/density/coverage treat every feature vector alike (${weighted.join(', ')})`,
      )
    const t1 = performance.now()
    const result = computeFidelity(p.input, q.input, {
      parts,
      k: flags.k,
      kidSubsets: flags['kid-subsets'],
      kidSubsetSize: flags['kid-subset-size'],
      seed: flags.seed,
      onProgress: this.progress('precision/recall'),
    })
    const t2 = performance.now()
    const timing: Record<string, number> = {read: (t1 - t0) / 1000}
    for (const [key, s] of Object.entries(result.seconds)) timing[key === 'fd-inf' ? 'fdInfinity' : key] = s
    Object.assign(timing, {total: (t2 - t0) / 1000, threads})
    this.emit(fidelityReport(p, q, result, gates, [...p.warnings, ...q.warnings], timing), this.outputFormat(flags))
  }
}
