import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { DivergenceError, InputError } from '../core/errors.ts';

/** A subcommand module in `src/cli/commands/`: it adds itself to the program and returns its Command. */
export interface CommandModule {
  register(program: Command): Command;
}

/** A command of the CLI: its name, its one-line summary (shown by --help) and its module, loaded only when it runs. */
interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

/**
 * Every command. Only the one that runs is loaded (a command's module may
 * pull in tfjs, vega or the whole pipeline), so `--help` and `--version`
 * load none; src/cli/main.test.ts checks that this list names every module
 * in commands/.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'run', summary: 'run a scenario (feature learning -> pruning -> fine-tuning), evaluate claims C1-C6 and write the report',
    load: () => import('./commands/run.ts'),
  },
  { name: 'merge', summary: 'join the report folders of the shards of one sweep (run --shard i/n) into one report', load: () => import('./commands/merge.ts') },
  {
    name: 'validate', summary: 'check scenario files (YAML/JSON) and parameter files (JSON) against their schemas',
    load: () => import('./commands/validate.ts'),
  },
  { name: 'loss', summary: 'population loss 1/2 E[(f - f*)^2] of the student in PARAMS.json against its teacher', load: () => import('./commands/loss.ts') },
  { name: 'flow', summary: 'gradient flow on the exact population loss from the student in PARAMS.json', load: () => import('./commands/flow.ts') },
  { name: 'sgd', summary: 'online batch SGD on the unit spheres from the teacher and student in PARAMS.json (tfjs)', load: () => import('./commands/sgd.ts') },
];

/**
 * Runs the CLI and returns the exit code: 0 success, 1 a failed run or
 * check (divergence, metrics that fail validation, with `run --check` a
 * claim that fails), 2 bad input, 130 interrupted (set by `run` itself).
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('moe-repro')
    .description('Reproduce and check the theory of soft-routed MoE training (Liao & Kyrillidis, arXiv 2510.07205).')
    .version(version(), '-V, --version', 'print the moe-repro version')
    .exitOverride()
    .showHelpAfterError();
  const names = new Set(COMMANDS.map((c) => c.name));
  const wanted = argv.slice(2).find((a) => names.has(a));
  try {
    for (const c of COMMANDS) {
      if (c.name === wanted) (await c.load()).register(program).description(c.summary);
      else program.command(c.name).description(c.summary);
    }
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return reportError(e);
  }
}

/** Prints an error for a user and returns its exit code. */
export function reportError(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  if (e instanceof InputError) {
    process.stderr.write(`moe-repro: error: ${e.message}\n`);
    return 2;
  }
  if (e instanceof DivergenceError) {
    process.stderr.write(`moe-repro: diverged: ${e.message}\n`);
    return 1;
  }
  process.stderr.write(`moe-repro: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
