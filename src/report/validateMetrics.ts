import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Metrics } from '../generated/metrics.ts';
import { consistencyProblems } from './consistency.ts';

/** Location of the metrics schema (repository-relative), named in error messages. */
export const METRICS_SCHEMA_FILE = 'schemas/metrics.schema.json';

/**
 * A metrics object that does not match schemas/metrics.schema.json (or is
 * inconsistent in a way the schema cannot express, e.g. a matrix of the wrong
 * shape). This is a bug in whatever produced the metrics, not user input:
 * `path` is the JSON pointer of the first problem (ajv's `instancePath`).
 */
export class MetricsValidationError extends Error {
  constructor(
    /** JSON pointer into the metrics object, e.g. `/points/0/claims`. */
    readonly path: string,
    /** Every problem found, one per line, each starting with its path. */
    readonly problems: string[],
  ) {
    super(`metrics do not match ${METRICS_SCHEMA_FILE}:\n  ${problems.join('\n  ')}`);
    this.name = 'MetricsValidationError';
  }
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const url = new URL('../../schemas/metrics.schema.json', import.meta.url);
    const schema = JSON.parse(readFileSync(url, 'utf8')) as object;
    compiled = new Ajv({ allErrors: true, strictNumbers: true }).compile(schema);
  }
  return compiled;
}

/**
 * Checks `value` against the metrics schema, then the cross-field rules the
 * schema cannot state (matrix shapes m x m*, each run claim C1..C11 once, unique
 * point ids, kept + removed = all students). Throws MetricsValidationError
 * naming the path and the problem; returns normally when valid.
 */
export function validateMetrics(value: unknown): asserts value is Metrics {
  const validate = validator();
  if (!validate(value)) {
    const lines = readableErrors(validate.errors ?? []);
    throw new MetricsValidationError(lines[0]?.path ?? '', lines.map((l) => `at ${l.path || '/'}: ${l.message}`));
  }
  const problems = consistencyProblems(value as Metrics);
  if (problems.length) {
    throw new MetricsValidationError(problems[0].path, problems.map((p) => `at ${p.path}: ${p.problem}`));
  }
}

/**
 * ajv with allErrors reports wrapper errors (`if`, `anyOf`, `contains`) next
 * to the specific ones; keep the specific ones, and at most eight lines.
 */
function readableErrors(errors: ErrorObject[]): { path: string; message: string }[] {
  const wrappers = new Set(['if', 'anyOf', 'allOf']);
  const specific = errors.filter((e) => !wrappers.has(e.keyword) && !/\/contains\//.test(e.schemaPath));
  const chosen = specific.length ? specific : errors;
  const seen = new Set<string>();
  const out: { path: string; message: string }[] = [];
  for (const e of chosen) {
    const message = `${e.message ?? e.keyword}${describeParams(e)}`;
    const key = `${e.instancePath}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: e.instancePath, message });
  }
  return out.slice(0, 8);
}

function describeParams(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return ` ('${String(p.additionalProperty)}')`;
  if (e.keyword === 'enum') return ` (${JSON.stringify(p.allowedValues)})`;
  if (e.keyword === 'const') return ` (${JSON.stringify(p.allowedValue)})`;
  if (e.keyword === 'contains') return ' (a point must have a C1 claim)';
  return '';
}
