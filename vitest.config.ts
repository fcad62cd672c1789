import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test-support/**/*.test.ts', 'properties/**/*.test.ts', 'tools/**/*.test.ts'],
    testTimeout: 60_000,
    // fast-check prints the seed and path of a failing run; keep them visible.
    reporters: process.env.CI ? ['default', ['junit', { outputFile: 'reports/junit.xml' }]] : ['default'],
  },
});
