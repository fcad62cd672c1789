import type { AnySchemaObject, ErrorObject } from 'ajv';
import { describeExpected, showValue } from './describe.ts';
import type { DataPath } from './problems.ts';
import { knownKeys, schemaAt } from './schemaAt.ts';
import { closestName } from './suggest.ts';

/**
 * A problem before it is given a position: the data path it is about, the
 * place to point at (`at`, default `path`; `part` 'key' points at the key).
 */
export interface RawProblem {
  readonly path: DataPath;
  readonly message: string;
  readonly hint?: string;
  readonly part?: 'key' | 'value';
  readonly at?: DataPath;
  /** Other fields (dotted) the problem depends on, e.g. `d` for "d too small for m*". */
  readonly involves?: readonly string[];
}

/**
 * Turns ajv errors into one problem per place: an unknown key (with the
 * closest known key), a missing required key (with what it is), or a value
 * of the wrong kind ("expected a number > 0, found \"fast\""). Errors inside
 * the branches of a failed anyOf are folded into that anyOf's one problem.
 */
export function schemaProblems(root: AnySchemaObject, errors: readonly ErrorObject[], data: unknown): RawProblem[] {
  const out: RawProblem[] = [];
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath);
  const coveredByAlternative = (e: ErrorObject) =>
    e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && alternatives.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`));
  const valueDone = new Set<string>();
  for (const e of errors) {
    const path = toDataPath(e.instancePath, data);
    if (e.keyword === 'required') out.push(missing(root, path, (e.params as { missingProperty: string }).missingProperty));
    else if (e.keyword === 'additionalProperties') out.push(unknownKey(root, path, (e.params as { additionalProperty: string }).additionalProperty));
    else if (!coveredByAlternative(e) && !valueDone.has(e.instancePath)) {
      valueDone.add(e.instancePath);
      out.push(wrongValue(root, path, valueAt(data, path)));
    }
  }
  return out;
}

function missing(root: AnySchemaObject, parent: DataPath, key: string): RawProblem {
  const what = firstSentence(schemaAt(root, [...parent, key])?.description);
  return {
    path: [...parent, key],
    at: parent,
    message: `missing required key '${key}'`,
    hint: `add '${key}:' here${what ? ` (${what})` : ''}`,
  };
}

function unknownKey(root: AnySchemaObject, parent: DataPath, key: string): RawProblem {
  const known = knownKeys(root, schemaAt(root, parent));
  const guess = closestName(key, known);
  return {
    path: [...parent, key],
    part: 'key',
    message: `unknown key '${key}'`,
    hint: guess
      ? `did you mean '${guess}'?`
      : `remove it or fix its spelling; known keys here: ${known.join(', ') || '(none)'}`,
  };
}

function wrongValue(root: AnySchemaObject, path: DataPath, found: unknown): RawProblem {
  const schema = schemaAt(root, path);
  const hasDefault = schema !== undefined && 'default' in schema;
  return {
    path,
    message: `expected ${describeExpected(root, schema)}, found ${showValue(found)}${nonFinite(found)}`,
    hint: hasDefault ? `fix the value, or delete the key to use the default ${JSON.stringify(schema.default)}` : undefined,
  };
}

/** A JSON pointer as a data path: segments under a list become indices. */
export function toDataPath(pointer: string, data: unknown): DataPath {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key: string | number = Array.isArray(cur) && /^\d+$/.test(seg) ? Number(seg) : seg;
    out.push(key);
    cur = cur === null || typeof cur !== 'object' ? undefined : (cur as Record<string | number, unknown>)[key];
  }
  return out;
}

/** The value at a data path, or undefined. */
export function valueAt(data: unknown, path: DataPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function nonFinite(v: unknown): string {
  if (typeof v !== 'number' || Number.isFinite(v)) return '';
  return Number.isNaN(v) ? ' (not a number)' : ' (beyond the float64 range; numbers must be finite)';
}

function firstSentence(s: unknown): string {
  return typeof s === 'string' ? s.split(/(?<=\.)\s/)[0].replace(/\.$/, '') : '';
}
