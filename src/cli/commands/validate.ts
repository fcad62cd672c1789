import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { expandSweep } from '../../scenario/expandSweep.ts';
import { fileKind } from '../../scenario/fileKind.ts';
import { parseParams } from '../../scenario/loadParams.ts';
import { loadRunnableScenario } from '../../pipeline/loadRunnableScenario.ts';

/** The outcome of validating some files: one ok line per good file, the error text of each bad one, warnings. */
export interface ValidateOutcome {
  readonly ok: string[];
  readonly errors: string[];
  readonly warnings: string[];
}

/**
 * Validates scenario and parameter files (told apart by content, see
 * fileKind): `FILE: ok (N sweep points)` for a scenario, `FILE: ok
 * (parameters: d = .., m* = .., m = ..)` for a parameter file, else every
 * problem as `FILE:LINE:COL: PATH: expected ..., found ...; fix`. User
 * engines named by a scenario are loaded and their options checked against
 * their optionsSchema.
 */
export async function validateFiles(files: readonly string[]): Promise<ValidateOutcome> {
  const ok: string[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const file of files) {
    try {
      ok.push(await validateOne(file, warnings));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(e.message);
    }
  }
  return { ok, errors, warnings };
}

async function validateOne(file: string, warnings: string[]): Promise<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the path`);
  }
  if (fileKind(text) === 'params') {
    const p = parseParams(text, file);
    return `${file}: ok (parameters: d = ${p.d}, m* = ${p.teacher.routers.rows}, m = ${p.student.routers.rows})`;
  }
  const runnable = await loadRunnableScenario(file);
  warnings.push(...runnable.warnings);
  const { scenario } = runnable.loaded;
  const runs = expandSweep(scenario).length;
  const replicates = scenario.sweep?.replicates ?? 1;
  const points = runs / replicates;
  const what = `${points} sweep point${points === 1 ? '' : 's'}${replicates > 1 ? ` x ${replicates} replicates = ${runs} runs` : ''}`;
  return `${file}: ok (${what})`;
}

/** `moe-repro validate FILE...`: exit 0 when every file is valid, 2 otherwise. */
export function register(program: Command): Command {
  return program
    .command('validate')
    .argument('<files...>', 'scenario or parameter files')
    .action(async (files: string[]) => {
      const { ok, errors, warnings } = await validateFiles(files);
      for (const line of ok) process.stdout.write(`${line}\n`);
      for (const line of warnings) process.stderr.write(`moe-repro: warning: ${line}\n`);
      if (errors.length) {
        throw new InputError('validate', `${errors.length} of ${files.length} file${files.length === 1 ? '' : 's'} invalid:\n${errors.join('\n')}`);
      }
    });
}
