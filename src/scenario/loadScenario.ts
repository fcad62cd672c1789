import { readFileSync } from 'node:fs';
import type { AnySchemaObject } from 'ajv';
import type { Scenario, Sweep } from '../generated/scenario.ts';
import { InputError } from '../core/errors.ts';
import { FileProblemsError, tidyProblems, type Problem } from './problems.ts';
import { schemaProblems, type RawProblem } from './schemaProblems.ts';
import { schemaOf, validatorOf } from './schemas.ts';
import { axesProblems, sweepProblems } from './sweepProblems.ts';
import { locatedProblem, parseYamlSource, type YamlSource } from './yamlSource.ts';

/** A loaded scenario: resolved (every default filled), with the file it came from and its text. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly file: string;
  readonly text: string;
}

/**
 * Reads and validates a scenario file (YAML with comments, or JSON). See
 * parseScenario for what is checked. Throws InputError when the file cannot
 * be read, FileProblemsError (an InputError) listing every problem otherwise.
 */
export function loadScenario(path: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, `cannot read the scenario file (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the path`);
  }
  return parseScenario(text, path);
}

/**
 * Parses scenario text as if read from `fileName` (which names the file in
 * messages and anchors the paths of user modules). Checks, in order: YAML
 * syntax; the schema (schemas/scenario.schema.json: types, ranges, enums,
 * required keys, unknown keys, with defaults filled in); then what the schema
 * cannot say (teacher geometry against d and m*, explicit rows, user modules
 * exist) and the sweep (fields exist, every grid point valid). Each problem
 * reads `FILE:LINE:COL: PATH: expected ..., found ...; fix`.
 */
export function parseScenario(text: string, fileName: string): LoadedScenario {
  const src = parseYamlSource(text);
  if (src.syntaxProblems.length) throw new FileProblemsError(fileName, tidyProblems(src.syntaxProblems));
  const data: unknown = src.doc.toJS();
  const root = schemaOf('scenario');
  const validate = validatorOf('scenario');
  if (!validate(data)) fail(fileName, src, [...schemaProblems(root, validate.errors ?? [], data), ...earlyAxes(root, data)]);
  const scenario = data as Scenario;
  const later = sweepProblems(root, scenario, fileName);
  if (later.length) fail(fileName, src, later);
  return { scenario, file: fileName, text };
}

/** Axis-field problems of a sweep that is well formed even though the scenario is not. */
function earlyAxes(root: AnySchemaObject, data: unknown): RawProblem[] {
  const sweep = (data as { sweep?: unknown } | null)?.sweep as { over?: unknown } | undefined;
  const over = sweep?.over;
  const wellFormed =
    Array.isArray(over) && over.length > 0 &&
    over.every((a) => typeof a?.field === 'string' && Array.isArray(a?.values) && a.values.length > 0);
  return wellFormed ? axesProblems(root, { over, replicates: 1 } as Sweep) : [];
}

function fail(file: string, src: YamlSource, raw: readonly RawProblem[]): never {
  const located: Problem[] = raw.map((p) => locatedProblem(src, p.path, p.message, p.hint, p.part, p.at));
  throw new FileProblemsError(file, tidyProblems(located));
}
