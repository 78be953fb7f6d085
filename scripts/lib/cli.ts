import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isAbsolute, relative, resolve, sep } from 'node:path';
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
 * as `::error` annotations on stdout, so pull-request authors see them inline. `root` is the content
 * root the errors' paths are relative to (see annotationFile).
 */
export function printContentErrors(errors: readonly ContentError[], root?: string): void {
  for (const e of errors) console.error(formatError(e));
  if (process.env.GITHUB_ACTIONS === 'true') for (const e of errors) console.log(githubAnnotation(e, annotationFile(e.file, root)));
}

/** Print warnings like errors (`file:line:col field: warning: …`), as `::warning` annotations under GitHub Actions. */
export function printContentWarnings(warnings: readonly ContentError[], root?: string): void {
  for (const w of warnings) console.error(formatError(w));
  if (process.env.GITHUB_ACTIONS === 'true') for (const w of warnings) console.log(githubAnnotation(w, annotationFile(w.file, root)).replace(/^::error /, '::warning '));
}

/**
 * The path an annotation names: GitHub places it by its path in the repository, so an error's path
 * under the content root (`content/incidents/x.yaml`) becomes the path from the workspace
 * (GITHUB_WORKSPACE, else the working directory): `reliability/content/incidents/x.yaml` for
 * `--root reliability`. A file outside the workspace keeps the error's own path.
 */
export function annotationFile(file: string, root: string | undefined, workspace = process.env.GITHUB_WORKSPACE || process.cwd()): string {
  if (root === undefined) return file;
  const path = relative(workspace, resolve(root, file)).split(sep).join('/');
  return path === '' || path.startsWith('../') || isAbsolute(path) ? file : path;
}

/**
 * Remove the Prometheus credentials (every `PROMETHEUS_*` variable) from an environment. Only
 * `npm run fetch` needs them; the build drops them before it starts, so nothing it runs can read them.
 */
export function dropCredentials(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(env)) if (name.startsWith('PROMETHEUS_')) delete env[name];
}

/**
 * Stop `npm run build`, saying why and that nothing was published ("✗ build stopped: 2 content
 * error(s); nothing was published"), with exit status 1. One wording for the build's two processes.
 */
export function stopBuild(reason: string): never {
  console.error(`\n✗ build stopped: ${reason}; nothing was published`);
  process.exit(1);
}
