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

/** What {@link memoryStats} reports. */
export interface MemoryStats {
  /** Buffers held for tensors (on the CPU: shared slabs and large tensors' own buffers), as described at memoryStats. */
  buffers: number;
  /** Their bytes (on the CPU less the blocks of slabs waiting in the pool). */
  bytes: number;
  /** Bytes of released memory the device keeps for the next tensors of the same size: held by no tensor. */
  pooledBytes: number;
}

/**
 * Buffers and bytes a device holds for tensors (default: the CPU), to check that a training loop does not grow.
 *
 * - **A GPU** (`'webgpu'`): exact at any moment. A buffer counts from its allocation until every tensor on it is
 *   disposed, released by `releaseTemporaries`, or garbage-collected; the collector hands GPU memory back only in
 *   its cleanup task, which runs between tasks of the event loop, so until then a dropped tensor's buffer is
 *   really still held.
 * - **The CPU**: the collector frees a dropped tensor's memory by itself, but tells the allocator only in that
 *   cleanup task. `buffers` and `bytes` count the buffers made (64 KiB slabs that small tensors share, and large
 *   tensors' own buffers) that it has not yet reported freed, less memory waiting in the pool. Within a synchronous
 *   stretch — a loop that never awaits — they are therefore an upper bound that includes buffers already freed (up
 *   to everything allocated since the stretch began); after an `await` that lets a task run, they are what live
 *   tensors hold, give or take what the collector has not yet found. Compare figures taken after awaits.
 * - `pooledBytes` is released memory kept for reuse, by `dispose()`, `releaseTemporaries` and, on the CPU, large
 *   buffers whose tensors were collected: counted apart, as no tensor holds it.
 * @example
 * const before = memoryStats();
 * for (let i = 0; i < 100; i++) await step();   // each step awaits its loss
 * console.log(memoryStats().bytes - before.bytes); // about 0 when nothing leaks
 */
export function memoryStats(device = 'cpu'): MemoryStats {
  const m = getBackend(device).memory();
  return { buffers: m.buffers, bytes: m.bytes, pooledBytes: m.pooledBytes ?? 0 };
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
