// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.astro/**', 'node_modules/**', 'coverage/**', '**/*.astro'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The metric math is pure: no I/O, no Astro, nothing from adapters or the site.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'http', 'https', 'child_process'], message: 'src/core is pure: no I/O.' },
          { group: ['astro', 'astro:*', 'astro/*'], message: 'src/core must not depend on Astro.' },
          { group: ['**/adapters/**', '**/pages/**', '**/components/**', '**/layouts/**', '**/site/**'], message: 'src/core imports nothing from the rest of sitrep.' },
        ],
      }],
      'no-restricted-globals': ['error', 'fetch', 'process', 'setTimeout', 'setInterval'],
      // "Now" is an argument of the math, never read from the clock.
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'src/core takes "now" as an argument.' }, { object: 'performance', property: 'now' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/core takes "now" as an argument.' }],
    },
  },
);
