/**
 * The keyed pages (src/site/page-keys.ts) a build keeps for the next one, in the cache folder:
 * `sitrep-pages/files/<name>.html`, where a page's name is the digest of sitrep's code, the page's
 * file and its key (what it shows), so a name's bytes never change; and `sitrep-pages/manifest.json`,
 * each page of the last build with its name, the digest of its bytes and whether the search indexes
 * it. A page whose name is unchanged is left out of Astro's paths and linked into the site while
 * Astro renders the others; every page Astro rendered is linked into the store, the manifest
 * replaced, and names no page uses any more removed. A build stopped half-way
 * leaves the last manifest, whose files are all still there, or the new one, whose files are.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectDigest } from '../../src/adapters/project-digest.ts';
import type { PageStore } from '../../src/site/model-hooks.ts';
import { inBatches, linkFiles } from './links.ts';
import { isSearchable, pageDigest } from './searchable.ts';

/** A kept page: its name in the store, the sha256 of its bytes (read when it was rendered), and whether the search indexes it. */
export interface KeptPage {
  name: string;
  digest: string;
  searchable: boolean;
}

/** Whether a manifest entry is whole (another format, or a damaged file, renders the page again). */
const whole = (p: KeptPage | undefined): p is KeptPage => typeof p?.name === 'string' && typeof p.digest === 'string' && typeof p.searchable === 'boolean';

/** By page file (relative to the site), the pages a build kept. */
export type KnownPages = Readonly<Record<string, KeptPage>>;

interface Manifest {
  code: string;
  pages: KnownPages;
}

export interface PageStoreUse {
  /** Pages linked from the store instead of rendered. */
  linked: number;
  /** Keyed pages rendered (new, changed, or the store did not hold them). */
  rendered: number;
}

export class KeptPages implements PageStore {
  readonly #next = new Map<string, string>();
  /** The pages taken from the store, in the order taken; the first #linking are being linked. */
  readonly #taken: string[] = [];
  #linking = 0;
  readonly #links: Promise<unknown>[] = [];
  #kept: KnownPages = {};
  private readonly folder: string;
  private readonly code: string;
  /** The site's folder, where Astro writes. */
  private readonly dir: string;
  /** The last build's manifest (empty when another code made it). */
  private readonly last: KnownPages;
  /** The names the store holds files for. */
  private readonly held: ReadonlySet<string>;

  private constructor(folder: string, code: string, dir: string, last: KnownPages, held: ReadonlySet<string>) {
    this.folder = folder;
    this.code = code;
    this.dir = dir;
    this.last = last;
    this.held = held;
  }

  /** The store in `folder` (made on first use), for pages rendered by the code whose digest is `code` into the site's folder `dir`. */
  static async open(folder: string, code: string, dir: string): Promise<KeptPages> {
    const manifest = await readFile(join(folder, 'manifest.json'), 'utf8').then((t) => JSON.parse(t) as Manifest, () => undefined);
    const held = new Set(await readdir(join(folder, 'files')).catch(() => [] as string[]));
    const last = manifest?.code === code && manifest.pages && typeof manifest.pages === 'object' ? manifest.pages : {};
    return new KeptPages(folder, code, dir, last, held);
  }

  take(file: string, key: string): boolean {
    const name = `${createHash('sha256').update(JSON.stringify([this.code, file, key])).digest('hex')}.html`;
    if (this.#next.has(file)) throw new Error(`${file}: two keyed pages write it`);
    this.#next.set(file, name);
    const last = this.last[file];
    const kept = whole(last) && last.name === name && this.held.has(name);
    if (kept) this.#taken.push(file);
    return kept;
  }

  /**
   * A route has listed its pages: link those taken from the store into the site while Astro renders
   * the others (the site's folder is Astro's output, emptied before any route lists its pages).
   * `finish` waits for them.
   */
  listed(): void {
    const pairs = this.#taken.slice(this.#linking).map((f) => [join(this.folder, 'files', this.#next.get(f)!), join(this.dir, f)] as const);
    this.#linking = this.#taken.length;
    // Held until finish() awaits them: a failure (a kept file removed since the store was opened) fails the build there.
    if (pairs.length > 0) this.#links.push(linkFiles(pairs).then(() => undefined, (e: unknown) => e));
  }

  /** After finish(): this build's keyed pages, for the search index (search-index.ts). */
  get kept(): KnownPages {
    return this.#kept;
  }

  /** Once Astro has written the site: link the pages taken from the store into it, and keep the rendered ones. */
  async finish(): Promise<PageStoreUse> {
    const dir = this.dir;
    const files = join(this.folder, 'files');
    const store = (file: string) => join(files, this.#next.get(file)!);
    const taken = new Set(this.#taken);
    const rendered = [...this.#next.keys()].filter((f) => !taken.has(f));
    // Astro rendered none of the taken pages (an existing file is an error) and every other keyed page (a missing one is).
    this.listed();
    const failed = (await Promise.all(this.#links)).find((e) => e !== undefined);
    if (failed) throw failed;
    await linkFiles(rendered.map((f) => [join(dir, f), store(f)] as const), 'replace');
    // Each page's digest and whether the search indexes it: read from the rendered ones, as the last build found them for the others (the same bytes).
    const pages: Record<string, KeptPage> = {};
    for (const f of taken) pages[f] = { ...this.last[f]!, name: this.#next.get(f)! };
    await inBatches(rendered, async (f) => {
      const html = await readFile(join(dir, f));
      pages[f] = { name: this.#next.get(f)!, digest: pageDigest(html), searchable: isSearchable(html) };
    });
    const manifest: Manifest = { code: this.code, pages };
    const next = join(this.folder, `manifest.json.${process.pid}`);
    await writeFile(next, JSON.stringify(manifest));
    await rename(next, join(this.folder, 'manifest.json'));
    const used = new Set(this.#next.values());
    const unused = (await readdir(files).catch(() => [] as string[])).filter((n) => !used.has(n));
    await inBatches(unused, (n) => rm(join(files, n), { force: true }));
    this.#kept = pages;
    return { linked: taken.size, rendered: rendered.length };
  }
}

/**
 * The digest of everything besides a page's inputs that its HTML depends on: sitrep's code (src/,
 * scripts/, the Astro and TypeScript configs), its packages (the lockfile), Node's versions (with
 * its ICU and time-zone data), and the settings Astro takes from the environment (the site's URL
 * and base path). Any change renders every page again. A package edited inside node_modules/
 * without the lockfile changing is not seen: delete the cache folder after doing that.
 */
export function codeDigest(project: string): Promise<string> {
  // process.versions: Node's, V8's, and the ICU and time-zone data's, by which times are formatted.
  const seed = JSON.stringify([process.versions, process.env.SITREP_SITE ?? '', process.env.SITREP_BASE ?? '']);
  // A project without one of the configs or the lockfile (a copy of sitrep's files) still builds: its absence is hashed.
  return projectDigest(project, seed, ['src', 'scripts'], ['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']);
}
