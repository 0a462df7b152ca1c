import {parquetWriteBuffer} from 'hyparquet-writer'
import type {SampleSet} from '../../core/sampleset.js'

/** A SampleSet as a Parquet file (hyparquet-writer; DOUBLE columns, its default compression). */
export function toParquet(set: SampleSet): Uint8Array {
  const columnData = set.columns.map((name, k) => {
    const data = new Float64Array(set.n)
    for (let i = 0; i < set.n; i++) data[i] = set.data[i * set.d + k]
    return {name, data, type: 'DOUBLE' as const}
  })
  return new Uint8Array(parquetWriteBuffer({columnData}))
}
