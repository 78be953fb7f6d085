/** content/maintenance/*.yaml is validated by npm run check like the other content files. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/adapters/content/errors.ts';
import { loadContent } from '../../src/adapters/content/load.ts';
import { fixture } from '../helpers/fixture.ts';

const FILE = 'content/maintenance/2026-10-20-api-upgrade.yaml';
const VALID = `id: 2026-10-20-api-upgrade
title: API upgrade
description: Rolling restart of the API.
services: [api]
planned_start: 2026-10-20T02:00:00Z
planned_end: 2026-10-20T03:00:00Z
`;

async function errorsOf(changes: Record<string, string>): Promise<string[]> {
  const fx = await fixture(changes);
  try {
    return (await loadContent(fx.root)).errors.map(formatError);
  } finally {
    await fx.cleanup();
  }
}

describe('maintenance files', () => {
  it('a valid window is loaded, with its file', async () => {
    const fx = await fixture({ [FILE]: VALID });
    const { content, errors } = await loadContent(fx.root);
    await fx.cleanup();
    expect(errors).toEqual([]);
    expect(content.maintenance).toEqual([expect.objectContaining({ id: '2026-10-20-api-upgrade', services: ['api'], file: FILE })]);
  });

  it('an unknown service is an error at its place in the list', async () => {
    expect(await errorsOf({ [FILE]: VALID.replace('services: [api]', 'services: [api, apx]') })).toEqual([`${FILE}:4:17 services.1: unknown service "apx": no such id in content/services/`]);
  });

  it('an end before its start is an error on the end', async () => {
    expect(await errorsOf({ [FILE]: VALID.replace('planned_end: 2026-10-20T03:00:00Z', 'planned_end: 2026-10-20T01:00:00Z') })).toEqual([`${FILE}:6:14 planned_end: must be after planned_start (2026-10-20T02:00:00Z)`]);
    expect(await errorsOf({ [FILE]: `${VALID}actual_start: 2026-10-20T02:10:00Z\nactual_end: 2026-10-20T02:05:00Z\n` })).toEqual([`${FILE}:8:13 actual_end: must be after actual_start (2026-10-20T02:10:00Z)`]);
    expect(await errorsOf({ [FILE]: `${VALID}actual_end: 2026-10-20T02:05:00Z\n` })).toEqual([`${FILE}:7:13 actual_end: is set without actual_start: give both, or neither`]);
  });

  it('schema errors, a misnamed file and a stray file are reported with file and line', async () => {
    const errors = await errorsOf({
      [FILE]: VALID.replace('planned_start: 2026-10-20T02:00:00Z', 'planned_start: tomorrow'),
      'content/maintenance/other-name.yaml': VALID.replace('2026-10-20T', '2026-10-21T').replace('2026-10-20T', '2026-10-21T'),
      'content/maintenance/notes.txt': 'x',
    });
    expect(errors).toEqual([
      `${FILE}:5:16 planned_start: must be an ISO 8601 time with an offset, e.g. 2026-10-03T09:12:00Z`,
      'content/maintenance/notes.txt:1:1 unexpected file in content/maintenance/: maintenance windows are .yaml or .yml files',
      'content/maintenance/other-name.yaml:1:5 id: is "2026-10-20-api-upgrade" but the file is named other-name.yaml: rename one so they match',
    ]);
  });

  it('npm run check prints them and exits 1', async () => {
    const fx = await fixture({ [FILE]: VALID.replace('services: [api]', 'services: [apx]') });
    const r = await promisify(execFile)(process.execPath, ['scripts/check.ts', '--root', fx.root], { env: { ...process.env, GITHUB_ACTIONS: '' } }).catch((e: { code: number; stderr: string }) => e);
    await fx.cleanup();
    expect((r as { code: number }).code).toBe(1);
    expect((r as { stderr: string }).stderr).toContain(`${FILE}:4:12 services.0: unknown service "apx": no such id in content/services/`);
  });
});
