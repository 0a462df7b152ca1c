import type {DuckDBConnection} from '@duckdb/node-api'
import {InputError, OptionError, opt} from '../../core/errors.js'
import {parseStrictNumber} from '../number.js'
import {shown} from '../show.js'
import {groupLabel} from '../split.js'
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
  const listed = `${present
    .slice(0, 10)
    .map((v) => `'${shown(v)}'`)
    .join(', ')}${present.length > 10 ? `, … (${present.length} values)` : ''}`
  let chosen: [string, string]
  if (groups) {
    const normal = (g: string) => {
      if (!numeric) return g
      const x = parseStrictNumber(g)
      return Number.isNaN(x) ? g : String(x)
    }
    chosen = [normal(groups[0]), normal(groups[1])]
    if (chosen[0] === chosen[1])
      throw new OptionError(
        'groups',
        groups,
        `names '${shown(groups[0])}' twice; give two different values of '${shown(by)}'`,
      )
    for (const [k, g] of chosen.entries())
      if (!present.includes(g))
        throw new InputError(
          `${source.label}: no row has ${shown(by)} = '${shown(groups[k])}' (group ${k === 0 ? 'P' : 'Q'} of ${opt('groups')} is empty); the values of '${shown(by)}' are: ${listed || 'none'}`,
        )
  } else {
    if (present.length !== 2)
      throw new InputError(
        `${source.label}: ${opt('by')} ${shown(by)} has ${present.length} distinct value${present.length === 1 ? '' : 's'} (${listed || 'none'}); name the two to compare with ${opt('groups')} A,B`,
      )
    chosen = [first!, present[0] === first ? present[1] : present[0]]
  }
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
