import type { Backend } from './backend.js';
import { itemSize, type DType } from './dtype.js';

interface Held {
  backend: Backend;
  buffer: unknown;
  bytes: number;
}

const live = { count: 0, bytes: 0 };

// Device memory goes back to its backend when the last tensor viewing it is garbage-collected,
// so users never have to dispose tensors in ordinary code. Every storage is counted, so tests and
// users can check that a training loop does not leak.
const finalizer = new FinalizationRegistry<Held>((held) => {
  live.count--;
  live.bytes -= held.bytes;
  if (held.buffer !== null) held.backend.release(held.buffer);
});

/** Storages (device buffers) not yet collected or released, and their bytes, across every backend. */
export function memoryStats(): { liveStorages: number; liveBytes: number } {
  return { liveStorages: live.count, liveBytes: live.bytes };
}

/**
 * A backend buffer and what it holds; every view of it (a reshape, a slice, a transpose) shares one Storage.
 * `version` counts in-place writes, so saved values can be checked for modification.
 */
export class Storage {
  version = 0;
  private released = false;

  constructor(
    readonly backend: Backend,
    readonly buffer: unknown,
    readonly dtype: DType,
    readonly size: number,
  ) {
    const bytes = size * itemSize(dtype);
    live.count++;
    live.bytes += bytes;
    // the CPU's typed arrays are reclaimed by the garbage collector itself; holding them here would keep them
    // alive until the registry's cleanup task runs, which never happens inside a synchronous training loop
    finalizer.register(this, { backend, buffer: backend.name === 'cpu' ? null : buffer, bytes }, this);
  }

  /** True once `release` has run: reading the storage is then an error. */
  get isReleased(): boolean {
    return this.released;
  }

  /** Gives the memory back now rather than at garbage collection. Every view of this storage becomes unusable. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (finalizer.unregister(this)) {
      live.count--;
      live.bytes -= this.size * itemSize(this.dtype);
    }
    this.backend.release(this.buffer);
  }
}
