import { describe, expect, it } from 'vitest';
import { ARENA_BYTES, float64s, int32s } from './typed-arena.ts';

describe('typed arrays carved out of shared buffers', () => {
  it('start zeroed, do not overlap, and share a buffer', () => {
    const a = float64s(1000);
    const b = int32s(3);
    const c = float64s(5);
    expect([...a, ...b, ...c].every((v) => v === 0)).toBe(true);
    a.fill(1);
    b.fill(-1);
    c.fill(2);
    expect([a[0], a[999], b[0], b[2], c[0], c[4]]).toEqual([1, 1, -1, -1, 2, 2]);
    expect(new Set([a.buffer, b.buffer, c.buffer]).size).toBe(1);
    // Each starts on an 8-byte boundary, after the one before: the Int32Array of 3 takes 16 bytes.
    expect(c.byteOffset - b.byteOffset).toBe(16);
    expect(b.byteOffset - a.byteOffset).toBe(8000);
  });

  it('a new buffer is taken when one is full; an array of more than a quarter of one gets its own', () => {
    const first = float64s(1);
    const big = float64s(ARENA_BYTES / 4 / 8 + 1);
    expect(big.buffer).not.toBe(first.buffer);
    expect(big.buffer.byteLength).toBe(big.byteLength);
    const quarter = ARENA_BYTES / 4 / 8;
    const filled = [float64s(quarter), float64s(quarter), float64s(quarter), float64s(quarter)];
    expect(new Set(filled.map((x) => x.buffer)).size).toBe(2);
    expect(filled.every((x) => x.every((v) => v === 0))).toBe(true);
  });

  it('after its buffer moves to another thread, the next array comes from a new one', () => {
    const a = float64s(10);
    a[3] = 7;
    const moved = structuredClone(a, { transfer: [a.buffer] });
    expect(moved[3]).toBe(7);
    expect(a.length).toBe(0);
    const b = float64s(10);
    b[3] = 1;
    expect([b.length, b[3], moved[3]]).toEqual([10, 1, 7]);
  });
});
