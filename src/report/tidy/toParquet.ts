import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Table } from './table.ts';

const TYPES = { string: 'STRING', int: 'INT64', double: 'DOUBLE' } as const;

/**
 * A table as an Apache Parquet file (hyparquet-writer: pure JavaScript,
 * snappy-compressed, one row group per 100,000 rows): strings as UTF-8,
 * integers as INT64, reals as DOUBLE, every column nullable. Loads with
 * `pandas.read_parquet` (pyarrow or fastparquet) like the CSV.
 */
export function toParquet(table: Table): Uint8Array {
  const columnData = table.columns.map((c) => ({
    name: c.name,
    type: TYPES[c.kind],
    data: c.kind === 'int' ? c.values.map((v) => (v === null ? null : BigInt(v as number))) : c.values,
  }));
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: 'moe-repro' }));
}
