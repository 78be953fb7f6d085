import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 300_000,
    coverage: {
      provider: 'v8',
      include: ['src/core/**/*.ts'],
      exclude: ['src/core/**/*.test.ts', 'src/core/test-fixtures.ts', 'src/core/index.ts'],
      reporter: ['text-summary'],
      // A floor on the pure math: every formula there has a test.
      thresholds: { statements: 98, branches: 95, functions: 98, lines: 98 },
    },
  },
});
