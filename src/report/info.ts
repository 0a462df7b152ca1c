import type {ColumnSummary} from '../core/stats/columnSummary.js'
import type {Report} from './document.js'

/** One column of a file as `info` shows it. */
export interface InfoColumn extends ColumnSummary {
  name: string
  type: string
  used: boolean
  /** Why a column is not used (non-numeric, the weights, not selected). */
  why?: string
}

export interface InfoResult {
  path: string
  format: string
  rows: number
  columns: InfoColumn[]
  n: number
  d: number
  dropped: number
  weighted: boolean
  /** Rows left out for a missing value that a comparison would refuse (no --drop-missing given); 0 otherwise. */
  missingRows?: number
  /** A file over the memory budget, read as a sample through DuckDB (the reader's record; the summaries are the sample's). */
  sampling?: object
}

/** The `info` report: the file, every column, and the n × d matrix a comparison would use. */
export function infoReport(r: InfoResult, warnings: string[]): Report {
  return {
    command: 'info',
    json: {
      info: {
        path: r.path,
        format: r.format,
        rows: r.rows,
        columns: r.columns.map(({name, type, used, why, min, mean, max, sum, missing}) => ({
          name,
          type,
          used,
          ...(why ? {why} : {}),
          min,
          mean,
          max,
          sum,
          missing,
        })),
        n: r.n,
        d: r.d,
        dropped: r.dropped,
        ...(r.missingRows ? {missingRows: r.missingRows} : {}),
        weighted: r.weighted,
        ...(r.sampling ? {sampling: r.sampling} : {}),
      },
    },
    sections: [
      {
        key: 'info',
        title: `file ${r.path}`,
        rows: [
          {key: 'format', name: 'format', value: r.format},
          {key: 'rows', name: 'rows', value: r.rows},
          {
            key: 'matrix',
            name: 'matrix used',
            value: `${r.n} × ${r.d}`,
            note: r.missingRows
              ? `without the ${r.missingRows} rows holding a missing value`
              : r.dropped > 0
                ? `${r.dropped} rows dropped`
                : r.weighted
                  ? 'weighted'
                  : undefined,
          },
          ...(r.missingRows
            ? [
                {
                  key: 'missingRows',
                  name: 'rows with a missing value',
                  value: r.missingRows,
                  note: 'a comparison refuses them; --drop-missing drops them',
                },
              ]
            : []),
        ],
      },
      {
        key: 'info.columns',
        title: 'columns',
        rows: r.columns.map((c) => ({
          key: c.name,
          name: c.name === '' ? '(unnamed)' : c.name,
          value: c.used ? 'used' : `not used: ${c.why ?? ''}`,
          unit: c.type,
          note:
            c.mean === null
              ? c.missing > 0
                ? `${c.missing} missing`
                : undefined
              : `min ${fmt(c.min)}  mean ${fmt(c.mean)}  max ${fmt(c.max)}  sum ${fmt(c.sum)}${c.missing > 0 ? `  (${c.missing} missing)` : ''}`,
        })),
      },
    ],
    warnings,
  }
}

function fmt(x: number | null): string {
  return x === null ? '–' : String(Number(x.toPrecision(6)))
}
