import {Args, Flags} from '@oclif/core'
import {DivergenceCommand} from '../cli/base-command.js'
import {numberFlag, pairFlags} from '../cli/flags.js'
import {gateFlags, gateSpecs} from '../cli/gate-flags.js'
import {loadPair} from '../cli/load.js'
import {w1Flags} from '../cli/w1-flags.js'
import {compareSets, PARTS, type Part} from '../core/compare.js'
import {InputError} from '../core/errors.js'
import type {W1Method} from '../core/ot/w1.js'
import {describeSet, type Section} from '../report/document.js'
import {evaluateGates} from '../report/gates.js'
import {papersReading} from '../report/reading.js'
import {w1Section} from '../report/w1.js'

export default class Compare extends DivergenceCommand {
  static summary = 'The main job: how far apart P and Q are, and in what way, with CI gates.'
  static description = `Computes the parts named by --only (default: all that are available) on one read of P and Q,
prints one report with a reading in the papers' terms, and exits 1 if any gate fails (0 otherwise, 2 on bad input).
W flags (--gap, --max-iter, --epsilon, --projections, --p) are those of \`divergence w1\`; its --method is --w1-method here.`
  static examples = [
    '<%= config.bin %> <%= command.id %> fixtures/examples/real.csv fixtures/examples/generated.csv',
    '<%= config.bin %> <%= command.id %> real.parquet fake.parquet --max-w1 0.5 --format markdown',
    'python sample.py | <%= config.bin %> <%= command.id %> real.parquet - --json --quiet',
  ]
  static args = {
    p: Args.string({description: 'the reference set P, e.g. real data (file or -)', required: true}),
    q: Args.string({description: 'the compared set Q, e.g. generated samples (file or -)', required: true}),
  }
  static flags = {
    ...pairFlags,
    ...w1Flags,
    ...gateFlags,
    'w1-method': Flags.string({description: 'how to compute W (as --method of divergence w1)', options: ['auto', 'exact-1d', 'exact', 'sinkhorn', 'sliced'], default: 'auto', helpGroup: 'W1'}),
    only: Flags.string({description: `comma-separated parts to compute: ${PARTS.join(', ')}`}),
    baseline: Flags.boolean({description: 'also compare two random halves of P (the real-vs-real baseline); implied by --max-w1-ratio', default: false}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Compare)
    this.setOutputFlags(flags)
    const parts = parseParts(flags.only)
    const specs = gateSpecs(flags)
    for (const s of specs) {
      const part = s.name.startsWith('w1') ? 'w1' : s.name
      if (['w1', 'jsd', 'bound'].includes(part) && !parts.has(part as Part)) throw new InputError(`the gate on ${s.name} needs the ${part} part, which --only leaves out`)
    }
    const t0 = performance.now()
    const loaded = await loadPair(args, flags)
    const read = (performance.now() - t0) / 1000
    const result = await compareSets(loaded.p, loaded.q, {
      parts,
      baseline: flags.baseline || flags['max-w1-ratio'] !== undefined,
      seed: flags.seed,
      w1: {
        method: flags['w1-method'] as W1Method, p: flags.p === '2' ? 2 : 1, gap: numberFlag('gap', flags.gap), maxIter: flags['max-iter'],
        epsilon: numberFlag('epsilon', flags.epsilon), projections: flags.projections, seed: flags.seed,
      },
      onProgress: (phase) => this.progress(phase),
    })
    const warnings = [...loaded.warnings]
    const values: Record<string, number> = {}
    const sections: Section[] = [{title: 'data', rows: [
      {name: 'P', value: `${loaded.p.n} × ${loaded.p.d}`, note: loaded.p.source},
      {name: 'Q', value: `${loaded.q.n} × ${loaded.q.d}`, note: loaded.q.source},
      {name: 'diameter of P ∪ Q', value: result.diameter.value, unit: 'input units', note: result.diameter.exact ? 'exact' : 'upper bound'},
      ...(loaded.standardization ? [{name: 'standardized', value: true, note: 'pooled z-score of P ∪ Q'}] : []),
    ]}]
    if (result.w1) {
      const w = result.w1
      sections.push(w1Section(w))
      if (!w.converged) warnings.push(`Sinkhorn stopped at --max-iter before the bracket closed to --gap; the bracket [${w.lower}, ${w.upper}] still holds`)
      if (w.upper === null && flags['max-w1'] !== undefined) warnings.push('--max-w1 with --w1-method sliced compares a lower bound: a pass is not a certificate')
      values.w1 = w.upper ?? w.value
      if (result.baseline) {
        const b = result.baseline.w1
        sections.push({title: 'baseline (two random halves of P)', rows: [
          {name: 'W1(P₁, P₂)', value: b.value, unit: 'input units', note: 'real vs real at half the sample size (so somewhat above the n-point value)'},
          {name: 'W1 ratio', value: b.value > 0 ? w.value / b.value : null, note: 'W1(P,Q) / W1(P₁,P₂)'},
        ]})
        if (flags['max-w1-ratio'] !== undefined) {
          if (!(b.value > 0)) throw new InputError('the baseline W1 between two halves of P is 0 (P has repeated points only); --max-w1-ratio has no meaning here, use --max-w1')
          values.w1Ratio = w.value / b.value
        }
      }
    }
    this.emit({
      command: 'compare',
      json: {
        p: describeSet(loaded.p), q: describeSet(loaded.q),
        parts: [...parts],
        diameter: result.diameter,
        ...(result.w1 ? {w1: result.w1} : {}),
        ...(result.baseline ? {baseline: result.baseline} : {}),
        ...(loaded.standardization ? {standardization: loaded.standardization} : {}),
      },
      sections,
      gates: evaluateGates(specs, values),
      reading: papersReading({w1: result.w1 && {...result.w1, upper: result.w1.upper ?? result.w1.value}, diameter: result.diameter.value}),
      warnings,
      timing: {read, ...result.timing, total: (performance.now() - t0) / 1000},
    }, this.outputFormat(flags))
  }
}

/** The parts to compute: all available by default, else the comma-separated --only list. */
function parseParts(only: string | undefined): Set<Part> {
  const available: Part[] = ['w1']
  if (!only) return new Set(available)
  const parts = new Set<Part>()
  for (const raw of only.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(PARTS as readonly string[]).includes(raw)) throw new InputError(`--only: unknown part '${raw}'; choose from ${PARTS.join(', ')}`)
    if (!available.includes(raw as Part)) throw new InputError(`--only: the ${raw} part is not available in this build yet; available: ${available.join(', ')}`)
    parts.add(raw as Part)
  }
  return parts
}
