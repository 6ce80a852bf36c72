import type { Backend } from './backend.js';
import type { DType } from './dtype.js';

interface Held {
  backend: Backend;
  buffer: unknown;
}

// Device memory goes back to its backend when the last tensor viewing it is garbage-collected,
// so users never have to dispose tensors in ordinary code.
const finalizer = new FinalizationRegistry<Held>((held) => held.backend.release(held.buffer));

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
    if (backend.name !== 'cpu') finalizer.register(this, { backend, buffer }, this);
  }

  /** True once `release` has run: reading the storage is then an error. */
  get isReleased(): boolean {
    return this.released;
  }

  /** Gives the memory back now rather than at garbage collection. Every view of this storage becomes unusable. */
  release(): void {
    if (this.released) return;
    this.released = true;
    finalizer.unregister(this);
    this.backend.release(this.buffer);
  }
}
