/**
 * Issue 15, items 1, 17 and 15 (BOM), and issue 16 (permission errors): content files are regular
 * files inside content/, within a size limit, and each other kind of entry is one clear error.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixture.ts';
import { INCIDENT, POSTMORTEM, SERVICE, errorsOf, original, runCheck } from './helpers.ts';

const ENVIRON = 'content/services/environ.yaml';

describe('a content file that is not a regular file inside content/ is one clear error', () => {
  it('a symlink to /proc/self/environ is refused without reading it: check prints no environment, even as annotations', async () => {
    const fx = await fixture();
    try {
      await symlink('/proc/self/environ', join(fx.root, ENVIRON));
      const r = await runCheck(fx.root, { GITHUB_ACTIONS: 'true', PROMETHEUS_BEARER_TOKEN: 'tok-7f3a9c2e5b1d', SITREP_CANARY: 'canary-value-81' });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${ENVIRON}:1:1 is a symbolic link to a file outside content/`);
      for (const out of [r.stdout, r.stderr]) {
        expect(out).not.toContain('tok-7f3a9c2e5b1d');
        expect(out).not.toContain('canary-value-81');
        expect(out).not.toContain('PATH=');
      }
      expect(r.stderr).toMatch(/✗ 1 error in 1 file/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await fx.cleanup();
    }
  });

  it('a symlink to /etc/passwd is refused, and so is a link to a valid file outside the repository', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'sitrep-outside-'));
    try {
      await writeFile(join(outside, 'cache.yaml'), (await original(SERVICE)).replace('id: api', 'id: cache'));
      const { lines, content } = await errorsOf({}, async (root) => {
        await symlink('/etc/passwd', join(root, 'content/incidents/passwd.yaml'));
        await symlink(join(outside, 'cache.yaml'), join(root, 'content/services/cache.yaml'));
      });
      expect(lines).toEqual([
        'content/incidents/passwd.yaml:1:1 is a symbolic link to a file outside content/: content files must be regular files inside content/, so put the file itself here',
        'content/services/cache.yaml:1:1 is a symbolic link to a file outside content/: content files must be regular files inside content/, so put the file itself here',
      ]);
      expect(content.services.map((s) => s.id)).not.toContain('cache');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('a content folder that links out of content/ is refused file by file', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'sitrep-outside-'));
    try {
      await writeFile(join(outside, 'cache.yaml'), (await original(SERVICE)).replace('id: api', 'id: cache'));
      const { lines } = await errorsOf({}, async (root) => {
        await rm(join(root, 'content/runbooks'), { recursive: true });
        await symlink(outside, join(root, 'content/runbooks'));
      });
      expect(lines).toContain('content/runbooks/cache.yaml:1:1 unexpected file in content/runbooks/: runbooks are .md or .mdx files');
      await writeFile(join(outside, 'x.md'), '---\ntitle: x\n---\n');
      const again = await errorsOf({}, async (root) => {
        await rm(join(root, 'content/runbooks'), { recursive: true });
        await symlink(outside, join(root, 'content/runbooks'));
      });
      expect(again.lines).toContain('content/runbooks/x.md:1:1 is in a folder that links to a file outside content/: content files must be regular files inside content/, so put the file itself here');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('a symlink to another file inside content/ is read', async () => {
    const { lines, content } = await errorsOf({ 'content/shared/db.yaml': await original('content/services/db.yaml'), 'content/services/db.yaml': null }, async (root) => {
      await symlink('../shared/db.yaml', join(root, 'content/services/db.yaml'));
    });
    expect(lines).toEqual([]);
    expect(content.services.map((s) => s.id)).toEqual(['api', 'db']);
  });

  it('a dangling symlink, a folder named x.yaml and a FIFO are one error each, and check does not hang on the FIFO', async () => {
    const { lines } = await errorsOf({}, async (root) => {
      await symlink(join(root, 'content/nowhere.yaml'), join(root, 'content/services/dangling.yaml'));
      await mkdir(join(root, 'content/services/folder.yaml'));
      execFileSync('mkfifo', [join(root, 'content/incidents/pipe.yaml')]);
    });
    expect(lines).toEqual([
      'content/incidents/pipe.yaml:1:1 is not a regular file (a FIFO, socket or device): content files are regular files',
      'content/services/dangling.yaml:1:1 is a symbolic link to nothing (its target does not exist): remove it, or put the file itself here',
      'content/services/folder.yaml:1:1 is a folder, not a file: content files are regular files',
    ]);
  });
});

describe('a content folder that cannot be read is an error with its path, not "missing"', () => {
  it('a file where content/services should be is reported at content/services', async () => {
    const { lines } = await errorsOf({}, async (root) => {
      await rm(join(root, 'content/services'), { recursive: true });
      await writeFile(join(root, 'content/services'), 'not a folder');
    });
    expect(lines).toContain('content/services:1:1 cannot read the folder: a file stands where a folder should be (ENOTDIR)');
  });

  it('a folder that is a symlink loop is reported at its path', async () => {
    const { lines } = await errorsOf({}, async (root) => {
      await rm(join(root, 'content/runbooks'), { recursive: true });
      await symlink('runbooks', join(root, 'content/runbooks'));
    });
    expect(lines).toContain('content/runbooks:1:1 cannot read the folder: symbolic links that loop (ELOOP)');
  });

  it('a content/ that is a file is not reported as missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sitrep-root-'));
    try {
      await writeFile(join(dir, 'content'), 'x');
      const { loadContent } = await import('../../src/adapters/content/load.ts');
      const { errors } = await loadContent(dir);
      expect(errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`)).toEqual([`content:1:1 cannot read the content/ folder in ${dir}: a file stands where a folder should be (ENOTDIR)`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('what one content file may cost is bounded', () => {
  it('a 50 MB impact field is refused by size, quickly, with a one-line error that names the limit', async () => {
    const huge = `impact: ${'x'.repeat(50 * 1024 * 1024)}\n`;
    const { lines } = await errorsOf({}, async (root) => {
      await writeFile(join(root, INCIDENT), (await original(INCIDENT)).replace(/^impact: .*\n/m, huge));
    });
    expect(lines).toEqual([`${INCIDENT}:1:1 is 50.0 MiB, more than the 128 KiB a content file may have (limits.file_kb in content/site.yaml)`]);
  });

  it('a 20,000-character field in a small file is an error at that field', async () => {
    const { lines } = await errorsOf({ [INCIDENT]: (t) => t.replace(/^impact: .*$/m, `impact: ${'y'.repeat(20_000)}`) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${INCIDENT}:\\d+:9 impact: is 20,000 characters long, more than the 10,000 a value may have \\(limits.field_chars in content/site.yaml\\)$`));
  });

  it('the limits are set in content/site.yaml', async () => {
    const { lines } = await errorsOf({
      'content/site.yaml': 'title: T\nlimits:\n  field_chars: 30000\n  file_kb: 64\n',
      [INCIDENT]: (t) => t.replace(/^impact: .*$/m, `impact: ${'y'.repeat(20_000)}`),
      [POSTMORTEM]: (t) => `${t}\n${'Padding line.\n'.repeat(6000)}`,
    });
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${POSTMORTEM}:1:1 is \\d+ KiB, more than the 64 KiB a content file may have`))]);
  });
});

describe('a byte-order mark', () => {
  it('at the start of a postmortem and a YAML file is accepted', async () => {
    const { lines, content } = await errorsOf({ [POSTMORTEM]: (t) => `\uFEFF${t}`, [SERVICE]: (t) => `\uFEFF${t}` });
    expect(lines).toEqual([]);
    expect(content.postmortems).toHaveLength(1);
  });
});

describe('snapshots in data/ are regular files too', () => {
  it('a snapshot that links to /proc/self/environ is refused without being read', async () => {
    const { lines } = await errorsOf({}, async (root) => {
      await mkdir(join(root, 'data/snapshots'), { recursive: true });
      await symlink('/proc/self/environ', join(root, 'data/snapshots/api-availability.json'));
    });
    expect(lines).toEqual(['data/snapshots/api-availability.json:1:1 is not a regular file (a symbolic link, folder or FIFO): snapshots are files written by npm run fetch']);
  });
});
