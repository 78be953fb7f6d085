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
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Limits } from '../../schemas/site.ts';
import { projectDigest } from '../project-digest.ts';
import type { ParallelKind, ParsedFile } from './parse-files.ts';

export interface ParseCache {
  /** A file's cached outcome, or undefined when the cache holds none for this text. */
  get(key: string): ParsedFile | undefined;
  /** Keep a file's outcome (a value, parsed without a problem). */
  put(key: string, parsed: ParsedFile): void;
  /** Write the entries this process used or made (the others are dropped), atomically; nothing when they are those it held. */
  save(): Promise<void>;
  /** Entries held when it was opened (0 for a missing, outdated or damaged cache). */
  readonly size: number;
  /** Lookups answered from the cache, and lookups that were not. */
  readonly hits: number;
  readonly misses: number;
}

/** The key of one file's parse. */
export function parseKey(kind: ParallelKind, file: string, text: string, limits: Limits, html: boolean): string {
  return createHash('sha256').update(JSON.stringify([kind, file, limits, html])).update('\0').update(text).digest('hex');
}

/** The file: the entries (a serialised map of key to serialised outcome) with their hash, for one version of the code. */
interface Stored {
  version: string;
  sha256: string;
  entries: Uint8Array;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Open the cache kept in `file` for this `version` of the code. A missing file, one written by
 * another version, or one that cannot be read gives an empty cache (the build parses everything,
 * as without one); `warn` hears of an unreadable or damaged one. The entries' hash is checked
 * first, so a damaged byte never becomes a published value.
 */
export async function openParseCache(file: string, version: string, warn: (message: string) => void = () => {}): Promise<ParseCache> {
  const damaged = (why: string) => warn(`the content cache ${file} is damaged (${why}); parsing every file`);
  let stored = new Map<string, Uint8Array>();
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') warn(`could not read the content cache ${file} (${e.message}); parsing every file`);
    return undefined;
  });
  if (bytes) {
    try {
      const s = deserialize(bytes) as Stored;
      if (s.version === version) {
        if (!(s.entries instanceof Uint8Array) || sha256(s.entries) !== s.sha256) damaged('its entries do not match their hash');
        else stored = deserialize(s.entries) as Map<string, Uint8Array>;
      }
    } catch (e) {
      damaged((e as Error).message);
    }
  }
  const used = new Map<string, Uint8Array>();
  const size = stored.size;
  let hits = 0;
  let misses = 0;
  let puts = 0;
  return {
    size,
    get(key) {
      const entry = used.get(key) ?? stored.get(key);
      let parsed: ParsedFile | undefined;
      try {
        parsed = entry && (deserialize(entry) as ParsedFile);
      } catch (e) {
        // Only if the code that wrote it changed without changing the version: parse it again.
        warn(`a content cache entry could not be read (${(e as Error).message}); parsing its file`);
      }
      if (!entry || !parsed) {
        misses++;
        return undefined;
      }
      hits++;
      used.set(key, entry);
      return parsed;
    },
    put(key, parsed) {
      puts++;
      used.set(key, serialize(parsed));
    },
    async save() {
      stored = new Map();
      // Every entry held was used and none added: the file already holds exactly these. (An empty, outdated or
      // damaged cache is written again, empty or not, so its warning is not repeated at every build.)
      if (size > 0 && puts === 0 && used.size === size) return;
      await mkdir(dirname(file), { recursive: true });
      await removeAbandoned(file);
      const part = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
      try {
        const entries = serialize(used);
        await writeFile(part, serialize({ version, sha256: sha256(entries), entries } satisfies Stored));
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
 * The temporary files of saves that never ended (a build stopped by an error or Ctrl-C while it
 * saved): those whose process is gone. A save under way in another build is left alone.
 */
async function removeAbandoned(file: string): Promise<void> {
  const prefix = `${basename(file)}.`;
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  for (const name of await readdir(dirname(file))) {
    const pid = name.startsWith(prefix) && name.endsWith('.part') ? Number(name.slice(prefix.length).split('.')[0]) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) await rm(join(dirname(file), name), { force: true });
  }
}

/**
 * The version of the code that parses content: a hash of every file under the project's `src/`
 * (the schemas, the loader, the Markdown pipeline and all they import), its `package-lock.json`
 * (the parsers' own versions) and the Node.js version. Conservative on purpose: an edit of any
 * source file, even a page's, makes every file parse again.
 */
export function codeVersion(project: string): Promise<string> {
  return projectDigest(project, process.version, ['src'], ['package-lock.json']);
}
