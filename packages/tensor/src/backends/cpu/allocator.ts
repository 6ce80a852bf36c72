import type { AnyTypedArray, DType } from '../../dtype.js';

/**
 * Memory for CPU tensors. A typed array of its own per tensor is slow to make (each one is a separate block of
 * external memory that the garbage collector must account for), so small tensors are carved out of shared 1 MiB
 * slabs instead: making one is creating a view. Slabs are never reused while any view into them lives, so the
 * garbage collector reclaims a slab exactly when every tensor in it is gone, and new memory is always zeroed.
 * Large tensors get a buffer of their own.
 */
const SLAB_BYTES = 1 << 20;
const OWN_BUFFER_BYTES = SLAB_BYTES >> 3;

const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array } as const;

let slab: ArrayBuffer | null = null;
let used = 0;

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

/** A zero-filled typed array of `size` elements of `dtype`. */
export function allocate(dtype: DType, size: number): AnyTypedArray {
  const ctor = CTORS[dtype];
  const bytes = size * ctor.BYTES_PER_ELEMENT;
  if (bytes > OWN_BUFFER_BYTES) return new ctor(track(new ArrayBuffer(bytes)));
  // 8-byte alignment suits every element size
  const start = (used + 7) & ~7;
  if (slab === null || start + bytes > SLAB_BYTES) {
    slab = track(new ArrayBuffer(SLAB_BYTES));
    used = bytes;
    return new ctor(slab, 0, size);
  }
  used = start + bytes;
  return new ctor(slab, start, size);
}

/** Buffers (slabs and large tensors' own buffers) not yet collected, and their bytes. */
export function memory(): { buffers: number; bytes: number } {
  return { ...live };
}
