import type { AnySchemaObject } from 'ajv';
import type { DataPath } from './problems.ts';

/**
 * The subschema that governs the value at `path` of a document valid for
 * `root`, or undefined when the schema has no such place. Follows local
 * `$ref`s (`#/definitions/...`), merging the keywords written beside a `$ref`
 * (its `default`, `description`) over the referenced schema; a property of a
 * free-form mapping (`additionalProperties: true`) yields the empty schema.
 */
export function schemaAt(root: AnySchemaObject, path: DataPath): AnySchemaObject | undefined {
  let s: AnySchemaObject | undefined = deref(root, root);
  for (const seg of path) {
    if (!s) return undefined;
    s = deref(root, childOf(s, seg));
  }
  return s;
}

/** A schema with its `$ref` (if any) resolved against `root`, sibling keywords kept. */
export function deref(root: AnySchemaObject, s: AnySchemaObject | undefined): AnySchemaObject | undefined {
  if (!s || typeof s.$ref !== 'string') return s;
  const { $ref, ...siblings } = s;
  if (!$ref.startsWith('#/')) throw new Error(`schemaAt: only local $ref are supported, found ${$ref}`);
  let target: unknown = root;
  for (const part of $ref.slice(2).split('/')) target = (target as Record<string, unknown>)[decodeURIComponent(part)];
  return { ...deref(root, target as AnySchemaObject), ...siblings };
}

function childOf(s: AnySchemaObject, seg: string | number): AnySchemaObject | undefined {
  if (typeof seg === 'number') return typeof s.items === 'object' && !Array.isArray(s.items) ? s.items : undefined;
  const props = s.properties as Record<string, AnySchemaObject> | undefined;
  if (props && Object.hasOwn(props, seg)) return props[seg];
  if (s.additionalProperties === true) return {};
  if (typeof s.additionalProperties === 'object') return s.additionalProperties;
  return undefined;
}

/** The keys a mapping schema knows, in schema order (for "did you mean"). */
export function knownKeys(root: AnySchemaObject, s: AnySchemaObject | undefined): string[] {
  const r = deref(root, s);
  return r?.properties ? Object.keys(r.properties as object) : [];
}
