/** The kind of values a column holds (CSV writes all as text; Parquet types them). */
export type ColumnKind = 'string' | 'int' | 'double';

/** One column of a tidy table: a name, a kind and one value per row (null where the row has none). */
export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly values: (string | number | null)[];
}

/** A long-format table: one observation per row, one variable per column (all columns the same length). */
export interface Table {
  /** File stem: `<name>.csv`, `<name>.parquet`. */
  readonly name: string;
  readonly columns: readonly Column[];
}

/** Adds rows to a table (one value per column; undefined and non-finite numbers become null). */
export interface TableBuilder {
  add(...row: (string | number | null | undefined)[]): void;
  readonly table: Table;
}

/** A table built row by row: `add` takes one value per column, in the columns' order. */
export function tableBuilder(name: string, columns: readonly [string, ColumnKind][]): TableBuilder {
  const cols: Column[] = columns.map(([n, kind]) => ({ name: n, kind, values: [] }));
  return {
    add(...row) {
      if (row.length !== cols.length) throw new Error(`table ${name}: a row of ${row.length} values for ${cols.length} columns`);
      row.forEach((v, k) => cols[k].values.push(v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : v));
    },
    table: { name, columns: cols },
  };
}
