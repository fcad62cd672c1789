import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A fresh folder under os.tmpdir() for the test file that calls this (at
 * module level or in a describe block, not inside a test, where an afterAll
 * never runs), removed with everything in it after that file's tests. `npm test` fails when a test leaves a file behind
 * (test-support/leftovers.ts), so every test that writes files writes them here.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `moe-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
