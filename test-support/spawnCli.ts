import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `moe-repro` entry point (bin/moe-repro.mjs) of this checkout. */
export const BIN = fileURLToPath(new URL('../bin/moe-repro.mjs', import.meta.url));

/** How a spawned CLI process ended, and what it printed. */
export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** A running `moe-repro` process: the child (to signal it) and its end. */
export interface SpawnedCli {
  child: ChildProcess;
  /** Everything printed so far on stderr (grows while it runs). */
  stderr(): string;
  done: Promise<CliExit>;
}

/**
 * Starts `node bin/moe-repro.mjs ...args` as its own process, as a user's
 * shell would (for what in-process runs cannot show: signals, kills, exit
 * statuses, locks held by another process). `env` is added to this
 * process's environment.
 */
export function spawnCli(args: string[], env: Record<string, string> = {}, cwd?: string): SpawnedCli {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const done = new Promise<CliExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
  return { child, stderr: () => err, done };
}
