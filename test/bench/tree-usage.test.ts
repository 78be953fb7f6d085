/**
 * The bench's measure of a command with the processes it starts (scripts/lib/bench/tree-usage.ts),
 * on real processes: a parent that holds little memory and starts a child that holds much and
 * spends CPU time.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processUsage, treeOf, watchTree } from '../../scripts/lib/bench/tree-usage.ts';

const MB = 1024 * 1024;

/** A child that fills 300 MB, spins for 0.6 s of CPU, holds it all for 0.5 s, then ends. */
const CHILD = `
const b = Buffer.alloc(300 * 1024 * 1024, 1);
const t = Date.now(); let x = 0; while (Date.now() - t < 600) x += b[x % b.length];
setTimeout(() => process.exit(x > 0 ? 0 : 1), 500);
`;
/** A parent that starts the child and waits for it. */
const PARENT = `
const { spawn } = require('node:child_process');
spawn(process.execPath, ['-e', ${JSON.stringify(CHILD)}], { stdio: 'inherit' }).on('close', (code) => process.exit(code ?? 1));
`;

describe('watchTree', () => {
  it('counts the memory and CPU time of the processes a command starts, which its own resource usage leaves out', { timeout: 30_000 }, async () => {
    const parent = spawn(process.execPath, ['-e', PARENT], { stdio: 'inherit' });
    const watch = watchTree(parent.pid!, 20);
    let parentPeak = 0;
    let children = 0;
    const polling = setInterval(() => {
      void processUsage(parent.pid!).then((u) => { if (u) parentPeak = Math.max(parentPeak, u.rssBytes); });
      void treeOf(parent.pid!).then((t) => { children = Math.max(children, t.length - 1); });
    }, 20);
    const code = await new Promise((done) => parent.on('close', done));
    clearInterval(polling);
    const usage = await watch.stop();
    expect(code).toBe(0);
    expect(children).toBe(1);
    // The parent alone never held the child's 300 MB; the tree did.
    expect(parentPeak).toBeLessThan(150 * MB);
    expect(usage.peakRssBytes).toBeGreaterThan(300 * MB);
    expect(usage.cpuSecondsByPid.size).toBe(2);
    const childCpu = [...usage.cpuSecondsByPid].filter(([pid]) => pid !== parent.pid).map(([, cpu]) => cpu);
    expect(childCpu[0]).toBeGreaterThan(0.4);
    expect(usage.samples).toBeGreaterThan(10);
  });

  it('reads a process that has gone as nothing, not as an error', async () => {
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((done) => gone.on('close', done));
    expect(await processUsage(gone.pid!)).toBeNull();
    expect(await treeOf(gone.pid!)).toEqual([gone.pid]);
  });
});
