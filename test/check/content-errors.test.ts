import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/adapters/content/errors.ts';
import { loadContent } from '../../src/adapters/content/load.ts';
import { MINIMAL, fixture, posOf } from '../helpers/fixture.ts';

const INCIDENT = 'content/incidents/2026-10-03-api-outage.yaml';
const POSTMORTEM = 'content/postmortems/2026-10-03-api-outage.md';
const SERVICE = 'content/services/api.yaml';
const SLO = 'content/slos/api-availability.yaml';
const RUNBOOK = 'content/runbooks/api-errors.md';

const original = async (file: string) => readFile(join(MINIMAL, file), 'utf8');

interface Expected {
  file: string;
  /** The text whose first character the error must point at. */
  at: string;
  occurrence?: number;
  field: string;
  message: string | RegExp;
}

/** Apply one edit to the minimal fixture and expect exactly these errors. */
async function expectErrors(changes: Record<string, string | null | ((t: string) => string)>, expected: Expected[]) {
  const fx = await fixture(changes);
  try {
    const { errors } = await loadContent(fx.root);
    const want = await Promise.all(
      expected.map(async (e) => {
        const text = await readFile(join(fx.root, e.file), 'utf8');
        return { file: e.file, ...posOf(text, e.at, e.occurrence), field: e.field, message: e.message };
      }),
    );
    expect(errors.map(formatError)).toHaveLength(want.length);
    want.forEach((w, i) => {
      const got = errors[i]!;
      expect({ file: got.file, line: got.line, column: got.column, field: got.field }).toEqual({ file: w.file, line: w.line, column: w.column, field: w.field });
      if (typeof w.message === 'string') expect(got.message).toBe(w.message);
      else expect(got.message).toMatch(w.message);
    });
    return errors;
  } finally {
    await fx.cleanup();
  }
}

const edit = (from: string, to: string) => (t: string) => {
  if (!t.includes(from)) throw new Error(`fixture has no "${from}"`);
  return t.replace(from, to);
};

describe('the minimal fixture', () => {
  it('is valid', async () => {
    const { errors, content } = await loadContent(MINIMAL);
    expect(errors).toEqual([]);
    expect(content.incidents[0]!.severity).toBe('SEV2');
    expect(content.postmortems[0]!.actionItems).toHaveLength(2);
    expect(content.postmortems[0]!.timeline[1]).toEqual({ time: '09:40', event: 'Pool recycled, errors stop' });
  });
});

describe('npm run check reports the file, line, column and field', () => {
  it('a resolved_at before started_at points at resolved_at', async () => {
    const errors = await expectErrors({ [INCIDENT]: edit('resolved_at: 2026-10-03T10:30:00Z', 'resolved_at: 2026-10-03T08:30:00Z') }, [
      { file: INCIDENT, at: '2026-10-03T08:30:00Z', field: 'resolved_at', message: 'must not be before mitigated_at (2026-10-03T09:40:00Z)' },
    ]);
    expect(formatError(errors[0]!)).toBe(`${INCIDENT}:10:14 resolved_at: must not be before mitigated_at (2026-10-03T09:40:00Z)`);
  });

  it('a detected_at before started_at is out of order', async () => {
    await expectErrors({ [INCIDENT]: edit('detected_at: 2026-10-03T09:05:00Z', 'detected_at: 2026-10-03T08:55:00Z') }, [
      { file: INCIDENT, at: '2026-10-03T08:55:00Z', field: 'detected_at', message: 'must not be before started_at (2026-10-03T09:00:00Z)' },
    ]);
  });

  it('a resolved incident without resolved_at points at status', async () => {
    await expectErrors({ [INCIDENT]: edit('resolved_at: 2026-10-03T10:30:00Z\n', '') }, [
      { file: INCIDENT, at: 'resolved\n', field: 'status', message: 'is resolved, so resolved_at is required' },
    ]);
  });

  it('an open incident with resolved_at is contradictory', async () => {
    await expectErrors({ [INCIDENT]: edit('status: resolved', 'status: monitoring') }, [
      { file: INCIDENT, at: '2026-10-03T10:30:00Z', field: 'resolved_at', message: /is set but status is monitoring/ },
    ]);
  });

  it('a timestamp without an offset is rejected', async () => {
    await expectErrors({ [INCIDENT]: edit('started_at: 2026-10-03T09:00:00Z', 'started_at: 2026-10-03 09:00') }, [
      { file: INCIDENT, at: '2026-10-03 09:00', field: 'started_at', message: /ISO 8601 time with an offset/ },
    ]);
  });

  it('an unknown status lists the allowed ones', async () => {
    await expectErrors({ [INCIDENT]: edit('status: resolved', 'status: closed') }, [
      { file: INCIDENT, at: 'closed', field: 'status', message: /must be one of investigating, identified, monitoring, resolved/ },
    ]);
  });

  it('severity aliases P0..P3 are accepted and other values are not', async () => {
    const fx = await fixture({ [INCIDENT]: edit('severity: SEV2', 'severity: P0') });
    const { content, errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toEqual([]);
    expect(content.incidents[0]!.severity).toBe('SEV1');
    await expectErrors({ [INCIDENT]: edit('severity: SEV2', 'severity: SEV5') }, [
      { file: INCIDENT, at: 'SEV5', field: 'severity', message: /SEV1, SEV2, SEV3, SEV4 \(or P0..P3\)/ },
    ]);
  });

  it('an unknown service in a list points at the list item', async () => {
    await expectErrors({ [INCIDENT]: edit('services: [api, db]', 'services: [api, dbb]') }, [
      { file: INCIDENT, at: 'dbb', field: 'services.1', message: 'unknown service "dbb": no such id in content/services/ (did you mean "db"?)' },
    ]);
  });

  it('a misspelt field points at the key', async () => {
    await expectErrors({ [SERVICE]: edit('owner: platform-team', 'owner: platform-team\nowners: x') }, [
      { file: SERVICE, at: 'owners', field: 'owners', message: 'unknown field (did you mean "owner"?)' },
    ]);
  });

  it('a sub-folder of a content folder is an error that says its files would be left out; .yml is a YAML file too', async () => {
    const incident = await original(INCIDENT);
    const fx = await fixture({ 'content/incidents/2025/2025-01-01-old.yaml': incident.replaceAll('2026-10-03-api-outage', '2025-01-01-old') });
    try {
      const { errors } = await loadContent(fx.root);
      expect(errors.map(formatError)).toEqual(['content/incidents/2025:1:1 unexpected folder in content/incidents/: sitrep reads no sub-folders here, so its files would be left out; move them into content/incidents/']);
    } finally {
      await fx.cleanup();
    }
    await expectErrors({ 'content/services/api.txt': 'x' }, [
      { file: 'content/services/api.txt', at: 'x', field: '', message: 'unexpected file in content/services/: services are .yaml or .yml files' },
    ]);
  });

  describe('the placeholders npm run new writes', () => {
    const placeholder = (text: string, when: string) => `still holds the placeholder "${text}" from npm run new: write it ${when}`;
    const published = 'before the postmortem is published';

    it('in a published postmortem: each once, under the innermost section, also under a title heading; a timeline event quoting an update', async () => {
      await expectErrors(
        {
          [POSTMORTEM]: (t) =>
            edit('## What went wrong\n\nSlow diagnosis.', '## What went wrong\n\nTODO\n\n### Detail\n\nTODO')(
              edit('| 09:00 | Failover starts |', '| 09:00 | Status update (investigating): TODO the first public status update |')(edit('\n## Summary', '\n# API outage\n\n## Summary')(t)),
            ),
        },
        [
          { file: POSTMORTEM, at: 'Status update', field: 'Timeline.1.event', message: /^still holds the placeholder "Status update \(investigating\): TODO the first public status.*from npm run new: write it before the postmortem is published$/ },
          { file: POSTMORTEM, at: 'TODO\n\n###', field: 'What went wrong', message: placeholder('TODO', published) },
          { file: POSTMORTEM, at: 'TODO', occurrence: 3, field: 'Detail', message: placeholder('TODO', published) },
        ],
      );
    });

    it('not ordinary writing that starts with the word, and not twice where the field already has an error', async () => {
      const fx = await fixture({
        [POSTMORTEM]: edit('The pool did not validate connections.', '`TODO` markers in the failover script were never tracked.\n\n> TODO: handle stale connections'),
        [INCIDENT]: edit('title: API returned 503s', 'title: TODO app outage'),
      });
      const { errors } = await loadContent(fx.root);
      await fx.cleanup();
      expect(errors).toEqual([]);
      await expectErrors({ [INCIDENT]: edit('services: [api, db]', 'services: [api, TODO]') }, [
        { file: INCIDENT, at: 'TODO', field: 'services.1', message: /must be lower-case letters/ },
      ]);
    });

    it('in a resolved incident, and in a published postmortem, also when another field of the file is wrong', async () => {
      await expectErrors({ [INCIDENT]: (t) => edit('impact: Half of API calls failed for 40 minutes.', 'impact: TODO who was affected, how, and for how long')(edit('severity: SEV2', 'severity: High')(t)) }, [
        { file: INCIDENT, at: 'High', field: 'severity', message: /must be one of SEV1/ },
        { file: INCIDENT, at: 'TODO', field: 'impact', message: placeholder('TODO who was affected, how, and for how long', 'before the incident is resolved') },
      ]);
      await expectErrors({ [POSTMORTEM]: (t) => edit('authors: [Ada Lovelace]', 'authors: [TODO your name]')(edit('date: 2026-10-05', 'date: soon')(t)) }, [
        { file: POSTMORTEM, at: 'TODO', field: 'authors.0', message: placeholder('TODO your name', published) },
        { file: POSTMORTEM, at: 'soon', field: 'date', message: /must be a date/ },
      ]);
    });
  });

  it('a reference that is no id at all has the schema’s error only, not also "unknown"', async () => {
    const long = 'd'.repeat(101);
    await expectErrors({ [INCIDENT]: (t) => edit('services: [api, db]', `services: [api, ${long}]`)(edit('severity: SEV2', 'severity: High')(t)) }, [
      { file: INCIDENT, at: 'High', field: 'severity', message: /must be one of SEV1/ },
      { file: INCIDENT, at: long, field: 'services.1', message: /at most 100 characters/ },
    ]);
  });

  it('a misspelt field of an incident or a postmortem gets a "did you mean" hint, as in an SLO file', async () => {
    await expectErrors({ [INCIDENT]: edit('acknowledged_at:', 'acknowleged_at:') }, [
      { file: INCIDENT, at: 'acknowleged_at', field: 'acknowleged_at', message: 'unknown field (did you mean "acknowledged_at"?)' },
    ]);
    await expectErrors({ [POSTMORTEM]: edit('authors: [Ada Lovelace]', 'author: [Ada Lovelace]') }, [
      { file: POSTMORTEM, at: 'title:', field: 'authors', message: 'is required' },
      { file: POSTMORTEM, at: 'author:', field: 'author', message: 'unknown field (did you mean "authors"?)' },
    ]);
  });

  it('a missing required field points at the mapping', async () => {
    await expectErrors({ [SERVICE]: edit('owner: platform-team\n', '') }, [{ file: SERVICE, at: 'id: api', field: 'owner', message: 'is required' }]);
  });

  it('a value of the wrong type says what it got', async () => {
    await expectErrors({ [SERVICE]: edit('tier: 1', 'tier: one') }, [
      { file: SERVICE, at: 'one', field: 'tier', message: 'must be a number, got string "one"' },
    ]);
  });

  it('a bad URL inside a list of mappings is located', async () => {
    await expectErrors({ [SERVICE]: edit('url: https://grafana.example.com/d/api', 'url: grafana') }, [
      { file: SERVICE, at: 'grafana\n', field: 'links.0.url', message: /URL/i },
    ]);
  });

  it('a duplicate YAML key is an error, not a silent overwrite', async () => {
    await expectErrors({ [SERVICE]: edit('tier: 1', 'tier: 1\ntier: 2') }, [
      { file: SERVICE, at: 'tier: 2', field: 'tier', message: 'duplicate key: a key may appear only once in a mapping' },
    ]);
  });

  it('a YAML syntax error is located', async () => {
    await expectErrors({ [SERVICE]: edit('tier: 1', 'tier: one: two') }, [
      { file: SERVICE, at: 'one: two', field: '', message: 'YAML: Nested mappings are not allowed in compact mappings' },
    ]);
  });

  it('two incidents with one id: the second names the first', async () => {
    const copy = 'content/incidents/2026-10-04-api-outage.yaml';
    await expectErrors({ [copy]: await original(INCIDENT) }, [
      { file: copy, at: '2026-10-03-api-outage', field: 'id', message: `duplicate incident id "2026-10-03-api-outage": already used in ${INCIDENT}:1` },
      { file: copy, at: '2026-10-03-api-outage', field: 'id', message: 'is "2026-10-03-api-outage" but the file is named 2026-10-04-api-outage.yaml: rename one so they match' },
    ]);
  });

  it('an SLO with an unknown service and runbook reports both', async () => {
    await expectErrors({ [SLO]: (t) => edit('service: api', 'service: apx')(edit('runbook: api-errors', 'runbook: api-errorz')(t)) }, [
      { file: SLO, at: 'apx', field: 'service', message: /unknown service "apx"/ },
      { file: SLO, at: 'api-errorz', field: 'runbook', message: /unknown runbook "api-errorz"/ },
    ]);
  });

  it('a ratio query without the {{window}} placeholder is rejected', async () => {
    await expectErrors({ [SLO]: edit('[{{window}}]))\n  total', '[5m]))\n  total') }, [
      { file: SLO, at: 'sum(increase(http_requests_total{job="api",code', field: 'indicator.good', message: /must contain the \{\{window\}\} placeholder/ },
    ]);
  });

  it('Sloth\'s {{.window}} placeholder is accepted', async () => {
    const fx = await fixture({ [SLO]: (t) => t.replaceAll('{{window}}', '{{.window}}') });
    const { errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toEqual([]);
  });

  it('an objective of 100 or more is rejected', async () => {
    await expectErrors({ [SLO]: edit('objective: 99.9', 'objective: 100') }, [
      { file: SLO, at: '100', field: 'objective', message: /less than 100/ },
    ]);
  });

  it('a postmortem naming an unknown incident points at the list item', async () => {
    await expectErrors({ [POSTMORTEM]: edit('incidents: [2026-10-03-api-outage]', 'incidents: [2026-10-03-api-outage, 2026-10-04-nope]') }, [
      { file: POSTMORTEM, at: '2026-10-04-nope', field: 'incidents.1', message: /unknown incident "2026-10-04-nope"/ },
    ]);
  });

  it('a postmortem that does not list the incident linking to it is reported on the incident', async () => {
    const other = 'content/incidents/2026-10-04-db-slow.yaml';
    await expectErrors(
      {
        [other]: (await original(INCIDENT)).replaceAll('2026-10-03-api-outage', '2026-10-04-db-slow').replace('postmortem: 2026-10-04-db-slow', 'postmortem: 2026-10-03-api-outage'),
      },
      [{ file: other, at: '2026-10-03-api-outage', field: 'postmortem', message: /does not list this incident/ }],
    );
  });

  it('a published postmortem missing a section names it', async () => {
    await expectErrors({ [POSTMORTEM]: edit('## What went well\n\nFast acknowledgement.\n\n', '') }, [
      { file: POSTMORTEM, at: '## What went wrong', field: 'What went well', message: 'missing section "## What went well" (required once the status is published; also accepted as "what went well", "things that went well", "went well" ..., at any heading level)' },
    ]);
  });

  it('a draft postmortem may lack sections', async () => {
    const fx = await fixture({ [POSTMORTEM]: (t) => edit('status: published', 'status: draft')(edit('## What went well\n\nFast acknowledgement.\n\n', '')(t)) });
    const { errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toEqual([]);
  });

  it('an action item with a bad due date points at the table cell', async () => {
    await expectErrors({ [POSTMORTEM]: edit('| 2026-11-15 |', '| next week |') }, [
      { file: POSTMORTEM, at: 'next week', field: 'Action items.2.due', message: 'must be a date, e.g. 2026-11-30, got "next week"' },
    ]);
  });

  it('a postmortem with a bad frontmatter still has its body checked: every error in one run', async () => {
    await expectErrors({ [POSTMORTEM]: (t) => edit('| 2026-11-15 |', '| next week |')(edit('date: 2026-10-05', 'date: 05/10/2026')(edit('## What went well\n\nFast acknowledgement.\n\n', '')(t))) }, [
      { file: POSTMORTEM, at: '05/10/2026', field: 'date', message: /must be a date/ },
      { file: POSTMORTEM, at: '## What went wrong', field: 'What went well', message: /^missing section "## What went well" \(required once the status is published/ },
      { file: POSTMORTEM, at: 'next week', field: 'Action items.2.due', message: 'must be a date, e.g. 2026-11-30, got "next week"' },
    ]);
    // A status that is none of them: the sections are not required (as for a draft), the tables still checked.
    await expectErrors({ [POSTMORTEM]: (t) => edit('| 2026-11-15 |', '| next week |')(edit('status: published', 'status: final')(edit('## What went well\n\nFast acknowledgement.\n\n', '')(t))) }, [
      { file: POSTMORTEM, at: 'final', field: 'status', message: /must be one of draft, in-review, published/ },
      { file: POSTMORTEM, at: 'next week', field: 'Action items.2.due', message: 'must be a date, e.g. 2026-11-30, got "next week"' },
    ]);
  });

  it('an incident or a postmortem with errors of its own still has its references checked', async () => {
    await expectErrors({ [INCIDENT]: (t) => edit('services: [api, db]', 'services: [api, dbb]')(edit('severity: SEV2', 'severity: High')(t)) }, [
      { file: INCIDENT, at: 'High', field: 'severity', message: /must be one of SEV1/ },
      { file: INCIDENT, at: 'dbb', field: 'services.1', message: 'unknown service "dbb": no such id in content/services/ (did you mean "db"?)' },
    ]);
    await expectErrors({ [POSTMORTEM]: (t) => edit('incidents: [2026-10-03-api-outage]', 'incidents: [2026-10-03-api-outag]')(edit('date: 2026-10-05', 'date: soon')(t)) }, [
      { file: POSTMORTEM, at: '2026-10-03-api-outag]', field: 'incidents.0', message: /^unknown incident "2026-10-03-api-outag": no such id in content\/incidents\/ \(did you mean "2026-10-03-api-outage"\?\)/ },
      { file: POSTMORTEM, at: 'soon', field: 'date', message: /must be a date/ },
    ]);
  });

  it('an action item with an unknown status points at the table cell', async () => {
    await expectErrors({ [POSTMORTEM]: edit('| P1 | done |', '| P1 | finished |') }, [
      { file: POSTMORTEM, at: 'finished', field: 'Action items.1.status', message: /must be one of open, in-progress, done, wont-fix/ },
    ]);
  });

  it('an action item may name its ticket in an optional Ticket column, as an id or an http(s) URL', async () => {
    const fx = await fixture({
      [POSTMORTEM]: (t) =>
        edit('| P2 | open |', '| P2 | open | https://tickets.example.com/OPS-7 |')(edit('| P1 | done |', '| P1 | done | OPS-6 |')(edit('| Priority | Status |\n| --- | --- | --- | --- | --- |', '| Priority | Status | Ticket |\n| --- | --- | --- | --- | --- | --- |')(t))),
    });
    const { errors, content } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toEqual([]);
    expect(content.postmortems[0]!.actionItems.map((a) => a.ticket)).toEqual(['OPS-6', 'https://tickets.example.com/OPS-7']);
  });

  it('an action item whose ticket is a javascript: URL points at the table cell', async () => {
    await expectErrors(
      { [POSTMORTEM]: (t) => edit('| P1 | done |', '| P1 | done | javascript:alert(1) |')(edit('| Priority | Status |\n| --- | --- | --- | --- | --- |', '| Priority | Status | Ticket |\n| --- | --- | --- | --- | --- | --- |')(t)) },
      [{ file: POSTMORTEM, at: 'javascript:', field: 'Action items.1.ticket', message: 'must be an id such as OPS-123 or an http(s) URL, got "javascript:alert(1)"' }],
    );
  });

  it('an action items table without an owner column is reported at the table', async () => {
    await expectErrors(
      { [POSTMORTEM]: (t) => t.replace('| Action | Owner | Due |', '| Action | Ownr | Due |') },
      [{ file: POSTMORTEM, at: '| Action | Ownr', field: 'Action items', message: /missing owner \(has Action \| Ownr \| Due \| Priority \| Status\): "Ownr" looks like owner$/ }],
    );
  });

  it('an empty timeline cell is reported', async () => {
    await expectErrors({ [POSTMORTEM]: edit('| 09:40 | Pool recycled, errors stop |', '| 09:40 |  |') }, [
      { file: POSTMORTEM, at: '|  |', field: 'Timeline.2.event', message: 'must not be empty' },
    ]);
  });

  it('a postmortem frontmatter error is located on its line in the file', async () => {
    await expectErrors({ [POSTMORTEM]: edit('status: published', 'status: final') }, [
      { file: POSTMORTEM, at: 'final', field: 'status', message: /must be one of draft, in-review, published/ },
    ]);
  });

  it('a postmortem written as MDX is refused', async () => {
    const mdx = 'content/postmortems/2026-10-03-api-outage.mdx';
    await expectErrors({ [mdx]: await original(POSTMORTEM) }, [{ file: mdx, at: '---', field: '', message: /MDX is not allowed/ }]);
  });

  it('a runbook covering an unknown SLO points at it', async () => {
    await expectErrors({ [RUNBOOK]: edit('slos: [api-availability]', 'slos: [api-latency]') }, [
      { file: RUNBOOK, at: 'api-latency', field: 'covers.slos.0', message: /unknown SLO "api-latency"/ },
    ]);
  });

  it('a runbook without frontmatter is reported at 1:1', async () => {
    await expectErrors({ [RUNBOOK]: '# Steps\n\n1. Panic.\n' }, [{ file: RUNBOOK, at: '# Steps', field: '', message: /must start with YAML frontmatter/ }]);
  });

  it('a snapshot that is not JSON, and one for an unknown SLO, are both reported', async () => {
    await expectErrors(
      { 'data/snapshots/api-availability.json': '{ "format": ', 'data/snapshots/gone.json': JSON.stringify({ format: 'sitrep-snapshot/v1', slo: 'gone', step: 300, start: 0, queries: {}, fetchedAt: '2026-01-01T00:00:00Z', series: { good: [1], total: [1] } }) },
      [
        { file: 'data/snapshots/api-availability.json', at: '{', field: '', message: /not valid JSON/ },
        { file: 'data/snapshots/gone.json', at: '{', field: 'slo', message: /no SLO "gone"/ },
      ],
    );
  });

  it('a snapshot with a negative count names the point', async () => {
    const snap = { format: 'sitrep-snapshot/v1', slo: 'api-availability', step: 300, start: 0, queries: {}, fetchedAt: '2026-01-01T00:00:00Z', series: { good: [1, -1], total: [1, 1] } };
    await expectErrors({ 'data/snapshots/api-availability.json': JSON.stringify(snap) }, [
      { file: 'data/snapshots/api-availability.json', at: '{', field: '', message: /series\.good\[1\]: must be a non-negative number or null, got -1/ },
    ]);
  });

  it('a zero-length window is rejected (it would crash the build)', async () => {
    await expectErrors({ [SLO]: edit('window: 30d', 'window: 0d') }, [{ file: SLO, at: '0d', field: 'window', message: 'must be longer than 0, e.g. 30d' }]);
  });

  it('an objective written as a fraction is caught', async () => {
    await expectErrors({ [SLO]: edit('objective: 99.9', 'objective: 0.999') }, [
      { file: SLO, at: '0.999', field: 'objective', message: 'is a percentage: write 99.9 for 99.9%, not 0.999' },
    ]);
  });

  it('a runbook without covers is reported', async () => {
    await expectErrors({ [RUNBOOK]: edit('covers:\n  slos: [api-availability]\n  alerts: [APIErrorBudgetBurn]\n', '') }, [
      { file: RUNBOOK, at: 'title', field: 'covers', message: 'is required' },
    ]);
  });

  it('an invalid SLO gives one error, not a second one telling to delete its snapshot', async () => {
    const snap = { format: 'sitrep-snapshot/v1', slo: 'api-availability', step: 300, start: 0, queries: {}, fetchedAt: '2026-01-01T00:00:00Z', series: { good: [1], total: [1] } };
    await expectErrors({ [SLO]: edit('objective: 99.9', 'objective: high'), 'data/snapshots/api-availability.json': JSON.stringify(snap) }, [
      { file: SLO, at: 'high', field: 'objective', message: 'must be a number, got string "high"' },
    ]);
  });

  it('an empty service file gives one error, not one per reference to it', async () => {
    await expectErrors({ 'content/services/db.yaml': '' }, [{ file: 'content/services/db.yaml', at: '', field: '', message: 'must be a mapping, got nothing (null)' }]);
  });

  it('an incident file holding a list gives one error, also for the postmortem naming it', async () => {
    await expectErrors({ [INCIDENT]: (t) => `- ${t.replaceAll('\n', '\n  ')}` }, [{ file: INCIDENT, at: '- id', field: '', message: 'must be a mapping, got a list' }]);
  });

  it('a typo in a long incident id suggests the incident meant, not every incident of that year', async () => {
    await expectErrors({ [POSTMORTEM]: edit('incidents: [2026-10-03-api-outage]', 'incidents: [2026-10-03-api-outgae, 2026-10-03-api-outage]') }, [
      { file: POSTMORTEM, at: '2026-10-03-api-outgae', field: 'incidents.0', message: 'unknown incident "2026-10-03-api-outgae": no such id in content/incidents/ (did you mean "2026-10-03-api-outage"?)' },
    ]);
  });

  it('a runbook whose file name is not an id is refused, with the name to use', async () => {
    const bad = 'content/runbooks/API_Errors2.md';
    await expectErrors({ [bad]: (await original(RUNBOOK)).replace('title: API error rate', 'title: Other') }, [
      { file: bad, at: '---', field: '', message: 'the file name is the id, so it must be lower-case letters, digits and dashes: rename it to api-errors2.md' },
    ]);
  });

  it('only the first YAML syntax error of a file is reported, not its knock-on effects', async () => {
    const errors = await expectErrors({ [INCIDENT]: edit('title: API returned 503s', 'title: API returned 503s\n\tseverity: SEV2') }, [
      { file: INCIDENT, at: '\tseverity', field: '', message: /^YAML: / },
    ]);
    expect(errors).toHaveLength(1);
  });

  it('frontmatter that is opened but never closed says so', async () => {
    await expectErrors({ [RUNBOOK]: (t) => t.replace('last_reviewed: 2026-10-10\n---\n', 'last_reviewed: 2026-10-10\n') }, [
      { file: RUNBOOK, at: '---', field: '', message: 'the frontmatter opened on line 1 is never closed: add a line with --- after it' },
    ]);
  });

  it('a root without a content/ folder is an error, not an empty success', async () => {
    const { errors } = await loadContent(join(MINIMAL, 'nope'));
    expect(errors.map(formatError)).toEqual([`content:1:1 no content/ folder in ${join(MINIMAL, 'nope')}: is --root (or SITREP_ROOT) right?`]);
  });

  it('reports every error at once, sorted by file and line', async () => {
    const errors = await expectErrors(
      {
        [INCIDENT]: (t) => edit('status: resolved', 'status: closed')(edit('services: [api, db]', 'services: [api, dbb]')(t)),
        [SERVICE]: edit('tier: 1', 'tier: 9'),
      },
      [
        { file: INCIDENT, at: 'dbb', field: 'services.1', message: /^unknown service "dbb"/ },
        { file: INCIDENT, at: 'closed', field: 'status', message: /must be one of/ },
        { file: SERVICE, at: '9', field: 'tier', message: /<=4|at most 4|4/ },
      ],
    );
    // The incident's own mistake does not hide its unknown service; the service with an error is not called unknown.
    expect(errors).toHaveLength(3);
  });
});
