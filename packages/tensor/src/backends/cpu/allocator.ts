import type { AnyTypedArray, DType } from '../../dtype.js';

/**
 * Memory for CPU tensors. A typed array of its own per tensor is slow to make (each one is a separate block of
 * external memory that the garbage collector must account for), so small tensors are carved out of shared 64 KiB
 * slabs instead: making one is creating a view. Slabs are never reused while any view into them lives, so the
 * garbage collector reclaims a slab exactly when every tensor in it is gone, and new memory is always zeroed.
 * Large tensors get a buffer of their own.
 *
 * Memory released explicitly (a tensor's `dispose()`, and the temporaries that backward and optimizer steps
 * release) is kept for reuse, keyed by size: writing to memory the process has not touched yet costs page faults
 * that dominate an elementwise op on this kind of machine, and a training loop asks for the same sizes every
 * step. A large tensor's own buffer is also handed back when the tensor is garbage-collected, within a budget
 * (`MAX_PENDING_BYTES`): such a buffer stays alive until the collector's cleanup task runs, which is only when
 * the event loop turns (a training loop that awaits its loss each step), so past the budget buffers are left to
 * the collector and a synchronous loop that never yields cannot pile them up. Slabs are never held that way.
 */
// Slabs stay below 128 KiB, where malloc (glibc's, and others) stops mapping every block afresh from the
// system: memory freshly mapped costs a page fault per 4 KiB on its first write (measured at ~15 µs each on a
// virtual machine: a makemore MLP step at batch 32 took 1.1 ms with 1 MiB slabs and 0.6 ms with 64 KiB ones),
// while smaller blocks come back from malloc's heap as soon as the collector frees them. That reuse needs no
// event-loop turn, so it also serves synchronous training loops, which the reuse below reaches only through
// explicit releases.
const SLAB_BYTES = 64 << 10;
const OWN_BUFFER_BYTES = SLAB_BYTES >> 3;
const MIB = 1 << 20;
/** Released memory kept for reuse at most; past it, released memory is left to the garbage collector. */
const MAX_FREE_BYTES = 64 * MIB;
/** Bytes of large buffers at most waiting for their tensor's collection to come back for reuse. */
const MAX_PENDING_BYTES = 64 * MIB;

const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array } as const;

let slab: ArrayBuffer | null = null;
let used = 0;

// Buffers made and not yet reported collected, less what sits in the pool for reuse (held by no tensor): blocks'
// bytes, and large buffers themselves (a pooled buffer is never collected, so it is never subtracted twice).
const live = { buffers: 0, bytes: 0 };
const collected = new FinalizationRegistry<number>((bytes) => {
  live.buffers--;
  live.bytes -= bytes;
});

function track(buf: ArrayBuffer): ArrayBuffer {
  live.buffers++;
  live.bytes += buf.byteLength;
  collected.register(buf, buf.byteLength);
  return buf;
}

// Released arrays by their block's byte length (a multiple of 8, so a block serves any dtype of that many bytes).
// The array itself is handed out again when the next request has its dtype and length (most do, in a training
// loop), which saves making a typed array object.
const free = new Map<number, AnyTypedArray[]>();
let freeBytes = 0;

// Large tensors' own buffers (not slabs), and those whose tensors' collection will hand them to `recycle`.
const owned = new WeakSet<ArrayBufferLike>();
const pending = new Set<ArrayBufferLike>();
let pendingBytes = 0;

/** Bytes a block of `bytes` bytes occupies: rounded up to 8, the alignment that suits every element size. */
const blockBytes = (bytes: number): number => Math.ceil(bytes / 8) * 8; // not `& ~7`: sizes reach past 2 GiB

/** A typed array of `size` elements of `dtype`, zero-filled unless `contents` is 'any' (new memory is zero anyway). */
export function allocate(dtype: DType, size: number, contents: 'zeros' | 'any' = 'zeros'): AnyTypedArray {
  const ctor = CTORS[dtype];
  const bytes = blockBytes(size * ctor.BYTES_PER_ELEMENT);
  const reused = free.get(bytes)?.pop();
  if (reused !== undefined) {
    freeBytes -= bytes;
    live.bytes += bytes;
    if (owned.has(reused.buffer)) live.buffers++;
    const out = reused.constructor === ctor && reused.length === size ? reused : new ctor(reused.buffer as ArrayBuffer, reused.byteOffset, size);
    if (contents === 'zeros') out.fill(0);
    return out;
  }
  if (bytes > OWN_BUFFER_BYTES) {
    const own = track(new ArrayBuffer(bytes));
    owned.add(own);
    return new ctor(own, 0, size);
  }
  const start = used;
  if (slab === null || start + bytes > SLAB_BYTES) {
    slab = track(new ArrayBuffer(SLAB_BYTES));
    used = bytes;
    return new ctor(slab, 0, size);
  }
  used = start + bytes;
  return new ctor(slab, start, size);
}

/**
 * Takes back the memory of a typed array made by {@link allocate}; the caller guarantees nothing reads or writes
 * it any more.
 */
export function recycle(array: AnyTypedArray): void {
  const buf = array.buffer;
  if (pending.delete(buf)) pendingBytes -= buf.byteLength;
  const bytes = blockBytes(array.byteLength);
  if (bytes === 0 || freeBytes + bytes > MAX_FREE_BYTES) return; // left to the collector, and counted until it reports
  let list = free.get(bytes);
  if (!list) free.set(bytes, (list = []));
  list.push(array);
  freeBytes += bytes;
  live.bytes -= bytes;
  if (owned.has(buf)) live.buffers--;
}


/** Whether `array` should come back to {@link recycle} when its tensor is collected: large buffers, within the budget. */
export function recycleOnCollect(array: AnyTypedArray): boolean {
  const buf = array.buffer;
  if (!owned.has(buf) || pending.has(buf) || pendingBytes + buf.byteLength > MAX_PENDING_BYTES) return false;
  pending.add(buf);
  pendingBytes += buf.byteLength;
  return true;
}

/**
 * Buffers (slabs and large tensors' own buffers) not yet reported collected and not waiting in the pool, their
 * bytes less the pooled blocks', and the pooled bytes. The collector reports only between tasks of the event loop,
 * so within a synchronous stretch `buffers` and `bytes` still include buffers it has already freed.
 */
export function memory(): { buffers: number; bytes: number; pooledBytes: number } {
  return { buffers: live.buffers, bytes: live.bytes, pooledBytes: freeBytes };
}
