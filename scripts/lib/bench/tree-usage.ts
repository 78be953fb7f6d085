/**
 * What a command costs with every process it starts: `npm run build` runs Pagefind as a process of
 * its own, whose memory and CPU time a process's own resource usage leaves out (at the large size
 * Pagefind alone holds some 1.7 GB). `watchTree(pid)` samples the process and its descendants from
 * Linux's /proc every `intervalMs`: the peak of their summed resident memory, and each process's
 * CPU time as last seen. A sample can miss a process that lives less than one interval, and the
 * last interval of each process's CPU time; the caller takes the root process's exact figures
 * from its own resource usage where it has them (see `npm run bench`).
 */
import { readdir, readFile } from 'node:fs/promises';

export interface TreeUsage {
  /** Highest sum of the resident memory of the process and its descendants, over the samples. */
  peakRssBytes: number;
  /** CPU time (user and system) of each process seen, by pid, as last sampled. */
  cpuSecondsByPid: Map<number, number>;
  /** Names of the processes seen (Linux's `comm`), by pid. */
  names: Map<number, string>;
  samples: number;
}

/** Linux reports CPU time in /proc/<pid>/stat in clock ticks of USER_HZ, 100 a second on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

const readText = (path: string) => readFile(path, 'utf8').catch(() => null);

/** The process's children (over all its threads), from /proc/<pid>/task/<tid>/children. */
async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const lists = await Promise.all(tasks.map((t) => readText(`/proc/${pid}/task/${t}/children`)));
  return lists.flatMap((l) => (l ?? '').split(' ').filter(Boolean).map(Number));
}

/** The process and its descendants, parents before their children. */
export async function treeOf(pid: number): Promise<number[]> {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(await childrenOf(tree[i]!)));
  return tree;
}

/** One process's resident memory (bytes) and CPU time (seconds), or null once it has gone. */
export async function processUsage(pid: number): Promise<{ rssBytes: number; cpuSeconds: number; name: string } | null> {
  const [status, stat] = await Promise.all([readText(`/proc/${pid}/status`), readText(`/proc/${pid}/stat`)]);
  if (status === null || stat === null) return null;
  const rss = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?';
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
  // utime and stime fields 14 and 15 (proc(5)).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssBytes: rss ? Number(rss[1]) * 1024 : 0, cpuSeconds: ticks / TICKS_PER_SECOND, name };
}

/** Sample `pid` and its descendants until `stop()`, which resolves to what was seen. */
export function watchTree(pid: number, intervalMs = 100): { stop: () => Promise<TreeUsage> } {
  const usage: TreeUsage = { peakRssBytes: 0, cpuSecondsByPid: new Map(), names: new Map(), samples: 0 };
  let stopped = false;
  const sample = async () => {
    const tree = await treeOf(pid);
    const seen = await Promise.all(tree.map(async (p) => [p, await processUsage(p)] as const));
    let rss = 0;
    for (const [p, u] of seen) {
      if (!u) continue;
      rss += u.rssBytes;
      usage.cpuSecondsByPid.set(p, Math.max(usage.cpuSecondsByPid.get(p) ?? 0, u.cpuSeconds));
      usage.names.set(p, u.name);
    }
    usage.peakRssBytes = Math.max(usage.peakRssBytes, rss);
    usage.samples++;
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return usage;
    },
  };
}
