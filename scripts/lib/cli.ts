import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatError, githubAnnotation, type ContentError } from '../../src/adapters/content/errors.ts';

/**
 * Parse command-line options; `-h`/`--help` prints the usage. On a mistake (an unknown flag, a
 * stray argument) print the problem and the usage, and exit 2, instead of a stack trace.
 */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(options: O, usage: string) {
  const args = process.argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}

/**
 * Print content errors as `file:line:col field: message` on stderr and, under GitHub Actions,
 * as `::error` annotations on stdout, so pull-request authors see them inline.
 */
export function printContentErrors(errors: readonly ContentError[]): void {
  for (const e of errors) console.error(formatError(e));
  if (process.env.GITHUB_ACTIONS === 'true') for (const e of errors) console.log(githubAnnotation(e));
}

/** Print warnings like errors (`file:line:col field: warning: …`), as `::warning` annotations under GitHub Actions. */
export function printContentWarnings(warnings: readonly ContentError[]): void {
  for (const w of warnings) console.error(formatError(w));
  if (process.env.GITHUB_ACTIONS === 'true') for (const w of warnings) console.log(githubAnnotation(w).replace(/^::error /, '::warning '));
}

/**
 * Remove the Prometheus credentials (every `PROMETHEUS_*` variable) from an environment. Only
 * `npm run fetch` needs them; the build drops them before it starts, so nothing it runs can read them.
 */
export function dropCredentials(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(env)) if (name.startsWith('PROMETHEUS_')) delete env[name];
}
