import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// A user's engine anywhere on disk imports the public API by name (moe-repro/engine), as it does
// under the moe-repro command (src/loader/userModules.mjs): each subpath of package.json's
// "exports" resolves to its file here, whatever folder the importing module is in.
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { name: string; exports: Record<string, string> };
const alias = Object.entries(pkg.exports).map(([sub, target]) => ({
  find: new RegExp(`^${pkg.name}${sub.slice(1).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
  replacement: fileURLToPath(new URL(target, import.meta.url)),
}));

// The end-to-end command tests that spawn many moe-repro processes (sweeps in shards, kill-and-resume, the
// engine checker): about a fifth of the suite's CPU time and no part of the theory check. `npm test` leaves
// them out to stay within its time budget; `npm run test:integration` runs them alone, and CI (.ci/run) runs both.
const INTEGRATION = ['src/cli/commands/shards.test.ts', 'src/cli/commands/run.resume.test.ts', 'tools/checkEngine.test.ts'];
const integrationOnly = process.env.MOE_TEST_SET === 'integration';
// The selection is this run's alone: a vitest that a test starts (check-engine, the mutant harness) picks its own files.
delete process.env.MOE_TEST_SET;

// The two property files of whole pipeline runs at the paper's setting and in the claims' regimes: together about
// two thirds of the suite's test time (215 s and 127 s of 507 s in one CI=true npm test), each several times longer
// than any other file. vitest orders files it has
// no timings for (a fresh clone, CI) by size, which would start these small files last and leave one core idle
// while the other finishes them; they start first, one per core, and the other files fill in around them.
const LONGEST_FIRST = ['properties/paperSetting.prop.test.ts', 'properties/claims.prop.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const k = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(`/${name}`));
      return k < 0 ? LONGEST_FIRST.length : k;
    };
    // Array.prototype.sort is stable: the other files keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  resolve: { alias },
  test: {
    include: integrationOnly ? INTEGRATION : ['src/**/*.test.ts', 'test-support/**/*.test.ts', 'properties/**/*.test.ts', 'tools/**/*.test.ts'],
    exclude: integrationOnly ? configDefaults.exclude : [...configDefaults.exclude, ...INTEGRATION],
    testTimeout: 60_000,
    sequence: { sequencer: LongestFirst },
    // Test files share a worker's module cache instead of re-importing the project for each file: on 2 cores
    // `npx vitest run src` took 93 s isolated and 69 s shared, the same 511 tests passing. No test file relies on a
    // fresh module state (each sets what it needs: the fast-check configuration comes from setupFiles, per file).
    isolate: false,
    // One test file per core. vitest's default leaves one core to its main process (cores - 1), which on
    // a 2-core machine runs the files one at a time; the main process is idle while files run.
    maxWorkers: availableParallelism(),
    // One fast-check configuration (seed pinned under CI, FC_* knobs) for every test file, src/ ones too.
    setupFiles: ['test-support/fcConfig.ts'],
    // Every test gets a private temporary directory; the run fails if it or the work tree gained files.
    globalSetup: ['test-support/leftovers.ts'],
    // fast-check prints the seed and path of a failing run; keep them visible. A JUnit report under CI
    // (reports/junit.xml) or wherever MOE_JUNIT_FILE says (check-engine's --junit, also when run under CI).
    reporters: process.env.CI || process.env.MOE_JUNIT_FILE
      ? ['default', ['junit', { outputFile: process.env.MOE_JUNIT_FILE ?? 'reports/junit.xml' }]]
      : ['default'],
  },
});
