import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { expandSweep } from '../../scenario/expandSweep.ts';
import { fileKind } from '../../scenario/fileKind.ts';
import { parseParams } from '../../scenario/loadParams.ts';
import { parseScenario } from '../../scenario/loadScenario.ts';

/** The outcome of validating some files: one ok line per good file, the error text of each bad one. */
export interface ValidateOutcome {
  readonly ok: string[];
  readonly errors: string[];
}

/**
 * Validates scenario and parameter files (told apart by content, see
 * fileKind): `FILE: ok (N sweep points)` for a scenario, `FILE: ok
 * (parameters: d = .., m* = .., m = ..)` for a parameter file, else every
 * problem as `FILE:LINE:COL: PATH: expected ..., found ...; fix`.
 */
export function validateFiles(files: readonly string[]): ValidateOutcome {
  const ok: string[] = [];
  const errors: string[] = [];
  for (const file of files) {
    try {
      ok.push(validateOne(file));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(e.message);
    }
  }
  return { ok, errors };
}

function validateOne(file: string): string {
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
  const { scenario } = parseScenario(text, file);
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
    .action((files: string[]) => {
      const { ok, errors } = validateFiles(files);
      for (const line of ok) process.stdout.write(`${line}\n`);
      if (errors.length) {
        throw new InputError('validate', `${errors.length} of ${files.length} file${files.length === 1 ? '' : 's'} invalid:\n${errors.join('\n')}`);
      }
    });
}
