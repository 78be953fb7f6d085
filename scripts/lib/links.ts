/**
 * Hard links for what a build keeps between builds (the search index's shards, the pages a rebuild
 * does not render): a link costs no copy, and is safe because nothing writes into these files after
 * they are made. Every writer makes new files (Astro, Pagefind, a kept shard renamed into place).
 */
import { copyFile, link, mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Link each `[from, to]`, making `to`'s folder, or copy where a link cannot be made (another file
 * system). With 'fail', an existing `to` is an error (a file the caller did not expect). With
 * 'replace', `to` is made under a temporary name and renamed over whatever is there, so it is whole
 * or absent even when a copy is cut short: a store's names are trusted by existing.
 */
export async function linkFiles(pairs: readonly (readonly [string, string])[], existing: 'fail' | 'replace' = 'fail'): Promise<void> {
  const folders = new Map<string, Promise<unknown>>();
  await inBatches(pairs, async ([from, to]) => {
    const folder = dirname(to);
    await (folders.get(folder) ?? folders.set(folder, mkdir(folder, { recursive: true })).get(folder));
    const made = existing === 'replace' ? `${to}.${process.pid}.tmp` : to;
    await link(from, made).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'EXDEV' || e.code === 'EPERM' || e.code === 'ENOTSUP') return copyFile(from, made);
      throw e;
    });
    if (made !== to) await rename(made, to);
  });
}

/** Run `work` on every item, a few at a time. */
export async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<unknown>, width = 16): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}
