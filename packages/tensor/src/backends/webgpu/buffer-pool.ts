/// <reference types="@webgpu/types" />
import type { DType } from '../../dtype.js';

// GPUBufferUsage / GPUMapMode values from the WebGPU spec. Node's `webgpu` package does not install the
// browser globals, so the backend uses the numbers rather than `GPUBufferUsage.STORAGE`.
export const USAGE_MAP_READ = 0x0001;
export const USAGE_COPY_SRC = 0x0004;
export const USAGE_COPY_DST = 0x0008;
export const USAGE_UNIFORM = 0x0040;
export const USAGE_STORAGE = 0x0080;
export const MAP_READ = 0x0001;

const STORAGE_USAGE = USAGE_STORAGE | USAGE_COPY_SRC | USAGE_COPY_DST;
const MIN_BYTES = 256;

/**
 * A tensor's memory on the GPU: a pooled `GPUBuffer` plus what the backend must remember about it.
 * Every dtype is stored 4 bytes per element (f32, i32, and bool as u32).
 */
export class GpuBuffer {
  /**
   * True while the contents are still owed zeros: a buffer taken from the pool holds old data, and clearing it
   * is deferred until something reads it or writes only part of it (a kernel writing all of it needs no clear).
   */
  needsZero: boolean;
  /** True until a recorded command uses the buffer, so a host write can go straight to the queue. */
  untouched = true;

  constructor(
    readonly gpu: GPUBuffer,
    readonly dtype: DType,
    /** Elements the tensor's storage holds (the GPU buffer may be larger, rounded to its pool class). */
    readonly size: number,
    reused: boolean,
  ) {
    this.needsZero = reused;
  }
}

/**
 * Size classes: a quarter-power-of-two at least 256 bytes, so buffers of nearby sizes share a class and a
 * rounded-up buffer wastes at most a quarter of its bytes.
 */
export function sizeClass(bytes: number): number {
  if (bytes <= MIN_BYTES) return MIN_BYTES;
  const pow = 2 ** Math.floor(Math.log2(bytes));
  const quarter = pow / 4;
  return Math.ceil(bytes / quarter) * quarter;
}

/**
 * The bytes to create for a request of `bytes`: its size class, or, where the class would pass `max` (a device
 * limit), the request itself rounded up to 4 bytes.
 * @example bufferBytes(1000, 2 ** 30)   // 1024
 */
export function bufferBytes(bytes: number, max: number): number {
  const c = sizeClass(bytes);
  return c <= max ? c : Math.max(MIN_BYTES, Math.ceil(bytes / 4) * 4);
}

/**
 * Free GPU buffers, keyed by size class. Released buffers come back here and are handed out again before a new
 * one is created; past `maxFreeBytes` of free memory they are destroyed instead.
 */
export class BufferPool {
  private readonly free = new Map<number, GPUBuffer[]>();
  private freeBytes = 0;
  /** Buffers created so far (for statistics and tests). */
  created = 0;
  private readonly maxBytes: number;

  constructor(
    private readonly device: GPUDevice,
    private readonly maxFreeBytes = 256 * 1024 * 1024,
    /** Told of a buffer the device failed to create (out of memory), which it reports only asynchronously. */
    private readonly onCreateError: (message: string) => void = () => {},
  ) {
    this.maxBytes = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  }

  /** A storage buffer for `size` elements of `dtype`, reused from the pool when one of its class is free. */
  acquire(dtype: DType, size: number): GpuBuffer {
    const bytes = bufferBytes(size * 4, this.maxBytes);
    const list = this.free.get(bytes);
    const reused = list?.pop();
    if (reused) {
      this.freeBytes -= bytes;
      return new GpuBuffer(reused, dtype, size, true);
    }
    const gpu = this.create(bytes);
    this.created++;
    return new GpuBuffer(gpu, dtype, size, false);
  }

  // A failure (out of memory) surfaces only asynchronously; the scope catches it so it is reported as this
  // allocation's, not as whatever error the device raises next.
  private create(bytes: number): GPUBuffer {
    this.device.pushErrorScope('out-of-memory');
    this.device.pushErrorScope('validation');
    const gpu = this.device.createBuffer({ size: bytes, usage: STORAGE_USAGE });
    const report = (e: GPUError | null) => {
      if (e) this.onCreateError(`creating a buffer of ${bytes} bytes failed: ${e.message}`);
    };
    void this.device.popErrorScope().then(report, () => {});
    void this.device.popErrorScope().then(report, () => {});
    return gpu;
  }

  /** Takes a buffer back; the caller guarantees no unsubmitted command still uses it. */
  give(gpu: GPUBuffer): void {
    const bytes = gpu.size;
    if (this.freeBytes + bytes > this.maxFreeBytes) {
      gpu.destroy();
      return;
    }
    let list = this.free.get(bytes);
    if (!list) this.free.set(bytes, (list = []));
    list.push(gpu);
    this.freeBytes += bytes;
  }

  /** Bytes currently held free in the pool. */
  get pooledBytes(): number {
    return this.freeBytes;
  }

  /** Destroys every free buffer. */
  drain(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
    this.freeBytes = 0;
  }
}
