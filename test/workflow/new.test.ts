import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slug } from '../../scripts/lib/new/templates.ts';
import { fixture } from '../helpers/fixture.ts';
import { runScript } from './run.ts';

/** Replace each TODO-bearing line's TODOs as an author would. */
async function edit(file: string, replacements: [string | RegExp, string][]): Promise<string> {
  let text = await readFile(file, 'utf8');
  for (const [from, to] of replacements) text = text.replace(from, to);
  await writeFile(file, text);
  return text;
}

describe('an incident id from its title', () => {
  it('keeps accented letters without their accents, and at most six words', () => {
    expect(slug('Zürich DC power loss')).toBe('zurich-dc-power-loss');
    expect(slug('Straße: Ærø façade, Łódź and Kraków down')).toBe('strasse-aero-facade-lodz-and-krakow');
    expect(slug('DB failover: checkout down')).toBe('db-failover-checkout-down');
    expect(slug('東京 outage')).toBe('outage');
  });
});

describe('npm run new', () => {
  it('creates an incident that fails check until its TODOs are written, then passes', async () => {
    const fx = await fixture();
    const made = await runScript('new', ['incident', '--root', fx.root, '--started-at', '2026-11-20T10:00:00Z']);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('created content/incidents/2026-11-20-new-incident.yaml');
    const file = join(fx.root, 'content/incidents/2026-11-20-new-incident.yaml');
    expect(await readFile(file, 'utf8')).toMatch(/^id: 2026-11-20-new-incident\n[\s\S]*services: \[TODO\] +# service ids: api, db\n[\s\S]*started_at: 2026-11-20T10:00:00Z/);

    const before = await runScript('check', ['--root', fx.root]);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('content/incidents/2026-11-20-new-incident.yaml:4:12 services.0:');

    // Open, it may keep its TODOs in words (it is published while it is written); resolved, it may not.
    await edit(file, [['[TODO]', '[api]']]);
    expect((await runScript('check', ['--root', fx.root])).code).toBe(0);
    await edit(file, [['status: investigating ', 'status: resolved '], ['# resolved_at: required once status is resolved', 'resolved_at: 2026-11-20T11:00:00Z']]);
    const resolved = await runScript('check', ['--root', fx.root]);
    expect(resolved.code).toBe(1);
    expect(resolved.stderr).toMatch(/new-incident\.yaml:\d+:\d+ impact: still holds the placeholder "TODO who was affected, how, and for how long" from npm run new: write it before the incident is resolved/);
    expect(resolved.stderr).toMatch(/new-incident\.yaml:\d+:\d+ updates\.0\.text: still holds the placeholder "TODO the first public status update"/);

    const text = await edit(file, [
      ['TODO what users saw, in one line', 'Login failing'],
      ['TODO who was affected, how, and for how long', 'All logins failed for 20 minutes.'],
      ['TODO the first public status update', 'Logins are failing. We are investigating.'],
    ]);
    expect(text).not.toContain('TODO');
    const after = await runScript('check', ['--root', fx.root]);
    await fx.cleanup();
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  });

  it('creates a postmortem from an incident (title, impact, timeline, link back) that passes check as published once its TODOs are written', async () => {
    const fx = await fixture();
    const made = await runScript('new', ['incident', '--root', fx.root, '--title', 'Login failing: Redis eviction', '--service', 'api', '--severity', 'SEV1', '--started-at', '2026-11-20T10:00:00Z']);
    expect(made.code).toBe(0);
    const incidentFile = join(fx.root, 'content/incidents/2026-11-20-login-failing-redis-eviction.yaml');
    await edit(incidentFile, [
      ['status: investigating ', 'status: resolved '],
      ['# resolved_at: required once status is resolved', 'mitigated_at: 2026-11-20T10:25:00Z\nresolved_at: 2026-11-20T11:00:00Z'],
      ['TODO who was affected, how, and for how long', 'All logins failed for 25 minutes.'],
      ['TODO the first public status update', 'Logins are failing. We are investigating.'],
    ]);

    const id = '2026-11-20-login-failing-redis-eviction';
    const pm = await runScript('new', ['postmortem', '--incident', id, '--root', fx.root]);
    expect(pm.code).toBe(0);
    const file = join(fx.root, `content/postmortems/${id}.md`);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('title: "Login failing: Redis eviction"');
    expect(text).toContain(`incidents: [${id}]`);
    expect(text).toContain('All logins failed for 25 minutes.');
    expect(text).toContain('| 2026-11-20 10:00 | Impact begins |');
    expect(text).toContain('| 2026-11-20 10:25 | Mitigated: customer impact stops |');
    expect(text).toContain('| 2026-11-20 11:00 | Resolved |');
    expect(await readFile(incidentFile, 'utf8')).toMatch(new RegExp(`\\npostmortem: ${id}\\n$`));

    const before = await runScript('check', ['--root', fx.root]);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(new RegExp(`content/postmortems/${id}\\.md:\\d+:\\d+ Action items\\.1\\.due: must be a date`));

    // Published with only the due date written: each TODO is an error at its place.
    await edit(file, [['status: draft ', 'status: published '], ['| TODO | TODO | TODO | P2 | open |', '| TODO | TODO | 2026-12-15 | P2 | open |']]);
    const half = await runScript('check', ['--root', fx.root]);
    expect(half.code).toBe(1);
    const placeholder = (field: string, text: string) => new RegExp(`content/postmortems/${id}\\.md:\\d+:\\d+ ${field}: still holds the placeholder "${text}" from npm run new: write it before the postmortem is published`);
    expect(half.stderr).toMatch(placeholder('authors\\.0', 'TODO your name'));
    expect(half.stderr).toMatch(placeholder('Summary', 'TODO what happened, in a paragraph\\. SEV1 on api\\.'));
    expect(half.stderr).toMatch(placeholder('Root cause', 'TODO'));
    expect(half.stderr).toMatch(placeholder('Action items\\.1\\.action', 'TODO'));
    expect(half.stderr).toMatch(placeholder('Action items\\.1\\.owner', 'TODO'));
    expect(half.stderr).toMatch(/✗ 9 errors in 1 file/);

    const filled = await edit(file, [
      ['authors: [TODO your name]', 'authors: [Priya Raman]'],
      [/TODO what happened, in a paragraph\./, 'Redis evicted the session keys.'],
      ['| TODO | TODO | 2026-12-15 | P2 | open |', '| Alert on Redis evictions | identity-team | 2026-12-15 | P1 | open |'],
      [/^TODO$/gm, 'Written.'],
    ]);
    expect(filled).not.toContain('TODO');
    const after = await runScript('check', ['--root', fx.root]);
    await fx.cleanup();
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  });

  it('refuses an unknown incident (with a hint), a second postmortem, an existing file and a missing kind, with exit 2', async () => {
    const fx = await fixture();
    const unknown = await runScript('new', ['postmortem', '--incident', '2026-10-03-api-outag', '--root', fx.root]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no incident "2026-10-03-api-outag" in content/incidents/ (did you mean "2026-10-03-api-outage"?)');
    const linked = await runScript('new', ['postmortem', '--incident', '2026-10-03-api-outage', '--root', fx.root]);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('already links postmortem "2026-10-03-api-outage"');
    const first = await runScript('new', ['incident', '--root', fx.root, '--id', 'dup', '--service', 'api']);
    expect(first.code).toBe(0);
    const kept = await readFile(join(fx.root, 'content/incidents/dup.yaml'), 'utf8');
    const again = await runScript('new', ['incident', '--root', fx.root, '--id', 'dup', '--title', 'Other']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('content/incidents/dup.yaml already exists; not overwritten');
    expect(await readFile(join(fx.root, 'content/incidents/dup.yaml'), 'utf8')).toBe(kept);
    const badService = await runScript('new', ['incident', '--root', fx.root, '--service', 'apii']);
    expect(badService.code).toBe(2);
    expect(badService.stderr).toContain('no service "apii" (did you mean "api"?)');
    const none = await runScript('new', ['--root', fx.root]);
    await fx.cleanup();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: npm run new');
  });
});
