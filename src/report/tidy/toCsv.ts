import type { Table } from './table.ts';

/**
 * A table as CSV (RFC 4180): a header row, then one line per row; a field
 * holding a comma, quote or line break is quoted with quotes doubled; a null
 * is an empty field (pandas reads it as NaN); numbers are written with the
 * shortest text that reads back to the same float64 (String(x)).
 */
export function toCsv(table: Table): string {
  const n = table.columns[0]?.values.length ?? 0;
  const lines = [table.columns.map((c) => field(c.name)).join(',')];
  for (let i = 0; i < n; i++) lines.push(table.columns.map((c) => field(c.values[i])).join(','));
  return `${lines.join('\n')}\n`;
}

function field(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
