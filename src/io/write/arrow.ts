import {Float64, makeData, Table, tableToIPC, Vector} from 'apache-arrow'
import type {SampleSet} from '../../core/sampleset.js'

/** A SampleSet as an Arrow IPC file (ARROW1), one Float64 column per coordinate. */
export function toArrowFile(set: SampleSet): Uint8Array {
  const columns: Record<string, Vector> = {}
  set.columns.forEach((name, k) => {
    const values = new Float64Array(set.n)
    for (let i = 0; i < set.n; i++) values[i] = set.data[i * set.d + k]
    columns[name] = new Vector([makeData({type: new Float64(), length: set.n, data: values})])
  })
  return tableToIPC(new Table(columns), 'file')
}
