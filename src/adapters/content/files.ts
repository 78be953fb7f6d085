import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../../schemas/site.ts';
import { contentError, type ContentError } from './errors.ts';

/** An errno code, or '' for anything that is not a system error. */
const codeOf = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '');

/** Words for the system errors a content folder or file can give. */
function describeSystemError(e: unknown): string {
  const code = codeOf(e);
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a file stands where a folder should be',
    ELOOP: 'symbolic links that loop',
    EISDIR: 'it is a folder',
    EIO: 'input/output error',
  };
  return code ? `${words[code] ?? 'system error'} (${code})` : 'unknown error';
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Reads the files of `content/`, and nothing else: every file must be a regular file whose real
 * path lies inside the content folder, no larger than `limits.file_kb`. A symbolic link out of
 * the folder (to `/proc/self/environ`, `/etc/passwd` or another repository), a dangling link, a
 * folder named like a file and a FIFO are each reported as one error, and never opened, so reading
 * cannot leak a file from elsewhere nor block on a pipe.
 */
export class ContentFiles {
  limits: Limits = DEFAULT_LIMITS;
  private readonly root: string;
  /** The real path of `<root>/content`, or undefined when there is none. */
  private readonly real: string | undefined;
  private readonly errors: ContentError[];

  private constructor(root: string, real: string | undefined, errors: ContentError[]) {
    this.root = root;
    this.real = real;
    this.errors = errors;
  }

  /** Open `<root>/content`; a missing or unreadable folder is reported (a mistyped --root must not pass as empty). */
  static async open(root: string, errors: ContentError[]): Promise<ContentFiles> {
    const dir = join(root, 'content');
    try {
      const real = await realpath(dir);
      if (!(await stat(real)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      return new ContentFiles(root, real, errors);
    } catch (e) {
      const message = codeOf(e) === 'ENOENT' ? `no content/ folder in ${root}: is --root (or SITREP_ROOT) right?` : `cannot read the content/ folder in ${root}: ${describeSystemError(e)}`;
      errors.push(contentError('content', 1, 1, '', message));
      return new ContentFiles(root, undefined, errors);
    }
  }

  /**
   * The files of one content folder with an allowed extension, sorted; other files are reported,
   * not ignored. A folder that does not exist holds no files; one that cannot be read is an error.
   */
  async list(dir: string, allowed: readonly string[], hint: string): Promise<string[]> {
    if (!this.real) return [];
    let entries: Dirent[];
    try {
      entries = await readdir(join(this.root, dir), { withFileTypes: true });
    } catch (e) {
      if (codeOf(e) !== 'ENOENT') this.errors.push(contentError(dir, 1, 1, '', `cannot read the folder: ${describeSystemError(e)}`));
      return [];
    }
    const out: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const name = entry.name;
      if (name.startsWith('.')) continue;
      // A folder named like a file (x.yaml) is listed: reading it reports a folder where a file should be.
      if (allowed.includes(extname(name))) out.push(`${dir}/${name}`);
      else if (entry.isDirectory()) this.errors.push(contentError(`${dir}/${name}`, 1, 1, '', `unexpected folder in ${dir}/: sitrep reads no sub-folders here, so its files would be left out; move them into ${dir}/`));
      else this.errors.push(contentError(`${dir}/${name}`, 1, 1, '', `unexpected file in ${dir}/: ${hint}`));
    }
    return out;
  }

  /** Why `file` may not be read, or its real path when it may. */
  private async check(file: string): Promise<{ real: string } | { refused: string } | { missing: true }> {
    const path = join(this.root, file);
    let link: boolean;
    try {
      link = (await lstat(path)).isSymbolicLink();
    } catch (e) {
      return codeOf(e) === 'ENOENT' ? { missing: true } : { refused: `cannot be read: ${describeSystemError(e)}` };
    }
    let real: string;
    try {
      real = await realpath(path);
    } catch (e) {
      if (codeOf(e) === 'ENOENT') return { refused: 'is a symbolic link to nothing (its target does not exist): remove it, or put the file itself here' };
      return { refused: `cannot be read: ${describeSystemError(e)}` };
    }
    if (!this.real || !real.startsWith(this.real + sep)) {
      return { refused: `is ${link ? 'a symbolic link' : 'in a folder that links'} to a file outside content/: content files must be regular files inside content/, so put the file itself here` };
    }
    const st = await stat(real);
    if (st.isDirectory()) return { refused: 'is a folder, not a file: content files are regular files' };
    if (!st.isFile()) return { refused: 'is not a regular file (a FIFO, socket or device): content files are regular files' };
    const max = this.limits.file_kb * 1024;
    if (st.size > max) return { refused: `is ${formatSize(st.size)}, more than the ${this.limits.file_kb} KiB a content file may have (limits.file_kb in content/site.yaml)` };
    return { real };
  }

  /**
   * The text of a content file (a leading byte-order mark removed), or undefined after reporting
   * why it cannot be read. With `optional`, a file that does not exist is undefined, not an error.
   */
  async read(file: string, optional = false): Promise<string | undefined> {
    if (!this.real) return undefined;
    const checked = await this.check(file);
    if ('missing' in checked) {
      if (!optional) this.errors.push(contentError(file, 1, 1, '', 'has disappeared while being read'));
      return undefined;
    }
    if ('refused' in checked) {
      this.errors.push(contentError(file, 1, 1, '', checked.refused));
      return undefined;
    }
    try {
      const text = await readFile(checked.real, 'utf8');
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch (e) {
      this.errors.push(contentError(file, 1, 1, '', `cannot be read: ${describeSystemError(e)}`));
      return undefined;
    }
  }

  /**
   * Each of `files` with its text, in their order, as `read` gives it (undefined after reporting why).
   * Up to READ_AHEAD files are read at once: a file costs four system calls, and waiting for each
   * in turn left the build idle for seconds at 10,000 incidents.
   */
  async readAll(files: readonly string[]): Promise<[file: string, text: string | undefined][]> {
    const out: [string, string | undefined][] = new Array(files.length);
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        out[i] = [files[i]!, await this.read(files[i]!)];
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_AHEAD, files.length) }, worker));
    return out;
  }
}

/** How many content files are read at once (see readAll). */
const READ_AHEAD = 32;
