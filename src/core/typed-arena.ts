/**
 * Typed arrays carved out of shared buffers of 64 MB. The engine of a large organisation builds a
 * thousand series of half a megabyte each. Allocated one by one, each of them grows V8's external
 * memory, and every few dozen the collector runs a full mark of the heap (the snapshots' columns
 * included): about 0.5 s of the engine at 1,000 SLOs. Carved out of a few big buffers, the memory
 * grows in a few steps. Every array starts zeroed, as from `new Float64Array(n)`, and no two
 * arrays overlap. An array of more than a quarter of a buffer gets one of its own.
 *
 * What sharing a buffer means for callers:
 * - A buffer lives as long as any array carved out of it, and the one being filled lives as long
 *   as this module: a process keeps at most one buffer's worth of memory beyond its live arrays.
 * - Cloning an array (structuredClone, postMessage without transferring it) copies its whole
 *   buffer, 64 MB. Move arrays between threads by transferring their buffers, all at once.
 * - Transferring a buffer empties every array carved out of it in the sending thread, not only
 *   the ones sent. The build moves the whole model off its model thread once, at the end
 *   (scripts/lib/model-worker.ts), and builds nothing after; the next array here then comes from
 *   a new buffer.
 */
export const ARENA_BYTES = 64 * 1024 * 1024;

let arena: ArrayBuffer | null = null;
let used = 0;

/** A zeroed region of `bytes` (rounded up to 8, so any typed array may start there): its buffer and offset. */
function carve(bytes: number): { buffer: ArrayBuffer; at: number } {
  const size = Math.ceil(bytes / 8) * 8;
  if (size > ARENA_BYTES / 4) return { buffer: new ArrayBuffer(size), at: 0 };
  // byteLength 0: the buffer was transferred to another thread.
  if (arena === null || arena.byteLength === 0 || used + size > ARENA_BYTES) {
    arena = new ArrayBuffer(ARENA_BYTES);
    used = 0;
  }
  const at = used;
  used += size;
  return { buffer: arena, at };
}

/** A zeroed Float64Array of `n` values. */
export function float64s(n: number): Float64Array {
  const { buffer, at } = carve(8 * n);
  return new Float64Array(buffer, at, n);
}

/** A zeroed Int32Array of `n` values. */
export function int32s(n: number): Int32Array {
  const { buffer, at } = carve(4 * n);
  return new Int32Array(buffer, at, n);
}
