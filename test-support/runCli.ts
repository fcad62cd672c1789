import { vi } from 'vitest';
import { main } from '../src/cli/main.ts';

/** What one in-process CLI run produced. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `moe-repro ...args` in this process through the real entry point
 * (src/cli/main.ts: every command registered, errors mapped to exit codes)
 * and captures stdout and stderr.
 */
export async function runCli(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const before = process.exitCode;
  try {
    const code = await main(['node', 'moe-repro', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = before;
  }
}
