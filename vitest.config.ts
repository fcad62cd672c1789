import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test-support/**/*.test.ts', 'properties/**/*.test.ts', 'tools/**/*.test.ts'],
    testTimeout: 60_000,
    // One fast-check configuration (seed pinned under CI, FC_* knobs) for every test file, src/ ones too.
    setupFiles: ['test-support/fcConfig.ts'],
    // Every test gets a private temporary directory; the run fails if it or the work tree gained files.
    globalSetup: ['test-support/leftovers.ts'],
    // fast-check prints the seed and path of a failing run; keep them visible.
    reporters: process.env.CI ? ['default', ['junit', { outputFile: 'reports/junit.xml' }]] : ['default'],
  },
});
