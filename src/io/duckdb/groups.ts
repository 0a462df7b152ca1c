import type {DuckDBConnection} from '@duckdb/node-api'
import {InputError, opt} from '../../core/errors.js'
import {shown} from '../show.js'
import {chooseGroups, groupLabel} from '../split.js'
import {translate} from './errors.js'
import {sqlIdentifier, sqlString} from './quote.js'
import type {Described} from './schema.js'
import type {Source} from './source.js'

/** P and Q of one source split by `--by`: two sources over the same files, the label column left out of both. */
export interface GroupSplit {
  p: Source
  q: Source
  groups: [string, string]
  warnings: string[]
}

/**
 * `--by COLUMN [--groups A,B]` through DuckDB, by the rules of src/io/split.ts splitByGroup: a numeric label is
 * named by JavaScript's String(value) (so `--groups 2024,2025` and a hive key `year=2024` agree), a text label by
 * its text; without `--groups` the column must hold exactly two values, and P is the one of the first labelled row
 * (DuckDB keeps the files' row order, preserve_insertion_order). Rows with no label are in neither, with a warning.
 * Each side is the scan filtered on the label, so the split costs no copy: every column query reads only its rows.
 */
export async function splitSource(
  connection: DuckDBConnection,
  source: Source,
  described: Described,
  by: string,
  groups?: [string, string],
): Promise<GroupSplit> {
  const column = described.columns.find((c) => c.name === by)
  if (!column)
    throw new InputError(
      `${source.label} has no column '${shown(by)}' to split by (${opt('by')}); its columns are: ${described.columns.map((c) => shown(c.name)).join(', ')}`,
    )
  if (column.kind === 'other')
    throw new InputError(
      `${source.label}: ${opt('by')} column '${shown(by)}' (${shown(column.type)}) holds neither labels nor numbers; split by a text or numeric column`,
    )
  const numeric = column.kind === 'numeric'
  const key = numeric ? `CAST(${sqlIdentifier(by)} AS DOUBLE)` : `CAST(${sqlIdentifier(by)} AS VARCHAR)`
  const text = (v: unknown) => (numeric ? String(v as number) : String(v))
  let present: string[], first: string | undefined, unlabelled: number
  try {
    const values = await connection.runAndReadAll(`SELECT ${key} AS k, count(*) FROM ${source.scan} GROUP BY k`)
    const rows = values.getRows()
    unlabelled = rows
      .filter(([k]) => k === null || (numeric && Number.isNaN(k as number)))
      .reduce((s, [, n]) => s + Number(n), 0)
    present = rows
      .filter(([k]) => !(k === null || (numeric && Number.isNaN(k as number))))
      .map(([k]) => text(k))
      .sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0))
    const head = await connection.runAndReadAll(
      `SELECT ${key} AS k FROM ${source.scan} WHERE ${key} IS NOT NULL AND NOT (${numeric ? `isnan(${key})` : 'false'}) LIMIT 1`,
    )
    first = head.getRows().length > 0 ? text(head.getRows()[0][0]) : undefined
  } catch (error) {
    throw translate(error, source.files, source.label)
  }
  const chosen = chooseGroups({present, first, numeric, by, groups, label: source.label})
  const side = (g: string): Source => ({
    ...source,
    label: groupLabel(source.label, by, g),
    scan: `(SELECT * EXCLUDE (${sqlIdentifier(by)}) FROM ${source.scan} WHERE ${key} = ${
      numeric ? `CAST(${sqlString(g)} AS DOUBLE)` : sqlString(g)
    })`,
  })
  const total = present.length > 0 || unlabelled > 0 ? described.rows : 0
  const warnings =
    unlabelled > 0
      ? [
          `${source.label}: ${unlabelled} of ${total} rows have an empty '${shown(by)}' label (${opt('by')}) and are in neither P nor Q`,
        ]
      : []
  return {p: side(chosen[0]), q: side(chosen[1]), groups: chosen, warnings}
}
