import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';

/** The schemas this module validates against, by file stem in `schemas/`. */
export type SchemaName = 'scenario' | 'params';

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');
const loaded = new Map<SchemaName, AnySchemaObject>();
let ajv: Ajv | undefined;
const validators = new Map<SchemaName, ValidateFunction>();

/** The parsed JSON Schema `schemas/<name>.schema.json` (read once). */
export function schemaOf(name: SchemaName): AnySchemaObject {
  let s = loaded.get(name);
  if (!s) {
    s = JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8')) as AnySchemaObject;
    loaded.set(name, s);
  }
  return s;
}

/**
 * The compiled ajv validator of a schema. It fills defaults in place
 * (`useDefaults`), rejects NaN and Infinity as numbers (`strictNumbers`),
 * reports every problem (`allErrors`) with the failing
 * value and subschema (`verbose`), and runs in strict mode so a schema
 * mistake fails loudly. `x-expected` is an annotation: the phrase error
 * messages use for what a field expects where a regex would be unreadable.
 */
export function validatorOf(name: SchemaName): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    ajv ??= new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: true, strictNumbers: true }).addKeyword({
      keyword: 'x-expected',
      schemaType: 'string',
    });
    v = ajv.compile(schemaOf(name));
    validators.set(name, v);
  }
  return v;
}
