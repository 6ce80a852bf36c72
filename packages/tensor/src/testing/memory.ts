import { memoryStats } from '../storage.js';

/** What a device holds, and the JS heap, once garbage is collected. */
export interface SettledMemory {
  buffers: number;
  bytes: number;
  heap: number;
}

/**
 * Collects garbage until finalizers have run (they release storages only when the event loop turns), then reads
 * the device's live buffers and bytes and the heap: what a memory test compares before and after a loop. Needs
 * Node started with `--expose-gc`.
 * @example const before = await settleMemory('cpu'); for (…) step(); const after = await settleMemory('cpu');
 */
export async function settleMemory(device: string): Promise<SettledMemory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('settleMemory: garbage collection is not exposed (run node with --expose-gc)');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 0));
  }
  const { buffers, bytes } = memoryStats(device);
  return { buffers, bytes, heap: process.memoryUsage().heapUsed };
}
