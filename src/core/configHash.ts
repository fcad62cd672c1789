import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) of a JSON-like value in canonical form: object keys sorted at
 * every level, no whitespace, numbers as JSON writes them (so NaN and
 * Infinity hash as null, as they are stored). Two values with the same fields
 * and numbers hash alike whatever the order their keys were written in, so
 * the hash names a resolved configuration, not the text it came from.
 */
export function configHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
