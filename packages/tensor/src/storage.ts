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

/** Why a storage's memory was given back: every tensor on it disposed, or released as a temporary. */
export type ReleaseReason = 'dispose' | 'temporary';

/**
 * A backend buffer and what it holds; every view of it (a reshape, a slice, a transpose) shares one Storage.
 * `version` counts in-place writes, so saved values can be checked for modification.
 *
 * Each tensor made on a storage holds a claim on it, which its `dispose()` gives up: the memory goes back to the
 * backend once every tensor on it is disposed, or when the garbage collector has collected every tensor on it that
 * was not (a disposed tensor no longer refers to its storage). `release()` gives it back at once, whatever holds it.
 */
export class Storage {
  /** Storages made so far in this process; a storage's `id` is the count when it was made. */
  static get created(): number {
    return created;
  }

  /** Increasing with creation order, so code can tell what it made itself (ids from `Storage.created` on). */
  readonly id: number;
  version = 0;
  private releasedBy: ReleaseReason | null = null;
  private claims = 0;

  constructor(
    readonly backend: Backend,
    readonly buffer: unknown,
    readonly dtype: DType,
    readonly size: number,
    /** @internal A storage that stands in for a disposed tensor's: already released, registered nowhere. */
    disposed?: typeof DISPOSED,
  ) {
    if (disposed === DISPOSED) {
      this.id = -1;
      this.releasedBy = 'dispose';
      return;
    }
    this.id = created++;
    if (backend.releaseOnCollect?.(buffer) ?? true) finalizer.register(this, { backend, buffer }, this);
    allocated?.push(this);
  }

  /** True once the memory has been given back: reading the storage is then an error. */
  get isReleased(): boolean {
    return this.releasedBy !== null;
  }

  /** Why the memory was given back (null while it is held): what error messages tell the reader of such a tensor. */
  get releaseReason(): ReleaseReason | null {
    return this.releasedBy;
  }

  /** @internal A new tensor on this storage: its claim, given up by its `dispose()`. */
  claim(): void {
    this.claims++;
  }

  /**
   * @internal Gives up one tensor's claim (its `dispose()`); the last claim given up releases the memory. Returns a
   * stand-in for the disposing tensor to hold instead, so it no longer keeps this storage from the collector.
   */
  disclaim(): Storage {
    if (--this.claims === 0) this.release('dispose');
    return new Storage(this.backend, null, this.dtype, 0, DISPOSED);
  }

  /** Gives the memory back now rather than at garbage collection. Every view of this storage becomes unusable. */
  release(reason: ReleaseReason = 'temporary'): void {
    if (this.releasedBy !== null) return;
    this.releasedBy = reason;
    finalizer.unregister(this);
    this.backend.release(this.buffer);
  }
}

const DISPOSED: unique symbol = Symbol('disposed');
