import type {SampleSet} from '../core/sampleset.js'
import type {Standardization} from '../core/standardize.js'

/** The JSON schema id every `--json` document carries. */
export const SCHEMA = 'divergence/v1'

/** One line of a human-readable section: a named value with its unit and an optional remark. */
export interface Row {
  /** Stable machine key for CSV output (the JSON field it comes from, where there is one); default: from `name`. */
  key?: string
  name: string
  value: number | string | boolean | null
  unit?: string
  note?: string
}

/** A titled block of rows, rendered as one table (or one markdown table, or CSV rows tagged by title). */
export interface Section {
  /** Stable machine key for CSV output (`w1`, `bound`, …); default: from `title`. */
  key?: string
  title: string
  rows: Row[]
}

/**
 * A CI gate: `value` compared with `threshold`; `kind` says which side passes. A gate whose part could not be
 * computed is not evaluated: `value` null, `passed` false, and `notEvaluated` holds the part's reason.
 */
export interface Gate {
  name: string
  threshold: number
  value: number | null
  passed: boolean
  kind: 'max' | 'min'
  notEvaluated?: string
}

/**
 * What every command hands to the report layer: the JSON document (already in schema shape), the sections
 * people read, a closing reading in the papers' terms, warnings, and gates.
 */
export interface Report {
  command: string
  /** One line for the top of the table: the headline numbers, the verdict and the gates (compare). */
  summary?: string
  json: Record<string, unknown>
  sections: Section[]
  reading?: string[]
  warnings?: string[]
  gates?: Gate[]
  timing?: Record<string, number>
  /**
   * The sections a terminal shows by default, when they are fewer than `sections` (compare's key numbers); --verbose
   * and every other format show `sections`.
   */
  brief?: Section[]
  /** Pictures for the HTML report (standalone SVG text, drawn by the report layer): the σ sweep, drift's panels. */
  figures?: Figure[]
}

/** One picture of a report: a caption and the SVG text. */
export interface Figure {
  title: string
  svg: string
}

/** The `p`/`q` summary object of docs/design.md "JSON keys". */
export function describeSet(set: SampleSet): {
  path: string
  n: number
  d: number
  columns: string[]
  weighted: boolean
} {
  return {path: set.source, n: set.n, d: set.d, columns: set.columns, weighted: Boolean(set.weights)}
}

/** P and Q as a two-set command compared them: the sets, the pooled standardisation if any, the readers' warnings. */
export interface ComparedPair {
  p: SampleSet
  q: SampleSet
  standardization?: Standardization
  /** How a side over the memory budget was read and sampled (the reader's record, printed as it is). */
  sampling?: {p?: object; q?: object}
  warnings: string[]
}

/** A two-set command's JSON document: `p` and `q`, the command's own fields, then the standardisation if any. */
export function pairJson(pair: ComparedPair, body: Record<string, unknown>): Record<string, unknown> {
  return {
    p: {...describeSet(pair.p), ...(pair.sampling?.p ? {sampling: pair.sampling.p} : {})},
    q: {...describeSet(pair.q), ...(pair.sampling?.q ? {sampling: pair.sampling.q} : {})},
    ...body,
    ...(pair.standardization ? {standardization: pair.standardization} : {}),
  }
}
