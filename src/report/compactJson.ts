/**
 * JSON text indented by 2, except that arrays of numbers (and arrays of such
 * arrays: alignment matrices) stay on one line. metrics.json of an m = 25,
 * m* = 5 run with 1000s of records is then thousands of lines instead of
 * hundreds of thousands, and diffs of reference reports stay readable.
 * Same value as JSON.stringify (NaN and Infinity become null, as there).
 */
export function compactJson(value: unknown): string {
  return write(value, '') + '\n';
}

function write(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    if (v.every(isFlat)) return JSON.stringify(v);
    if (v.length === 0) return '[]';
    const inner = indent + '  ';
    return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function');
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function isFlat(x: unknown): boolean {
  return typeof x === 'number' || x === null || (Array.isArray(x) && x.every((y) => typeof y === 'number' || y === null));
}
