import { pathToFileURL } from 'node:url';
import type { CommandEngine } from '../generated/scenario.ts';
import { InputError } from '../core/errors.ts';
import { commandEngine } from './engines/command/commandEngine.ts';
import { optionsValidator } from '../scenario/optionProblems.ts';
import { isModulePath, resolveModulePath } from '../scenario/modulePath.ts';
import type { TrainingEngine } from './engines/engine.ts';
import { flowEngine } from './engines/flowEngine.ts';
import { Registry } from './registry.ts';
import { bestAligned } from './pruning/bestAligned.ts';
import { cancelGroups } from './pruning/cancelGroups.ts';
import type { PruningRule } from './pruning/rule.ts';

/** Built-in training engines by name. */
export const engines = new Registry<TrainingEngine>('training engine');
engines.register(flowEngine);

/** Built-in pruning rules by name. */
export const pruningRules = new Registry<PruningRule>('pruning rule');
pruningRules.register(cancelGroups);
pruningRules.register(bestAligned);

/**
 * The engine a scenario names: a registered name, a path (relative to the
 * scenario file) to a module exporting a TrainingEngine as `default` or
 * `engine`, or an external program (`{ command: [...] }`).
 */
export async function resolveEngine(spec: string | CommandEngine, scenarioFile: string, where: string): Promise<TrainingEngine> {
  if (typeof spec === 'object') return withCheckedSchema(commandEngine(spec, scenarioFile, where), `${where}.optionsSchema`);
  if (!isModulePath(spec)) {
    if (spec === 'sgd' && !engines.has('sgd')) engines.register((await import('./engines/sgdEngine.ts')).sgdEngine);
    return engines.get(spec, where);
  }
  const isEngine = (x: unknown) => typeof (x as TrainingEngine).train === 'function';
  const engine = await loadUserExport<TrainingEngine>(spec, scenarioFile, where, ['default', 'engine'], isEngine, 'a training engine ({ name, train(input) })');
  return withCheckedSchema(engine, `${where} (${spec}): optionsSchema`);
}

/** The engine, once its optionsSchema (if any) compiles as a JSON Schema; else an InputError naming it. */
function withCheckedSchema(engine: TrainingEngine, where: string): TrainingEngine {
  if (engine.optionsSchema === undefined) return engine;
  try {
    if (engine.optionsSchema === null || typeof engine.optionsSchema !== 'object') throw new Error(`found ${typeof engine.optionsSchema}`);
    optionsValidator(engine.optionsSchema);
  } catch (e) {
    throw new InputError(
      where,
      `not a valid JSON Schema (draft-07): ${(e as Error).message}; fix the schema (see the options schema of examples/python-engine/)`,
    );
  }
  return engine;
}

/** The pruning rule a scenario names (a registered name or a user module exporting `default` or `pruningRule`). */
export async function resolvePruningRule(spec: string, scenarioFile: string, where: string): Promise<PruningRule> {
  if (!isModulePath(spec)) return pruningRules.get(spec, where);
  return loadUserExport(spec, scenarioFile, where, ['default', 'pruningRule'], (x) => typeof (x as PruningRule).prune === 'function', 'a pruning rule ({ name, prune(input) })');
}

async function loadUserExport<T>(
  spec: string, scenarioFile: string, where: string, names: string[], ok: (x: unknown) => boolean, what: string,
): Promise<T> {
  const path = resolveModulePath(scenarioFile, spec);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new InputError(
      where,
      `cannot load module ${path}: ${(e as Error).message.split('\n')[0]}; check the path (relative to the scenario file) and that the module compiles`,
    );
  }
  for (const n of names) if (mod[n] && ok(mod[n])) return mod[n] as T;
  throw new InputError(where, `module ${path} exports no ${what} as ${names.map((n) => `'${n}'`).join(' or ')}; see scenarios/examples/`);
}
