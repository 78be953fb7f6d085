/**
 * Preloaded (`node --import`) into each command `npm run bench` measures: when the process exits,
 * it writes its own resource usage (CPU time, peak RSS; worker threads included) to the file named
 * by SITREP_USAGE_FILE. Processes it starts in turn (git) are not counted.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.SITREP_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6, maxRssBytes: u.maxRSS * 1024 }));
  });
}
