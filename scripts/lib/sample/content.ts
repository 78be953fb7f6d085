/**
 * What the sample generator needs from content/: the SLOs (sitrep, OpenSLO and Sloth files) and
 * the incidents, read by the same loader as `npm run check` and the build. Errors in those files
 * stop the generator with the same file:line messages; errors elsewhere (a snapshot, a runbook)
 * do not, since the generator is how snapshots get rewritten.
 */
import { formatError } from '../../../src/adapters/content/errors.ts';
import { loadContent, type LoadedIncident, type LoadedSlo } from '../../../src/adapters/content/load.ts';

export async function readSampleContent(root: string): Promise<{ slos: LoadedSlo[]; incidents: LoadedIncident[] }> {
  const { content, errors } = await loadContent(root);
  const relevant = errors.filter((e) => /(^|\/)content\/(slos|incidents)\//.test(e.file));
  if (relevant.length > 0) throw new Error(`content has ${relevant.length} error(s):\n${relevant.map(formatError).join('\n')}`);
  return {
    slos: [...content.slos].sort((a, b) => a.id.localeCompare(b.id)),
    incidents: [...content.incidents].sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at) || a.id.localeCompare(b.id)),
  };
}
