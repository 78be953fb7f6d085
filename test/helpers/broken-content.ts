/**
 * Fixture changes (for `fixture`) that break content in each way a parse can: two files with
 * cross-file errors that parse alone (an unknown service, located on its line, 6:5; an unknown
 * postmortem), an invalid value, broken YAML, and a postmortem with a bad status.
 */
const incident = (id: string, extra: string) =>
  `id: ${id}\ntitle: T\nseverity: SEV3\nservices: [api]\nstatus: resolved\nstarted_at: 2026-10-05T09:00:00Z\nresolved_at: 2026-10-05T10:00:00Z\nimpact: x\n${extra}`;

export const BROKEN_CONTENT = {
  'content/incidents/a-unknown-service.yaml': incident('a-unknown-service', '').replace('services: [api]', 'services:\n  - api\n  - nope'),
  'content/incidents/b-bad-severity.yaml': incident('b-bad-severity', '').replace('SEV3', 'SEV9'),
  'content/incidents/c-broken-yaml.yaml': 'id: c-broken-yaml\ntitle: [unclosed\n',
  'content/incidents/d-unknown-postmortem.yaml': incident('d-unknown-postmortem', 'postmortem: no-such-postmortem\n'),
  'content/incidents/e-fine.yaml': incident('e-fine', ''),
  'content/postmortems/2026-10-03-api-outage.md': (t: string) => t.replace(/^status: .*$/m, 'status: finished'),
};

/** The files of BROKEN_CONTENT with errors of their own (the others' errors are found across files). */
export const FILES_WITH_OWN_ERRORS = ['content/incidents/b-bad-severity.yaml', 'content/incidents/c-broken-yaml.yaml', 'content/postmortems/2026-10-03-api-outage.md'];
