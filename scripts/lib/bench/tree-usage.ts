/**
 * What a command costs with every process it starts: `npm run build` runs its pages in a process of
 * its own, then Pagefind in another (at the large size each holds some 1.7 to 1.8 GB), and a
 * process's own resource usage leaves its children out. `watchTree(pid)` samples the process and
 * its descendants from Linux's /proc every `intervalMs`:
 * - memory: each process's high-water mark (VmHWM, its exact peak so far, not a sample of its
 *   resident memory) summed over the processes alive together; a process that ended since the
 *   last sample is still counted in that sample, with its last mark. A spike between two samples
 *   is caught; the bound is high only where two processes' peaks came at different moments.
 * - CPU time: each process's, as last seen (its last interval is missed).
 * A process that lives less than one interval is missed, and so is one that leaves the tree
 * (reparented when its parent ends before it).
 */
import { readdir, readFile } from 'node:fs/promises';

export interface TreeUsage {
  /** Highest sum, over the samples, of the high-water marks of the processes alive together (see above). */
  peakRssBytes: number;
  /** CPU time (user and system) of each process seen, by pid and start time, as last sampled. */
  cpuSecondsByProcess: Map<string, number>;
  /** Names of the processes seen (Linux's `comm`), by pid and start time. */
  names: Map<string, string>;
  samples: number;
}

/** Linux reports times in /proc/<pid>/stat in clock ticks of USER_HZ, 100 a second on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

const readText = (path: string) => readFile(path, 'utf8').catch(() => null);

/** The process's children (over all its threads), from /proc/<pid>/task/<tid>/children; null once it has gone. */
async function childrenOf(pid: number): Promise<number[] | null> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => null);
  if (!tasks) return null;
  const lists = await Promise.all(tasks.map((t) => readText(`/proc/${pid}/task/${t}/children`)));
  if (tasks.length && lists.every((l) => l === null) && (await readText(`/proc/${pid}/stat`)) !== null) {
    throw new Error(`cannot list the child processes of ${pid}: this kernel has no /proc/<pid>/task/<tid>/children`);
  }
  return lists.flatMap((l) => (l ?? '').split(' ').filter(Boolean).map(Number));
}

/** The process and its descendants, parents before their children. */
export async function treeOf(pid: number): Promise<number[]> {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...((await childrenOf(tree[i]!)) ?? []));
  return tree;
}

/** What /proc says of one process; null once it has gone. `key` is its pid and start time, unique while the machine runs. */
export interface ProcessUsage { key: string; name: string; rssBytes: number; peakRssBytes: number; cpuSeconds: number }

export async function processUsage(pid: number): Promise<ProcessUsage | null> {
  const [status, stat] = await Promise.all([readText(`/proc/${pid}/status`), readText(`/proc/${pid}/stat`)]);
  if (status === null || stat === null) return null;
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? 0) * 1024;
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
  // utime and stime fields 14 and 15, starttime field 22 (proc(5)).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    key: `${pid}@${fields[19]}`,
    name: /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?',
    rssBytes: kB('VmRSS'),
    peakRssBytes: kB('VmHWM'),
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
  };
}

/** Sample `pid` and its descendants until `stop()`, which resolves to what was seen. */
export function watchTree(pid: number, intervalMs = 100): { stop: () => Promise<TreeUsage> } {
  const usage: TreeUsage = { peakRssBytes: 0, cpuSecondsByProcess: new Map(), names: new Map(), samples: 0 };
  // The high-water mark of each process alive at the last sample.
  let marks = new Map<string, number>();
  let stopped = false;
  let failure: Error | undefined;
  const sample = async () => {
    const seen = (await Promise.all((await treeOf(pid)).map(processUsage))).filter((u) => u !== null);
    const now = new Map(seen.map((u) => [u.key, u.peakRssBytes]));
    let sum = 0;
    for (const mark of now.values()) sum += mark;
    for (const [key, mark] of marks) if (!now.has(key)) sum += mark;
    marks = now;
    for (const u of seen) {
      usage.cpuSecondsByProcess.set(u.key, Math.max(usage.cpuSecondsByProcess.get(u.key) ?? 0, u.cpuSeconds));
      usage.names.set(u.key, u.name);
    }
    usage.peakRssBytes = Math.max(usage.peakRssBytes, sum);
    usage.samples++;
  };
  const loop = (async () => {
    while (!stopped) {
      await sample().catch((e: Error) => {
        failure = e;
        stopped = true;
      });
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      if (failure) throw failure;
      return usage;
    },
  };
}
