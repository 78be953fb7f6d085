/**
 * How a build puts its new site in place of the old one (scripts/lib/out-dir.ts): the old site is
 * renamed aside, the new one renamed in, and the old one deleted by a detached process.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleBuilds, swapIn } from '../../scripts/lib/out-dir.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sitrep-swap-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function site(path: string, text: string, files = 1): Promise<void> {
  await mkdir(join(path, 'a', 'b'), { recursive: true });
  for (let i = 0; i < files; i++) await writeFile(join(path, 'a', 'b', `${i}.html`), text);
  await writeFile(join(path, 'index.html'), text);
}

const names = async () => (await readdir(dir)).sort();

describe('swapIn', () => {
  it('puts the new site in place and deletes the old one in the background', async () => {
    await site(join(dir, 'site'), 'old', 300);
    await site(join(dir, '.site.building-1'), 'new');
    await swapIn(join(dir, '.site.building-1'), join(dir, 'site'));
    expect(await readFile(join(dir, 'site', 'index.html'), 'utf8')).toBe('new');
    expect(await readdir(join(dir, 'site', 'a', 'b'))).toEqual(['0.html']);
    await expect.poll(names, { timeout: 20_000, interval: 100 }).toEqual(['site']);
  });

  it('moves the site in when there was none', async () => {
    await site(join(dir, '.site.building-1'), 'new');
    await swapIn(join(dir, '.site.building-1'), join(dir, 'site'));
    expect(await names()).toEqual(['site']);
    expect(await readFile(join(dir, 'site', 'index.html'), 'utf8')).toBe('new');
  });

  it('puts the old site back when the new one cannot be moved in', async () => {
    await site(join(dir, 'site'), 'old');
    await expect(swapIn(join(dir, 'missing'), join(dir, 'site'))).rejects.toThrow(/ENOENT/);
    expect(await names()).toEqual(['site']);
    expect(await readFile(join(dir, 'site', 'index.html'), 'utf8')).toBe('old');
  });
});

describe('removeStaleBuilds', () => {
  it('deletes what builds that are gone left behind, and leaves what a running build holds and other folders', async () => {
    // A pid that is surely not running: a child that has exited.
    const gone = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid!));
    });
    const project = join(dir, 'project');
    const running = process.ppid;
    // Beside the output: old sites set aside and new ones not moved in yet.
    await site(join(dir, `.site.old-${gone}`), 'stale');
    await site(join(dir, `.site.building-${gone}`), 'stale');
    await site(join(dir, `.site.old-${running}`), 'a running build');
    await site(join(dir, `.site.building-${running}`), 'a running build');
    await site(join(dir, '.other.old-1'), 'not this site');
    await site(join(dir, `.site.old-${gone}x`), 'not a build folder');
    await site(join(dir, 'site'), 'current');
    // In the project: Astro's output folders.
    await site(join(project, '.astro', `sitrep-build-${gone}`), 'stale');
    await site(join(project, '.astro', `sitrep-build-${running}`), 'a running build');
    await site(join(project, '.astro', 'content-assets'), "Astro's own");
    await removeStaleBuilds(join(dir, 'site'), project);
    await expect
      .poll(names, { timeout: 20_000, interval: 100 })
      .toEqual([`.other.old-1`, `.site.building-${running}`, `.site.old-${gone}x`, `.site.old-${running}`, 'project', 'site'].sort());
    await expect.poll(() => readdir(join(project, '.astro')).then((n) => n.sort()), { timeout: 20_000, interval: 100 }).toEqual(['content-assets', `sitrep-build-${running}`].sort());
  });
});
