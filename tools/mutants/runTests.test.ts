import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../../test-support/tempDir.ts';
import { classifyRun, typecheck, type VitestJsonReport } from './runTests.ts';

const DIR = '/ws';
const file = (name: string, tests: { fullName: string; status: string; failureMessages?: string[] }[], status = 'passed', message?: string) =>
  ({ name: `${DIR}/${name}`, status, message, assertionResults: tests });
const report = (...files: ReturnType<typeof file>[]): VitestJsonReport => ({ testResults: files });

describe('the mutant harness tells a caught mutant from a broken one', () => {
  const tmp = tempDir('typecheck-test');
  test('tests failing on their checks catch; all passing is a survivor', () => {
    const failed = classifyRun(1, report(file('a.test.ts', [
      { fullName: 'loss >= 0', status: 'failed', failureMessages: ['Error: Property failed after 3 tests\nGot AssertionError: expected -0.2 to be >= 0'] },
      { fullName: 'zero at the teacher', status: 'passed' },
    ], 'failed')), '', DIR);
    expect(failed).toMatchObject({ status: 'failed', failed: ['a.test.ts > loss >= 0'], passed: 1 });
    expect(classifyRun(0, report(file('a.test.ts', [{ fullName: 't', status: 'passed' }])), '', DIR).status).toBe('passed');
  });

  test('a runtime error of the mutated code, a suite that cannot load, a crash without a report, or a failed exit without failures: invalid', () => {
    const typeError = classifyRun(1, report(file('a.test.ts', [
      { fullName: 'p', status: 'failed', failureMessages: ["TypeError: Cannot read properties of undefined (reading 'rows')\n    at f (src/x.ts:1:1)"] },
    ], 'failed')), '', DIR);
    expect(typeError.status).toBe('invalid');
    expect(typeError.note).toContain("TypeError: Cannot read properties of undefined (reading 'rows')");
    const inProperty = classifyRun(1, report(file('a.test.ts', [
      { fullName: 'p', status: 'failed', failureMessages: ['Error: Property failed after 1 tests\n{ seed: 1 }\nGot ReferenceError: he3 is not defined'] },
    ], 'failed')), '', DIR);
    expect(inProperty.status).toBe('invalid');
    const crashed = report(file('b.test.ts', [], 'failed', 'SyntaxError: Unexpected token'));
    expect(classifyRun(1, crashed, '', DIR)).toMatchObject({ status: 'invalid', note: expect.stringContaining('suite failed to load') });
    expect(classifyRun(null, undefined, 'Segmentation fault\n', DIR)).toMatchObject({ status: 'invalid', note: expect.stringContaining('no test report') });
    expect(classifyRun(1, report(file('a.test.ts', [{ fullName: 't', status: 'passed' }])), 'Error: worker exited\n', DIR).status).toBe('invalid');
  });

  test('a workspace that does not type-check is reported with its errors, one that does with none', async () => {
    const dir = tmp;
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['src'] }));
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const x: number = 1;\n');
    expect(await typecheck(dir)).toBe('');
    writeFileSync(join(dir, 'src', 'a.ts'), "export const x: number = 'one';\n");
    expect(await typecheck(dir)).toMatch(/src\/a\.ts\(1,14\): error TS2322/);
  });
});
