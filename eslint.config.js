// @ts-check
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';

/** What pure code may not reach for: I/O, the process, timers and the clock. */
const pure = {
  'no-restricted-globals': ['error', 'fetch', 'process', 'setTimeout', 'setInterval'],
  // "Now" is an argument of the math, never read from the clock.
  'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'pure code takes "now" as an argument.' }, { object: 'performance', property: 'now' }],
  'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'pure code takes "now" as an argument.' }],
};
const noIo = { group: ['node:*', 'fs', 'path', 'http', 'https', 'child_process'], message: 'pure code: no I/O.' };
const noAstro = { group: ['astro', 'astro:*', 'astro/*'], message: 'pure code must not depend on Astro.' };

export default tseslint.config(
  { ignores: ['dist/**', '.astro/**', '.tmp/**', 'node_modules/**', 'coverage/**', 'reports/**', '.stryker-tmp/**'] },
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The metric math is pure: no I/O, no Astro, nothing from adapters or the site.
    files: ['src/core/**/*.ts'],
    rules: {
      ...pure,
      'no-restricted-imports': ['error', {
        patterns: [noIo, noAstro, { group: ['**/adapters/**', '**/pages/**', '**/components/**', '**/layouts/**', '**/site/**', '**/charts/**'], message: 'src/core imports nothing from the rest of sitrep.' }],
      }],
    },
  },
  {
    // Chart data shaping and the pages' view models are pure too: engine results in, rows out.
    files: ['src/charts/**/*.ts', 'src/site/slo-page.ts', 'src/site/definitions.ts', 'src/site/format.ts', 'src/site/action-items.ts', 'src/site/metrics.ts'],
    rules: {
      ...pure,
      'no-restricted-imports': ['error', {
        patterns: [noIo, noAstro, { group: ['**/adapters/**', '**/pages/**', '**/components/**', '**/layouts/**'], message: 'view models take data, they do not load it.', allowTypeImports: true }],
      }],
    },
  },
);
