import type { AnySchemaObject } from 'ajv';
import { deref } from './schemaAt.ts';

/**
 * What a schema accepts, as a phrase for error messages: "a number > 0",
 * "an integer >= 2", "one of 'dopri5', 'rk4'", "'flow', 'sgd' or a path ...".
 * A schema's `x-expected` annotation overrides the generated phrase.
 */
export function describeExpected(root: AnySchemaObject, schema: AnySchemaObject | undefined): string {
  const s = deref(root, schema);
  if (!s) return 'nothing here (this key is not part of the schema)';
  if (typeof s['x-expected'] === 'string') return s['x-expected'];
  const alternatives = (s.anyOf ?? s.oneOf) as AnySchemaObject[] | undefined;
  if (alternatives) return orList(alternatives.map((a) => describeExpected(root, a)));
  if (Array.isArray(s.enum)) return s.enum.length === 1 ? quote(s.enum[0]) : `one of ${s.enum.map(quote).join(', ')}`;
  if ('const' in s) return quote(s.const);
  switch (s.type) {
    case 'integer':
    case 'number':
      return `${s.type === 'integer' ? 'an integer' : 'a number'}${bounds(s)}`;
    case 'string':
      return s.pattern ? `a string matching /${s.pattern}/` : s.minLength ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    case 'array':
      return `a list of ${s.minItems ? `at least ${s.minItems} ` : ''}${plural(describeExpected(root, s.items as AnySchemaObject))}`;
    case 'object': {
      const keys = s.properties ? Object.keys(s.properties as object) : [];
      return keys.length ? `a mapping with keys ${keys.join(', ')}` : 'a mapping';
    }
    default:
      return 'any value';
  }
}

/** How a found value is shown: strings quoted, containers summarised. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (an empty value)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

function bounds(s: AnySchemaObject): string {
  const parts: string[] = [];
  if (typeof s.exclusiveMinimum === 'number') parts.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.minimum === 'number') parts.push(`>= ${s.minimum}`);
  if (typeof s.exclusiveMaximum === 'number') parts.push(`< ${s.exclusiveMaximum}`);
  if (typeof s.maximum === 'number' && s.maximum < Number.MAX_SAFE_INTEGER) parts.push(`<= ${s.maximum}`);
  return parts.length ? ` ${parts.join(' and ')}` : '';
}

function quote(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function plural(phrase: string): string {
  return phrase.replace(/^an? (\w+)/, (_, w: string) => `${w}s`);
}
