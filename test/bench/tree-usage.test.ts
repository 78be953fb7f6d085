/**
 * The bench's measure of a command with the processes it starts (scripts/lib/bench/tree-usage.ts),
 * on real processes: a parent and the child it starts, each holding memory, the child spending CPU
 * time; and a spike of memory between two samples.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processUsage, treeOf, watchTree } from '../../scripts/lib/bench/tree-usage.ts';

const MB = 1024 * 1024;

/** A child that fills 300 MB, spins for 0.6 s of CPU, holds it all for 0.5 s more, then ends. */
const CHILD = `
const b = Buffer.alloc(300 * 1024 * 1024, 1);
const t = Date.now(); let x = 0; while (Date.now() - t < 600) x += b[x % b.length];
setTimeout(() => process.exit(x > 0 ? 0 : 1), 500);
`;
/** A parent that fills 200 MB, then starts the child and waits for it. */
const PARENT = `
const held = Buffer.alloc(200 * 1024 * 1024, 1);
const { spawn } = require('node:child_process');
spawn(process.execPath, ['-e', ${JSON.stringify(CHILD)}], { stdio: 'inherit' }).on('close', (code) => process.exit(code ?? held[0] - 1));
`;

const ended = (p: ReturnType<typeof spawn>) => new Promise((done) => p.on('close', done));

describe('watchTree', () => {
  it('adds up the memory of a command and the processes it starts, and counts their CPU time, which its own resource usage leaves out', { timeout: 30_000 }, async () => {
    const parent = spawn(process.execPath, ['-e', PARENT], { stdio: 'inherit' });
    const watch = watchTree(parent.pid!, 20);
    let parentPeak = 0;
    let children = 0;
    const polling = setInterval(() => {
      void processUsage(parent.pid!).then((u) => { if (u) parentPeak = Math.max(parentPeak, u.peakRssBytes); });
      void treeOf(parent.pid!).then((t) => { children = Math.max(children, t.length - 1); });
    }, 20);
    const code = await ended(parent);
    clearInterval(polling);
    const usage = await watch.stop();
    expect(code).toBe(0);
    expect(children).toBe(1);
    // Each held its own: the parent some 200 MB, never the child's 300 MB; the two together, more than 500 MB.
    expect(parentPeak).toBeGreaterThan(200 * MB);
    expect(parentPeak).toBeLessThan(300 * MB);
    expect(usage.peakRssBytes).toBeGreaterThan(500 * MB);
    expect(usage.cpuSecondsByProcess.size).toBe(2);
    const childCpu = [...usage.cpuSecondsByProcess].filter(([key]) => !key.startsWith(`${parent.pid}@`)).map(([, cpu]) => cpu);
    expect(childCpu[0]).toBeGreaterThan(0.4);
    expect([...usage.names.values()]).toEqual(['node', 'node']);
  });

  it('catches memory held only between two samples: each process\'s high-water mark, not its memory at the sample', { timeout: 30_000 }, async () => {
    // 300 MB from 0.2 s to about 0.4 s, given back, then 1.3 s more with little; samples 0.7 s apart.
    const spike = spawn(process.execPath, ['--expose-gc', '-e', 'setTimeout(() => { let b = Buffer.alloc(300 * 1024 * 1024, 1); b = b[0] ? null : b; globalThis.gc(); setTimeout(() => process.exit(0), 1300); }, 200);'], { stdio: 'inherit' });
    const watch = watchTree(spike.pid!, 700);
    let lowAtSomeSample = Infinity;
    const polling = setInterval(() => void processUsage(spike.pid!).then((u) => { if (u) lowAtSomeSample = Math.min(lowAtSomeSample, u.rssBytes); }), 900);
    await ended(spike);
    clearInterval(polling);
    const usage = await watch.stop();
    expect(lowAtSomeSample).toBeLessThan(150 * MB);
    expect(usage.peakRssBytes).toBeGreaterThan(300 * MB);
  });

  it('reads a process that has gone as nothing, not as an error', async () => {
    const gone = spawn(process.execPath, ['-e', '0']);
    await ended(gone);
    expect(await processUsage(gone.pid!)).toBeNull();
    expect(await treeOf(gone.pid!)).toEqual([gone.pid]);
  });
});
