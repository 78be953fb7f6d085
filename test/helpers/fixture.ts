import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MINIMAL = fileURLToPath(new URL('../fixtures/minimal', import.meta.url));

/** A temporary copy of a fixture with some files replaced (string), edited (function) or deleted (null). */
export async function fixture(
  changes: Record<string, string | null | ((text: string) => string)> = {},
  base = MINIMAL,
): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'sitrep-fixture-'));
  await cp(base, root, { recursive: true });
  for (const [file, change] of Object.entries(changes)) {
    const path = join(root, file);
    if (change === null) await rm(path, { force: true });
    else {
      await mkdir(dirname(path), { recursive: true });
      const text = typeof change === 'function' ? change(await readFile(path, 'utf8')) : change;
      await writeFile(path, text);
    }
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** 1-based line and column of the first occurrence of `needle` (after `occurrence - 1` others). */
export function posOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found in fixture text`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
