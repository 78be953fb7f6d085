// @ts-check
/**
 * Mutation testing (`npm run mutate`): Stryker changes the pure code one small edit at a time
 * (a `<` for a `<=`, a constant, a removed branch) and runs the unit tests beside it. A mutant the
 * tests do not notice is a line the tests do not really check. Not part of `npm test`.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  // The unit tests only (src/**/*.test.ts): the pure code must be pinned by the tests beside it,
  // not by a site build that happens to pass through it.
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: [
    'src/core/**/*.ts',
    '!src/core/**/*.test.ts',
    '!src/core/test-fixtures.ts',
    '!src/core/index.ts',
    'src/charts/data.ts',
    'src/charts/specs.ts',
    'src/site/slo-page.ts',
    'src/site/format.ts',
    'src/site/definitions.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // On a busy machine a test run can take several times its dry-run time; a mutant that really
  // loops forever is caught by Stryker's hit counter long before this.
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 95, low: 90, break: null },
};
