import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import type { DataPath } from './problems.ts';
import { schemaProblems, type RawProblem } from './schemaProblems.ts';

/** JSON Schemas of user engines' options, by engine key (engineKey); null for an engine that declares none. */
export type EngineSchemas = ReadonlyMap<string, Record<string, unknown> | null>;

/** The key of an engine spec of a scenario: the module path or name as written, or the command object as JSON. */
export function engineKey(spec: string | object): string {
  return typeof spec === 'string' ? spec : JSON.stringify(spec);
}

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * The validator of an engine's options schema (JSON Schema draft-07, compiled
 * once per schema object). Like the scenario's: every problem, defaults
 * filled in place, NaN and Infinity refused; not strict, so a user's schema
 * may carry keywords ajv does not know (annotations). A schema that does not
 * compile throws an Error naming the reason (the caller names the engine).
 */
export function optionsValidator(schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    ajv ??= new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: false, strictNumbers: true });
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/**
 * Problems of a stage's `options` against its engine's schema, as problems of
 * the scenario at `prefix` (e.g. featureLearning.options.learningRate): an
 * unknown key with the closest known one, a wrong type or range with what is
 * expected. Fills the schema's defaults into `options` (in place).
 */
export function optionProblems(schema: Record<string, unknown>, options: Record<string, unknown>, prefix: DataPath): RawProblem[] {
  const validate = optionsValidator(schema);
  if (validate(options)) return [];
  return schemaProblems(schema as AnySchemaObject, validate.errors ?? [], options).map((p) => ({
    ...p, path: [...prefix, ...p.path], ...(p.at ? { at: [...prefix, ...p.at] } : {}),
  }));
}
