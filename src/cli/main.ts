import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { DivergenceError, InputError } from '../core/errors.ts';

/** A subcommand module in `src/cli/commands/`: it adds itself to the program. */
export interface CommandModule {
  register(program: Command): void;
}

/**
 * Runs the CLI and returns the exit code: 0 success, 1 a failed run or check
 * (divergence, a claim that failed where asked to gate), 2 bad input.
 * Every file in `commands/` (not a test) registers one subcommand.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('moe-repro')
    .description('Reproduce and check the theory of soft-routed MoE training (Liao & Kyrillidis 2025).')
    .exitOverride()
    .showHelpAfterError();
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
  const files = readdirSync(dir)
    .filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f))
    .sort();
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as CommandModule;
    mod.register(program);
  }
  try {
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
