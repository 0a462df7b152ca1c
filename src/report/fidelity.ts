import type {FidelityPart, FidelityResult} from '../core/fidelity/index.js'
import {describeSet, type Gate, type Report, type Row, type Section} from './document.js'
import {formatNumber} from './format.js'
import {evaluateGates, type GateSpec} from './gates.js'

/** What `fidelity` read on one side, as the report names it. */
export interface FidelitySideReport {
  path: string
  kind: string
  input: {points?: Parameters<typeof describeSet>[0]; gaussian?: {d: number}}
  /** How a side over the memory budget was read and sampled (the reader's record, printed as it is). */
  sampling?: object
}

const PART_TITLE: Record<FidelityPart, string> = {
  fd: 'Fréchet distance (FD)',
  'fd-inf': 'FD∞',
  kid: 'KID',
  prdc: 'Precision, recall, density, coverage',
}

/** The `p` / `q` object: the set as every command describes it, or a statistics file's path and d. */
function sideJson(s: FidelitySideReport): Record<string, unknown> {
  if (s.input.points) return {...describeSet(s.input.points), ...(s.sampling ? {sampling: s.sampling} : {})}
  return {path: s.path, d: s.input.gaussian!.d, statistics: true}
}

/** The `fidelity` JSON object. */
export function fidelityJson(r: FidelityResult): Record<string, unknown> {
  const out: Record<string, unknown> = {d: r.d}
  if (r.fd) out.fd = r.fd
  if (r.fdInfinity) out.fdInfinity = r.fdInfinity
  if (r.kid) out.kid = r.kid
  if (r.prdc) {
    out.precision = r.prdc.precision
    out.recall = r.prdc.recall
    out.density = r.prdc.density
    out.coverage = r.prdc.coverage
    out.k = r.prdc.k
  }
  if (Object.keys(r.unavailable).length > 0) out.unavailable = r.unavailable
  return out
}

/** The sections people read: one per computed part, then a line per part that could not be computed. */
export function fidelitySections(r: FidelityResult): Section[] {
  const sections: Section[] = []
  if (r.fd) {
    const f = r.fd
    const rows: Row[] = [
      {
        key: 'fd.value',
        name: 'FD',
        value: f.value,
        unit: 'feature units²',
        note: 'W2² between the Gaussian fits; FID when the features are Inception-v3 pool3',
      },
      {key: 'fd.meanTerm', name: 'mean term', value: f.meanTerm, note: '‖μ_P − μ_Q‖²'},
      {key: 'fd.traceTerm', name: 'covariance term', value: f.traceTerm, note: 'tr(Σ_P + Σ_Q − 2(Σ_P^½ Σ_Q Σ_P^½)^½)'},
      {
        key: 'fd.n',
        name: 'points (P, Q)',
        value: `${f.n ?? 'statistics'}, ${f.m ?? 'statistics'}`,
        note: `d = ${f.d}; covariances unbiased (ddof = 1, as pytorch-fid)`,
      },
      {
        key: 'fd.rankP',
        name: 'rank of Σ_P',
        value: f.rankP,
        note: f.rankP < f.d ? 'singular: fewer independent directions than features' : 'full',
      },
      {
        key: 'fd.roundingBound',
        name: 'rounding bound',
        value: f.roundingBound,
        note:
          f.clampedEigenvalues > 0
            ? `${f.clampedEigenvalues} eigenvalue(s) of Σ_P^½ Σ_Q Σ_P^½ came out below 0 (down to ${formatNumber(f.minEigenvalue)}), within rounding, and were set to 0`
            : 'float64 throughout; no eigenvalue below 0',
      },
    ]
    sections.push({key: 'fd', title: PART_TITLE.fd, rows})
  }
  if (r.fdInfinity) {
    const x = r.fdInfinity
    sections.push({
      key: 'fdInfinity',
      title: PART_TITLE['fd-inf'],
      rows: [
        {
          key: 'fdInfinity.value',
          name: 'FD∞',
          value: x.value,
          unit: 'feature units²',
          note: `intercept of FD_N = FD∞ + slope/N over N = ${x.points.map((p) => p.n).join(', ')} points of Q (Chong & Forsyth 2020)`,
        },
        {
          key: 'fdInfinity.stderr',
          name: 'fit standard error',
          value: x.stderr,
          note: 'of the intercept (least squares)',
        },
        {key: 'fdInfinity.slope', name: 'slope', value: x.slope, note: 'FD bias × N'},
      ],
    })
  }
  if (r.kid) {
    const k = r.kid
    sections.push({
      key: 'kid',
      title: PART_TITLE.kid,
      rows: [
        {
          key: 'kid.mean',
          name: 'KID',
          value: k.mean,
          note: `unbiased MMD², kernel (x·y/d + 1)³, mean over ${k.subsets} subsets of ${k.subsetSize} (Bińkowski et al. 2018)`,
        },
        {key: 'kid.std', name: 'KID std', value: k.std, note: 'over the subsets (ddof = 0, as torch-fidelity)'},
      ],
    })
  }
  if (r.prdc) {
    const c = r.prdc
    sections.push({
      key: 'prdc',
      title: PART_TITLE.prdc,
      rows: [
        {
          key: 'precision',
          name: 'precision',
          value: c.precision,
          note: `k = ${c.k}: share of Q inside P's kNN balls (Kynkäänniemi et al. 2019)`,
        },
        {key: 'recall', name: 'recall', value: c.recall, note: `share of P inside Q's kNN balls`},
        {key: 'density', name: 'density', value: c.density, note: '≈ 1 when Q matches P (Naeem et al. 2020)'},
        {key: 'coverage', name: 'coverage', value: c.coverage, note: "share of P's kNN balls holding a point of Q"},
      ],
    })
  }
  const missing = Object.entries(r.unavailable)
  if (missing.length > 0)
    sections.push({
      key: 'unavailable',
      title: 'Not computed',
      rows: missing.map(([part, why]) => ({
        key: part,
        name: PART_TITLE[part as FidelityPart],
        value: 'n/a',
        note: why,
      })),
    })
  return sections
}

/** The reading: what FD is and is not (Gelbrich), and what the other numbers say. */
export function fidelityReading(r: FidelityResult): string[] {
  const lines: string[] = []
  if (r.fd)
    lines.push(
      'FD is the squared 2-Wasserstein distance between the two Gaussian fits (mean and covariance of the features), not between the feature distributions: it is a lower bound on W2² between any two laws with these means and covariances (Gelbrich 1990), blind to everything beyond second moments, and biased upward at finite n (see FD∞).',
    )
  if (r.kid)
    lines.push(
      'KID is an unbiased estimate of MMD² with a cubic polynomial kernel: 0 in expectation when P = Q, comparable across sample sizes at the same subset size (Bińkowski et al. 2018).',
    )
  if (r.prdc)
    lines.push(
      'Precision is fidelity (Q lands where P lives), recall is diversity (P is reached by Q); density and coverage are their outlier-robust versions (Naeem et al. 2020).',
    )
  return lines
}

/** The `fidelity` report, with its gates evaluated (a gate whose part is missing is not evaluated: exit 2). */
export function fidelityReport(
  p: FidelitySideReport,
  q: FidelitySideReport,
  result: FidelityResult,
  specs: GateSpec<FidelityPart>[],
  warnings: string[],
  timing: Record<string, number>,
): Report {
  const values: Record<string, number> = {}
  if (result.fd) values.fd = result.fd.value
  if (result.kid) values.kid = result.kid.mean
  if (result.prdc) Object.assign(values, result.prdc)
  const missing: Record<string, string> = {}
  for (const g of specs)
    if (values[g.name] === undefined)
      missing[g.name] = result.unavailable[g.part] ?? `the ${g.part} part was not computed (see --only)`
  const gates: Gate[] = evaluateGates(specs, values, missing)
  const head = [
    result.fd ? `FD ${formatNumber(result.fd.value)}` : undefined,
    result.kid ? `KID ${formatNumber(result.kid.mean)} ± ${formatNumber(result.kid.std)}` : undefined,
    result.prdc
      ? `precision ${formatNumber(result.prdc.precision)}, recall ${formatNumber(result.prdc.recall)}`
      : undefined,
  ].filter(Boolean)
  const failed = gates.filter((g) => !g.passed).map((g) => g.name)
  return {
    command: 'fidelity',
    summary: `${head.join('; ')}${gates.length > 0 ? (failed.length > 0 ? `; gates FAILED: ${failed.join(', ')}` : '; gates passed') : ''}`,
    json: {p: sideJson(p), q: sideJson(q), fidelity: fidelityJson(result)},
    sections: fidelitySections(result),
    reading: fidelityReading(result),
    warnings: [...warnings, ...result.warnings],
    ...(gates.length > 0 ? {gates} : {}),
    timing,
  }
}
