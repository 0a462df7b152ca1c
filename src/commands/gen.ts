import {Args, Flags} from '@oclif/core'
import {DivergenceCommand} from '../cli/base-command.js'
import {numberFlag} from '../cli/parse.js'
import {InputError} from '../core/errors.js'
import {GENERATORS, generate} from '../core/gen/index.js'
import {createRng, DEFAULT_SEED} from '../core/stats/rng.js'
import type {InputFormat} from '../io/options.js'
import {encode, outputFormatFor, writeSampleSet} from '../io/write/index.js'
import {describeSet} from '../report/document.js'
import {renderJson} from '../report/json.js'

export default class Gen extends DivergenceCommand {
  static summary = "Writes the papers' example distributions as CSV, TSV, Arrow or Parquet."
  static description = `Distributions (all seeded by --seed):
  parallel-lines  WGAN Example 1: (θ, Z), Z ~ U[0,1]. Same seed ⇒ same Z, so W1 between θ=0 and θ=t is |t| exactly and JSD = ln 2.
  gaussians       N(shift·e₀, scale²·I) in --dim dimensions.
  circle          the unit circle in R³, tilted --tilt degrees about the x-axis, moved --offset along z.
  ring            --modes Gaussians (std --spread) on the unit circle; --drop K drops the last K modes.
  swiss-roll      the 3-D swiss roll (a 2-D manifold), with --noise.
Without --out the data go to stdout in --output-format (CSV by default), ready for a pipe into another divergence
command; binary formats (arrow, parquet) are refused when stdout is a terminal. --json prints the summary of the file
written, so it needs --out (without it stdout carries the samples, and gen refuses --json).`
  static examples = [
    '<%= config.bin %> <%= command.id %> parallel-lines --theta 1 --out q.csv',
    '<%= config.bin %> <%= command.id %> gaussians --dim 8 --shift 0.5 -n 2000 --out q.parquet',
    '<%= config.bin %> <%= command.id %> ring --modes 8 --drop 1 | <%= config.bin %> info -',
  ]
  // gen writes data, not a report: no --format/--verbose (the report flags of the other commands); --json still
  // prints the summary of what was written. (The cast only satisfies the static-side check against the base class;
  // oclif parses exactly the flags listed, and run() reads neither of the two left out.)
  static baseFlags = {
    quiet: DivergenceCommand.baseFlags.quiet,
    debug: DivergenceCommand.baseFlags.debug,
  } as typeof DivergenceCommand.baseFlags
  static args = {name: Args.string({description: `one of: ${Object.keys(GENERATORS).join(', ')}`, required: true})}
  static flags = {
    samples: Flags.integer({char: 'n', description: 'number of points', default: 1000, min: 1}),
    out: Flags.string({char: 'o', description: '[default: stdout] file to write (.csv, .tsv, .arrow, .parquet)'}),
    'output-format': Flags.string({
      description: 'format to write, overriding the --out extension',
      options: ['csv', 'tsv', 'arrow', 'parquet'],
    }),
    seed: Flags.integer({
      description: 'seed; the same seed gives the same file byte for byte',
      default: DEFAULT_SEED,
      min: 0,
    }),
    theta: Flags.string({description: 'parallel-lines: the x position θ of the line', default: '0'}),
    dim: Flags.integer({description: 'gaussians: dimension', default: 2, min: 1}),
    shift: Flags.string({description: 'gaussians: added to the first coordinate', default: '0'}),
    scale: Flags.string({description: 'gaussians: standard deviation', default: '1'}),
    tilt: Flags.string({description: 'circle: rotation about the x-axis, degrees', default: '0'}),
    offset: Flags.string({description: 'circle: translation along z', default: '0'}),
    modes: Flags.integer({description: 'ring: number of modes', default: 8, min: 1}),
    drop: Flags.integer({description: 'ring: modes to leave out', default: 0, min: 0}),
    spread: Flags.string({description: 'ring: standard deviation of each mode', default: '0.05'}),
    noise: Flags.string({description: 'swiss-roll: Gaussian noise std', default: '0'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Gen)
    this.setOutputFlags(flags)
    // Refused before anything is generated: the JSON summary and the samples cannot share stdout.
    if (this.jsonEnabled() && !flags.out)
      throw new InputError('--json needs --out: without it stdout carries the samples; give --out FILE, or drop --json')
    const num = numberFlag
    const set = generate(args.name, createRng(flags.seed), {
      n: flags.samples,
      theta: num('theta', flags.theta),
      dim: flags.dim,
      shift: num('shift', flags.shift),
      scale: num('scale', flags.scale),
      tilt: num('tilt', flags.tilt),
      offset: num('offset', flags.offset),
      modes: flags.modes,
      drop: flags.drop,
      spread: num('spread', flags.spread),
      noise: num('noise', flags.noise),
    })
    if (!flags.out) {
      const format = (flags['output-format'] ?? 'csv') as InputFormat
      if ((format === 'arrow' || format === 'parquet') && process.stdout.isTTY) {
        throw new InputError(
          `gen will not write ${format === 'arrow' ? 'Arrow' : 'Parquet'} bytes to a terminal; give --out FILE.${format} or pipe stdout into a file or command`,
        )
      }
      process.stdout.write(await encode(set, format))
      return
    }
    const format = outputFormatFor(flags.out, flags['output-format'])
    await writeSampleSet(set, flags.out, format)
    const summary = {
      gen: {name: args.name, out: flags.out, format, seed: flags.seed, ...describeSet({...set, source: flags.out})},
    }
    if (this.jsonEnabled()) process.stdout.write(renderJson({command: 'gen', json: summary, sections: []}))
    else if (!flags.quiet)
      process.stderr.write(`wrote ${set.n} × ${set.d} ${args.name} to ${flags.out} (${format}, seed ${flags.seed})\n`)
  }
}
