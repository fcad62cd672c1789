import { readFileSync } from 'node:fs';
import type { AnySchemaObject } from 'ajv';
import type { Scenario, Sweep } from '../generated/scenario.ts';
import { InputError } from '../core/errors.ts';
import { FileProblemsError, tidyProblems, type Problem } from './problems.ts';
import { schemaProblems, type RawProblem } from './schemaProblems.ts';
import { schemaOf, validatorOf } from './schemas.ts';
import { axesProblems, sweepProblems } from './sweepProblems.ts';
import { locatedProblem, parseYamlSource, type YamlSource } from './yamlSource.ts';
import type { EngineSchemas } from './optionProblems.ts';
import { applyOverrides, involvedOverride, overrideProblem, type CommandLineOverride } from './overrides.ts';

/** A loaded scenario: resolved (every default filled), with the file it came from and its text. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly file: string;
  readonly text: string;
  /** The command-line overrides applied on top of the file (`--set FIELD=VALUE`, as typed), in order. */
  readonly overrides?: readonly string[];
}

/**
 * Reads and validates a scenario file (YAML with comments, or JSON). See
 * parseScenario for what is checked. Throws InputError when the file cannot
 * be read, FileProblemsError (an InputError) listing every problem otherwise.
 */
export function loadScenario(path: string, overrides: readonly CommandLineOverride[] = []): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, `cannot read the scenario file (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the path`);
  }
  return parseScenario(text, path, overrides);
}

/**
 * Parses scenario text as if read from `fileName` (which names the file in
 * messages and anchors the paths of user modules). Checks, in order: YAML
 * syntax; the schema (schemas/scenario.schema.json: types, ranges, enums,
 * required keys, unknown keys, with defaults filled in); then what the schema
 * cannot say (teacher geometry against d and m*, explicit rows, user modules
 * exist) and the sweep (fields exist, every grid point valid). Each problem
 * reads `FILE:LINE:COL: PATH: expected ..., found ...; fix`.
 *
 * `overrides` (`moe-repro run --set FIELD=VALUE`) are set on the parsed file
 * before any check, so they are validated exactly like the file; a problem
 * they cause reads `--set FIELD=VALUE:1:COL: PATH: ...` instead. An override
 * of a field the sweep sets is refused (the sweep would replace it).
 * `schemas` holds the options schemas of the user engines named (read by
 * loadRunnableScenario, which has to import the modules).
 */
export function parseScenario(text: string, fileName: string, overrides: readonly CommandLineOverride[] = [], schemas?: EngineSchemas): LoadedScenario {
  const src = parseYamlSource(text);
  if (src.syntaxProblems.length) throw new FileProblemsError(fileName, tidyProblems(src.syntaxProblems));
  const data: unknown = applyOverrides(src.doc.toJS(), overrides);
  const root = schemaOf('scenario');
  const validate = validatorOf('scenario');
  if (!validate(data)) fail(fileName, src, [...schemaProblems(root, validate.errors ?? [], data), ...earlyAxes(root, data)], overrides);
  const scenario = data as Scenario;
  const later = [...sweptOverrides(scenario, overrides), ...sweepProblems(root, scenario, fileName, schemas)];
  if (later.length) fail(fileName, src, later, overrides);
  return { scenario, file: fileName, text, ...(overrides.length ? { overrides: overrides.map((o) => o.text) } : {}) };
}

/** Overrides of a field that a sweep axis sets at every point (they would have no effect). */
function sweptOverrides(s: Scenario, overrides: readonly CommandLineOverride[]): RawProblem[] {
  const axes = s.sweep?.over ?? [];
  return overrides.flatMap((o) => {
    const k = axes.findIndex((a) => a.field === o.field || a.field.startsWith(`${o.field}.`) || o.field.startsWith(`${a.field}.`));
    if (k < 0) return [];
    const field = axes[k].field;
    return [{
      path: o.path,
      message: `'${o.field}' is set by sweep.over[${k}] ('${field}') at every point, which would replace this override`,
      hint: `override the axis instead, e.g. --set 'sweep.over=[{field: ${field}, values: [...]}]', or remove the override`,
    }];
  });
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

function fail(file: string, src: YamlSource, raw: readonly RawProblem[], overrides: readonly CommandLineOverride[]): never {
  const located: Problem[] = raw.map((p) =>
    overrideProblem(overrides, p.path, p.message, p.hint, p.part) ??
    involvedOverride(overrides, p.path, p.involves, p.message, p.hint) ??
    locatedProblem(src, p.path, p.message, p.hint, p.part, p.at));
  throw new FileProblemsError(file, tidyProblems(located));
}
