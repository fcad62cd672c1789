import type { Scenario } from '../generated/scenario.ts';
import { expandSweep } from '../scenario/expandSweep.ts';
import { loadScenario, parseScenario, type LoadedScenario } from '../scenario/loadScenario.ts';
import { engineKey, type EngineSchemas } from '../scenario/optionProblems.ts';
import type { CommandLineOverride } from '../scenario/overrides.ts';
import { formatProblem } from '../scenario/problems.ts';
import { locatedProblem, parseYamlSource } from '../scenario/yamlSource.ts';
import { resolveEngine } from './resolve.ts';

/** A scenario ready to run, and what the user should know that is not an error. */
export interface RunnableScenario {
  loaded: LoadedScenario;
  /** `FILE:LINE:COL: PATH: ...` lines, e.g. options of an engine that declares no schema. */
  warnings: string[];
}

/**
 * Loads a scenario as `moe-repro run` and `validate` need it: every check of
 * loadScenario, then the user engines it names (every sweep point's) are
 * loaded, so that a module that does not load fails now, and each stage's
 * `options` is checked against its engine's optionsSchema with the same
 * FILE:LINE:COL problems as the rest of the file (defaults filled in).
 * Options of an engine without a schema are passed on unchecked, with a warning.
 */
export async function loadRunnableScenario(file: string, overrides: readonly CommandLineOverride[] = []): Promise<RunnableScenario> {
  const first = loadScenario(file, overrides);
  const schemas = new Map<string, Record<string, unknown> | null>();
  const unchecked = new Set<string>();
  for (const { scenario } of expandSweep(first.scenario)) {
    for (const stage of ['featureLearning', 'fineTuning'] as const) {
      const spec = scenario[stage].engine;
      if (spec === 'flow' || spec === 'sgd') continue;
      const key = engineKey(spec);
      if (!schemas.has(key)) schemas.set(key, (await resolveEngine(spec, file, `${stage}.engine`)).optionsSchema ?? null);
      if (!schemas.get(key) && Object.keys(scenario[stage].options ?? {}).length) unchecked.add(stage);
    }
  }
  if (schemas.size === 0) return { loaded: first, warnings: [] };
  const loaded = parseScenario(first.text, file, overrides, schemas as EngineSchemas);
  return { loaded, warnings: [...unchecked].map((stage) => uncheckedWarning(loaded, stage as 'featureLearning' | 'fineTuning')) };
}

function uncheckedWarning(loaded: LoadedScenario, stage: 'featureLearning' | 'fineTuning'): string {
  const spec = (loaded.scenario as Scenario)[stage].engine;
  const message = `engine ${JSON.stringify(spec)} declares no optionsSchema, so these options reach it unchecked (a misspelt key is silently ignored)`;
  const hint = typeof spec === 'string'
    ? 'export optionsSchema (a JSON Schema) from the engine module'
    : 'add optionsSchema: ./options.schema.json to the engine';
  const p = locatedProblem(parseYamlSource(loaded.text), [stage, 'options'], message, hint, 'key');
  return formatProblem(loaded.file, p);
}
