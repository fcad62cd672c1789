import { InputError } from '../core/errors.ts';
import { formatPath } from '../scenario/problems.ts';
import { optionProblems } from '../scenario/optionProblems.ts';
import type { TrainingEngine } from './engines/engine.ts';

/**
 * A stage's options as its engine gets them: checked against the engine's
 * optionsSchema, if it declares one, with the defaults filled in (a copy).
 * The scenario loader already reported problems with their line and column
 * (loadRunnableScenario); this repeats the check for callers that skip it
 * (tests, the claim properties) and throws an InputError listing them.
 */
export function checkedOptions(engine: TrainingEngine, options: Record<string, unknown>, where: string): Record<string, unknown> {
  const out = structuredClone(options);
  if (!engine.optionsSchema) return out;
  const problems = optionProblems(engine.optionsSchema, out, where.split('.'));
  if (problems.length) {
    const list = problems.map((p) => `${formatPath(p.path)}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`).join('; ');
    throw new InputError(where, `options of engine '${engine.name}' do not match its optionsSchema: ${list}`);
  }
  return out;
}
