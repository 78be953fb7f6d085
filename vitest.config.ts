import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds of one project wait for each other (scripts/lib/build-lock.ts): room for a few in a row on a busy machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    coverage: {
      provider: 'v8',
      // The pure code: the engine, chart data and specs, and the pages' view models.
      include: ['src/core/**/*.ts', 'src/charts/data.ts', 'src/charts/specs.ts', 'src/site/slo-page.ts', 'src/site/definitions.ts', 'src/site/format.ts'],
      exclude: ['src/**/*.test.ts', 'src/core/test-fixtures.ts', 'src/core/index.ts'],
      reporter: ['text-summary', 'text'],
      // A floor on the pure code: every formula there has a test.
      thresholds: { statements: 98, branches: 95, functions: 98, lines: 98 },
    },
  },
});
