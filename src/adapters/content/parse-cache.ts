/**
 * A cache of each content file's parse between builds, so that a rebuild after editing one
 * postmortem parses that file again, not all of them. What a file parses to depends on its path,
 * its text, the site's limits, whether its body is rendered, and the code that reads it: the key
 * is a hash of the first four, and the cache as a whole belongs to one version of the code (a
 * hash of the project's sources, its lockfile and the Node.js version, `codeVersion`). Any
 * change of the code empties it; a cache that outlived one would publish a wrong site without an
 * error. Only files that parsed without a problem are kept: a file with an error is parsed again,
 * so its errors and their positions are always found afresh. Each entry is kept serialised and
 * read into new objects at each use, so that two loads in one process share nothing.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Limits } from '../../schemas/site.ts';
import type { ParallelKind, ParsedFile } from './parse-files.ts';

/** Bumped when what an entry holds changes shape. */
const FORMAT = 1;

export interface ParseCache {
  /** A file's cached outcome, or undefined when the cache holds none for this text. */
  get(key: string): ParsedFile | undefined;
  /** Keep a file's outcome (a value, parsed without a problem). */
  put(key: string, parsed: ParsedFile): void;
  /** Write the entries this process used or made (the others are dropped), atomically. */
  save(): Promise<void>;
  /** Lookups answered from the cache, and lookups that were not. */
  readonly hits: number;
  readonly misses: number;
}

/** The key of one file's parse. */
export function parseKey(kind: ParallelKind, file: string, text: string, limits: Limits, html: boolean): string {
  return createHash('sha256').update(JSON.stringify([kind, file, limits, html])).update('\0').update(text).digest('hex');
}

interface Stored {
  format: number;
  version: string;
  entries: Map<string, Uint8Array>;
}

/**
 * Open the cache kept in `file` for this `version` of the code. A missing file, one written by
 * another version, or one that cannot be read gives an empty cache (the build parses everything,
 * as without one); `warn` hears of an unreadable one.
 */
export async function openParseCache(file: string, version: string, warn: (message: string) => void = () => {}): Promise<ParseCache> {
  let stored = new Map<string, Uint8Array>();
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') warn(`could not read the content cache ${file} (${e.message}); parsing every file`);
    return undefined;
  });
  if (bytes) {
    try {
      const s = deserialize(bytes) as Stored;
      if (s.format === FORMAT && s.version === version && s.entries instanceof Map) stored = s.entries;
    } catch (e) {
      warn(`the content cache ${file} is damaged (${(e as Error).message}); parsing every file`);
    }
  }
  const used = new Map<string, Uint8Array>();
  let hits = 0;
  let misses = 0;
  return {
    get(key) {
      const entry = used.get(key) ?? stored.get(key);
      if (!entry) {
        misses++;
        return undefined;
      }
      hits++;
      used.set(key, entry);
      return deserialize(entry) as ParsedFile;
    },
    put(key, parsed) {
      used.set(key, serialize(parsed));
    },
    async save() {
      await mkdir(dirname(file), { recursive: true });
      const part = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
      try {
        await writeFile(part, serialize({ format: FORMAT, version, entries: used } satisfies Stored));
        await rename(part, file);
      } catch (e) {
        await rm(part, { force: true });
        throw e;
      }
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
  };
}

/**
 * The version of the code that parses content: a hash of every file under the project's `src/`
 * (the schemas, the loader, the Markdown pipeline and all they import), its `package-lock.json`
 * (the parsers' own versions) and the Node.js version. Conservative on purpose: an edit of any
 * source file, even a page's, makes every file parse again.
 */
export async function codeVersion(project: string): Promise<string> {
  const hash = createHash('sha256').update(`${FORMAT}\0${process.version}\0`);
  const files = (await readdir(join(project, 'src'), { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
  for (const f of [...files, join(project, 'package-lock.json')]) {
    hash.update(`${relative(project, f)}\0`).update(await readFile(f)).update('\0');
  }
  return hash.digest('hex');
}
