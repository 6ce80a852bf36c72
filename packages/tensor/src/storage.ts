import type { Backend } from './backend.js';
import type { DType } from './dtype.js';
import { getBackend } from './device.js';

interface Held {
  backend: Backend;
  buffer: unknown;
}

// Device memory goes back to its backend when the last tensor viewing it is garbage-collected, so users never
// have to dispose tensors in ordinary code. The CPU needs no such hook: its memory is garbage-collected itself.
const finalizer = new FinalizationRegistry<Held>((held) => held.backend.release(held.buffer));

/**
 * Buffers and bytes a device holds for tensors (default: the CPU), to check that a training loop does not grow.
 * Memory is returned when the garbage collector has run and, for GPUs, once the event loop has had a turn.
 */
export function memoryStats(device = 'cpu'): { buffers: number; bytes: number } {
  return getBackend(device).memory();
}

let allocated: Storage[] | null = null;
let created = 0;

/**
 * Runs `fn`, then releases every {@link Storage} created while it ran except those `keep(result)` names (a nested
 * call releases its own temporaries, and what it keeps counts as created by the enclosing call). For library code
 * whose temporaries cannot escape — the backward pass, an optimizer's update, a composite op's intermediates — so
 * their memory comes back at once: garbage collection returns memory only when the event loop turns, which never
 * happens inside a synchronous training loop.
 */
export function releaseTemporaries<T>(fn: () => T, keep: (result: T) => Iterable<Storage>): T {
  const outer = allocated;
  const made: Storage[] = [];
  allocated = made;
  let result: T;
  try {
    result = fn();
  } finally {
    allocated = outer;
  }
  const kept = new Set(keep(result));
  for (const s of made) {
    if (!kept.has(s)) s.release();
    else outer?.push(s); // what a nested call keeps is the enclosing call's to release or keep
  }
  return result;
}

/**
 * A backend buffer and what it holds; every view of it (a reshape, a slice, a transpose) shares one Storage.
 * `version` counts in-place writes, so saved values can be checked for modification.
 */
export class Storage {
  /** Storages made so far in this process; a storage's `id` is the count when it was made. */
  static get created(): number {
    return created;
  }

  /** Increasing with creation order, so code can tell what it made itself (ids from `Storage.created` on). */
  readonly id = created++;
  version = 0;
  private released = false;

  constructor(
    readonly backend: Backend,
    readonly buffer: unknown,
    readonly dtype: DType,
    readonly size: number,
  ) {
    if (backend.releaseOnCollect?.(buffer) ?? true) finalizer.register(this, { backend, buffer }, this);
    allocated?.push(this);
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
