import {writeFile} from 'node:fs/promises'
import {Flags} from '@oclif/core'
import {alignFlags, alignOptionsFrom} from '../cli/align-flags.js'
import {DivergenceCommand} from '../cli/base-command.js'
import {boundFlags, boundOptionsFrom} from '../cli/bound-flags.js'
import {numberFlag, pairArgs, pairFlags} from '../cli/flags.js'
import {gateFlags, gateSpecs} from '../cli/gate-flags.js'
import {jsdFlags, jsdOptionsFrom, noiseOptionsFrom} from '../cli/jsd-flags.js'
import {loadPair} from '../cli/load.js'
import {memoryFlag, w1Flags} from '../cli/w1-flags.js'
import {compareSets, PARTS, type Part} from '../core/compare.js'
import {InputError} from '../core/errors.js'
import type {JsdMethod} from '../core/jsd/index.js'
import type {W1Method} from '../core/ot/w1.js'
import {alignReasonsSection, alignSection} from '../report/align.js'
import {boundSection, sweepSection} from '../report/bound.js'
import {describeSet, type Section} from '../report/document.js'
import {driftColumnsSection, driftJson, driftSummarySection} from '../report/drift.js'
import {evaluateGates} from '../report/gates.js'
import {jsdSection} from '../report/jsd.js'
import {papersReading} from '../report/reading.js'
import {compareSummary} from '../report/summary.js'
import {sweepSvg} from '../report/svg.js'
import {w1Section} from '../report/w1.js'

/** Which part each gate needs. */
const GATE_PART: Record<string, Part> = {
  w1: 'w1',
  w1Ratio: 'w1',
  jsd: 'jsd',
  bound: 'bound',
  qOnP: 'align',
  precision: 'align',
  recall: 'align',
  coverage: 'align',
}

export default class Compare extends DivergenceCommand {
  static summary =
    'The main job: how far apart P and Q are, and in what way — W1, JSD, the Thm 3.3 bound and manifold alignment — with CI gates.'
  static description = `Reads P and Q once and computes the parts named by --only (default: all five):
  w1     Wasserstein-1 (exact where feasible, else Sinkhorn with a certified bracket)
  jsd    Jensen–Shannon divergence in nats (KDE for d ≤ 3, kNN above; --jsd-method to choose)
  bound  Arjovsky & Bottou Thm 3.3, W1 ≤ 2√V + 2C√JSD(P+ε ‖ Q+ε), at one σ or over --sweep
  align  do the supports positively align (Lui et al. 2017)? intrinsic dimension, on-manifold fractions, coverage
  columns  per-column drift (as divergence drift, numeric columns): the --top-columns most moved
The report ends with a reading in the papers' terms. Exit codes: 0 computed and every gate passed, 1 a gate failed,
2 bad usage or input. Flags are those of the w1, jsd, bound and align commands with the same names, except
--w1-method and --jsd-method (each command's --method), and --baseline, which here turns on every real-vs-real
baseline (two random halves of P).`
  static examples = [
    '<%= config.bin %> <%= command.id %> fixtures/examples/real.csv fixtures/examples/generated.csv',
    '<%= config.bin %> <%= command.id %> real.parquet fake.parquet --max-w1-ratio 1.5 --min-recall 0.8 --format markdown',
    '$ python sample.py | <%= config.bin %> <%= command.id %> real.parquet - --json --quiet',
    '<%= config.bin %> <%= command.id %> fixtures/examples/lines-theta0.csv fixtures/examples/lines-theta1.csv   # WGAN Example 1',
  ]
  static args = pairArgs
  /** W1's and the JSD's `method` are --w1-method and --jsd-method here. */
  static optionFlags = {'w1.method': 'w1-method', 'jsd.method': 'jsd-method'} as const
  static flags = {
    ...pairFlags,
    ...w1Flags,
    ...alignFlags,
    ...gateFlags,
    only: Flags.string({description: `[default: all] comma-separated parts to compute: ${PARTS.join(', ')}`}),
    baseline: Flags.boolean({
      description:
        'compare two random halves of P too (W1 ratio, JSD baseline, alignment thresholds); implied by --max-w1-ratio',
      default: false,
    }),
    'w1-method': Flags.string({
      description: 'how to compute W (the --method of divergence w1)',
      options: ['auto', 'exact-1d', 'exact', 'sinkhorn', 'sliced'],
      default: 'auto',
      helpGroup: 'W1',
    }),
    'jsd-method': Flags.string({
      description: '[default: kde for d ≤ 3, knn above] JSD estimator',
      options: ['kde', 'noisy', 'knn'],
      helpGroup: 'JSD',
    }),
    ...jsdFlags,
    ...boundFlags,
    'top-columns': Flags.integer({
      description: 'columns part: how many of the most moved columns to list (all are counted in the share)',
      default: 5,
      min: 1,
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Compare)
    this.setOutputFlags(flags)
    const parts = parseParts(flags.only)
    const specs = gateSpecs(flags)
    for (const s of specs)
      if (!parts.has(GATE_PART[s.name]))
        throw new InputError(`the gate on ${s.name} needs the ${GATE_PART[s.name]} part, which --only leaves out`)
    const bound = boundOptionsFrom(flags)
    const baseline = flags.baseline || flags['max-w1-ratio'] !== undefined
    const t0 = performance.now()
    const loaded = await loadPair(args, flags)
    const read = (performance.now() - t0) / 1000
    const result = await compareSets(loaded.p, loaded.q, {
      parts,
      baseline,
      seed: flags.seed,
      w1: {
        memory: memoryFlag(flags.memory),
        method: flags['w1-method'] as W1Method,
        p: flags.p === '2' ? 2 : 1,
        gap: numberFlag('gap', flags.gap),
        maxIter: flags['max-iter'],
        epsilon: numberFlag('epsilon', flags.epsilon),
        projections: flags.projections,
        seed: flags.seed,
      },
      jsd: {
        method: flags['jsd-method'] as JsdMethod | undefined,
        ...jsdOptionsFrom(flags),
        ...noiseOptionsFrom(flags),
        seed: flags.seed,
      },
      bound: {...bound, seed: flags.seed},
      align: alignOptionsFrom({...flags, baseline}),
      onProgress: (phase) => this.progress(phase),
    })
    if (flags.plot && result.bound?.sweep)
      await writeFile(
        flags.plot,
        sweepSvg(result.bound.sweep, {p: loaded.p.source, q: loaded.q.source, tightestSigma: result.bound.sigma}),
      )

    const warnings = [...loaded.warnings]
    const values: Record<string, number> = {}
    const sections: Section[] = [
      {
        key: 'data',
        title: 'data',
        rows: [
          {key: 'p', name: 'P', value: `${loaded.p.n} × ${loaded.p.d}`, note: loaded.p.source},
          {key: 'q', name: 'Q', value: `${loaded.q.n} × ${loaded.q.d}`, note: loaded.q.source},
          {
            key: 'diameter',
            name: 'diameter of P ∪ Q',
            value: result.diameter.value,
            unit: 'input units',
            note: result.diameter.exact ? 'exact' : 'upper bound',
          },
          ...(loaded.standardization
            ? [{key: 'standardized', name: 'standardized', value: true, note: 'pooled z-score of P ∪ Q'}]
            : []),
        ],
      },
    ]
    const w = result.w1
    if (w) {
      sections.push(w1Section(w))
      if (!w.converged)
        warnings.push(
          `Sinkhorn stopped at --max-iter before the bracket closed to --gap; the bracket [${w.lower}, ${w.upper}] still holds`,
        )
      if (w.upper === null && flags['max-w1'] !== undefined)
        warnings.push('--max-w1 with --w1-method sliced compares a lower bound: a pass is not a certificate')
      values.w1 = w.upper ?? w.value
      if (result.baseline) {
        const b = result.baseline.w1
        sections.push({
          key: 'baseline.w1',
          title: 'W1 baseline (two random halves of P)',
          rows: [
            {
              key: 'value',
              name: 'W1(P₁, P₂)',
              value: b.value,
              unit: 'input units',
              note: 'real vs real at half the sample size (so somewhat above the n-point value)',
            },
            {
              key: 'ratio',
              name: 'W1 ratio',
              value: b.value > 0 ? w.value / b.value : null,
              note: 'W1(P,Q) / W1(P₁,P₂)',
            },
          ],
        })
        if (flags['max-w1-ratio'] !== undefined) {
          if (!(b.value > 0))
            throw new InputError(
              'the baseline W1 between two halves of P is 0 (P repeats one point); --max-w1-ratio has no meaning here, use --max-w1',
            )
          values.w1Ratio = w.value / b.value
        }
      }
    }
    if (result.jsd) {
      sections.push(jsdSection(result.jsd, result.jsdMethodReason))
      warnings.push(...result.jsd.warnings)
      values.jsd = result.jsd.value
    }
    if (result.bound) {
      sections.push(boundSection(result.bound))
      if (result.bound.sweep) sections.push(sweepSection(result.bound.sweep))
      warnings.push(...result.bound.warnings)
      values.bound = result.bound.value
    }
    if (result.align) {
      sections.push(alignSection(result.align), alignReasonsSection(result.align))
      Object.assign(values, {
        qOnP: result.align.onManifold.qOnP,
        precision: result.align.precision,
        recall: result.align.recall,
        coverage: result.align.coverage,
      })
      if (loaded.p.weights || loaded.q.weights)
        warnings.push('alignment looks at the supports only: sample weights are ignored')
    }
    if (result.columns) {
      const top = flags['top-columns']
      sections.push(
        driftColumnsSection(
          result.columns,
          `columns (top ${Math.min(top, result.columns.total)} of ${result.columns.total}, most moved first)`,
          top,
        ),
        driftSummarySection(result.columns),
      )
      if (loaded.p.weights || loaded.q.weights)
        warnings.push('the columns part is unweighted: sample weights are ignored')
    }
    // A part that could not be computed: its reason in the table, in the JSON (`{error}`) and on stderr.
    const PART_TITLE: Record<Part, string> = {
      w1: flags.p === '2' ? 'W2' : 'W1',
      jsd: 'Jensen–Shannon divergence',
      bound: 'Arjovsky & Bottou Thm 3.3',
      align: 'Alignment',
      columns: 'columns',
    }
    for (const part of PARTS) {
      const error = result.errors[part]
      if (error === undefined) continue
      sections.push({
        key: part,
        title: PART_TITLE[part],
        rows: [{key: 'error', name: 'error', value: 'not computed', note: error}],
      })
      warnings.push(`${part} could not be computed on these data, the other parts are reported: ${error}`)
    }
    const missing: Record<string, string> = {}
    for (const s of specs) {
      const error = result.errors[GATE_PART[s.name]]
      if (error !== undefined) missing[s.name] = `the ${GATE_PART[s.name]} part could not be computed: ${error}`
    }
    const failedPart = (part: Part) => (result.errors[part] !== undefined ? {[part]: {error: result.errors[part]}} : {})
    const strip = <T extends {warnings: string[]}>(x: T | undefined) => {
      if (!x) return undefined
      const {warnings: _w, ...rest} = x
      return rest
    }
    const gates = evaluateGates(specs, values, missing)
    this.emit(
      {
        command: 'compare',
        summary: compareSummary(result, gates, parts),
        json: {
          p: describeSet(loaded.p),
          q: describeSet(loaded.q),
          parts: PARTS.filter((x) => parts.has(x)),
          diameter: result.diameter,
          ...(w ? {w1: w} : failedPart('w1')),
          ...(result.baseline ? {baseline: result.baseline} : {}),
          ...(result.jsd ? {jsd: {...strip(result.jsd), methodReason: result.jsdMethodReason}} : failedPart('jsd')),
          ...(result.bound ? {bound: strip(result.bound)} : failedPart('bound')),
          ...(result.align ? {align: result.align} : failedPart('align')),
          ...(result.columns
            ? {
                columns: {
                  ...driftJson(result.columns, flags['top-columns']),
                  shown: Math.min(flags['top-columns'], result.columns.total),
                },
              }
            : failedPart('columns')),
          ...(flags.plot ? {plot: flags.plot} : {}),
          ...(loaded.standardization ? {standardization: loaded.standardization} : {}),
        },
        sections,
        gates,
        reading: papersReading({
          w1: w && {...w, upper: w.upper ?? w.value},
          diameter: result.diameter.value,
          jsd: result.jsd,
          bound: result.bound,
          align: result.align,
        }),
        // The bound runs its own noisy JSD, whose warnings (e.g. identical sets) can repeat the JSD part's.
        warnings: [...new Set(warnings)],
        timing: {read, ...result.timing, total: (performance.now() - t0) / 1000},
      },
      this.outputFormat(flags),
    )
  }
}

/** The parts to compute: all by default, else the comma-separated --only list. */
function parseParts(only: string | undefined): Set<Part> {
  if (!only) return new Set(PARTS)
  const parts = new Set<Part>()
  for (const raw of only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(PARTS as readonly string[]).includes(raw))
      throw new InputError(`--only: unknown part '${raw}'; choose from ${PARTS.join(', ')}`)
    parts.add(raw as Part)
  }
  if (parts.size === 0) throw new InputError(`--only names no part; choose from ${PARTS.join(', ')}`)
  return parts
}
