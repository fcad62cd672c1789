import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * How a run of test files against a workspace ended:
 * - 'passed': every test passed;
 * - 'failed': some tests failed on their assertions (a mutant is then caught);
 * - 'invalid': the run says nothing about the tests: vitest crashed or wrote
 *   no report, a suite failed to load, or a test failed with a JavaScript
 *   runtime error (TypeError, ReferenceError, SyntaxError, RangeError), i.e.
 *   the mutated code broke rather than computed something wrong. A mutant
 *   whose run is invalid is not counted as caught: it is a bad mutant.
 */
export type RunStatus = 'passed' | 'failed' | 'invalid';

/** The outcome of running some test files in a workspace. */
export interface TestRun {
  status: RunStatus;
  /** Names ("file > suite > test") of the tests that failed on their assertions. */
  failed: string[];
  /** The first line of each failed test's message, in the order of `failed` (why a baseline failed: an assertion, a timeout). */
  reasons: string[];
  passed: number;
  /** Why the run is invalid (first lines of the output or of the error), else ''. */
  note: string;
  seconds: number;
}

/** The parts of vitest's JSON report read here. */
export interface VitestJsonReport {
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

/** A failure message that is a JavaScript runtime error thrown by the code under test, not a failed check. */
const RUNTIME_ERROR = /(?:^|\n)\s*(?:Got )?(TypeError|ReferenceError|SyntaxError|RangeError):/;

/**
 * Classifies a vitest run from its exit code, its JSON report (undefined when
 * none was written) and its output: see {@link RunStatus}. `dir` is stripped
 * from the test file names.
 */
export function classifyRun(code: number | null, report: VitestJsonReport | undefined, output: string, dir: string): Omit<TestRun, 'seconds'> {
  const tail = (text: string) => text.split('\n').filter(Boolean).slice(-8).join('\n');
  if (!report) return { status: 'invalid', failed: [], reasons: [], passed: 0, note: `no test report: ${tail(output)}` };
  const failed: string[] = [];
  const reasons: string[] = [];
  const crashes: string[] = [];
  let passed = 0;
  for (const file of report.testResults ?? []) {
    const name = file.name.startsWith(dir) ? file.name.slice(dir.length + 1) : file.name;
    if (file.assertionResults.length === 0 && file.status === 'failed') {
      crashes.push(`${name}: suite failed to load: ${(file.message ?? '').split('\n')[0]}`);
    }
    for (const t of file.assertionResults) {
      const test = `${name} > ${t.fullName.replace(/ \(with seed=-?\d+\)$/, '')}`;
      if (t.status === 'passed') passed++;
      if (t.status !== 'failed') continue;
      const message = (t.failureMessages ?? []).join('\n');
      const runtime = RUNTIME_ERROR.exec(message);
      if (runtime) crashes.push(`${test}: ${message.split('\n').find((l) => l.includes(runtime[1])) ?? runtime[1]}`);
      else {
        failed.push(test);
        reasons.push(message.split('\n').find((l) => l.trim()) ?? '');
      }
    }
  }
  if (crashes.length) return { status: 'invalid', failed, reasons, passed, note: crashes.slice(0, 4).join('\n') };
  if (code !== 0 && failed.length === 0) {
    return { status: 'invalid', failed, reasons, passed, note: `vitest exited ${code} with no failing test: ${tail(output)}` };
  }
  return { status: failed.length ? 'failed' : 'passed', failed, reasons, passed, note: '' };
}

/**
 * Runs `vitest run <files>` in `dir` with the JSON reporter (its report is
 * written beside the workspace, not in it: the run fails if its work tree
 * gains a file) and classifies the outcome ({@link classifyRun}). The
 * environment is passed through (FC_SEED etc. apply), with CI unset so that
 * vitest.config.ts does not write a JUnit file there, and FC_ERROR_IN_REPORT
 * set so that a property's failure message names the error it got (the JSON
 * report drops fast-check's error cause).
 */
export async function runTests(dir: string, files: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<TestRun> {
  const out = `${dir}.results.json`;
  await rm(out, { force: true });
  const started = performance.now();
  const vitest = join(dir, 'node_modules', 'vitest', 'vitest.mjs');
  const args = [vitest, 'run', ...files, '--reporter=json', `--outputFile=${out}`];
  const { code, output } = await run(process.execPath, args, dir, { ...process.env, CI: '', FC_ERROR_IN_REPORT: '1', ...env });
  const seconds = (performance.now() - started) / 1000;
  let report: VitestJsonReport | undefined;
  try {
    report = JSON.parse(await readFile(out, 'utf8')) as VitestJsonReport;
  } catch {
    report = undefined;
  } finally {
    await rm(out, { force: true });
  }
  return { ...classifyRun(code, report, output, dir), seconds };
}

/**
 * Type-checks the workspace (`tsc --noEmit -p tsconfig.json`): a mutant that
 * does not compile is invalid, whatever its tests do (they run untyped).
 * Returns '' when it compiles, else the first errors.
 */
export async function typecheck(dir: string): Promise<string> {
  const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
  const { code, output } = await run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], dir, process.env);
  return code === 0 ? '' : output.split('\n').filter(Boolean).slice(0, 6).join('\n') || `tsc exited ${code}`;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (b) => (text += b));
    child.stderr.on('data', (b) => (text += b));
    child.on('close', (c) => resolve({ code: c, output: text }));
  });
}
