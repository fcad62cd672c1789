import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The outcome of running some test files in a workspace. */
export interface TestRun {
  /** Names ("file > suite > test") of the tests that failed. */
  failed: string[];
  passed: number;
  /** True when vitest itself could not run (type or syntax error, crash): the mutant is then caught by the build. */
  crashed: boolean;
  /** First lines of the output, for a crash. */
  note: string;
  seconds: number;
}

/**
 * Runs `vitest run <files>` in `dir` with the JSON reporter and returns which
 * tests failed. The environment is passed through (FC_SEED etc. apply), with
 * CI unset so that vitest.config.ts does not write a JUnit file there.
 */
export async function runTests(dir: string, files: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<TestRun> {
  const out = join(dir, '.mutant-results.json');
  await rm(out, { force: true });
  const started = performance.now();
  const vitest = join(dir, 'node_modules', 'vitest', 'vitest.mjs');
  const args = [vitest, 'run', ...files, '--reporter=json', `--outputFile=${out}`];
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, CI: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (b) => (text += b));
    child.stderr.on('data', (b) => (text += b));
    child.on('close', (c) => resolve({ code: c, output: text }));
  });
  const seconds = (performance.now() - started) / 1000;
  let report: { testResults?: { name: string; assertionResults: { fullName: string; status: string }[]; status: string; message?: string }[] };
  try {
    report = JSON.parse(await readFile(out, 'utf8'));
  } catch {
    return { failed: [], passed: 0, crashed: true, note: output.split('\n').slice(0, 8).join('\n'), seconds };
  }
  const failed: string[] = [];
  let passed = 0;
  for (const file of report.testResults ?? []) {
    const name = file.name.slice(dir.length + 1);
    if (file.assertionResults.length === 0 && file.status === 'failed') failed.push(`${name} (suite failed to load: ${(file.message ?? '').split('\n')[0]})`);
    for (const t of file.assertionResults) {
      if (t.status === 'failed') failed.push(`${name} > ${t.fullName.replace(/ \(with seed=-?\d+\)$/, '')}`);
      else if (t.status === 'passed') passed++;
    }
  }
  return { failed, passed, crashed: code !== 0 && failed.length === 0, note: code !== 0 && failed.length === 0 ? output.split('\n').slice(-8).join('\n') : '', seconds };
}
