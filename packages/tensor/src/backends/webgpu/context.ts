/// <reference types="@webgpu/types" />
import type { View } from '../../backend.js';
import type { DType } from '../../dtype.js';
import { isContiguous, numel } from '../../shape.js';
import type { BufferPool, GpuBuffer } from './buffer-pool.js';
import type { CommandQueue } from './command-queue.js';
import type { PipelineCache } from './pipelines.js';

/** A kernel's view of a GPU tensor. */
export type GpuView = View<GpuBuffer>;

/**
 * What kernels share: the pipeline cache, the command queue, the pool, and the bookkeeping that decides whether
 * a pooled buffer must be cleared before a kernel touches it.
 */
export class KernelContext {
  constructor(
    readonly device: GPUDevice,
    readonly pipelines: PipelineCache,
    readonly queue: CommandQueue,
    readonly pool: BufferPool,
    /** Device-side error flags (out-of-range indices), read back with every read. */
    readonly flags: GPUBuffer,
  ) {}

  /** The GPU buffer of a view a kernel reads (or reads and writes), cleared first if it still owes zeros. */
  input(view: GpuView): GPUBuffer {
    const b = view.buffer;
    if (b.needsZero) {
      this.queue.clear(b.gpu);
      b.needsZero = false;
    }
    b.untouched = false;
    return b.gpu;
  }

  /** The GPU buffer of a view a kernel writes; a kernel writing every element needs no clear first. */
  output(view: GpuView): GPUBuffer {
    const b = view.buffer;
    if (b.needsZero && coversBuffer(view)) b.needsZero = false;
    return this.input(view);
  }

  /** A scratch buffer; give it back with {@link releaseTemp} once its last kernel is recorded. */
  temp(dtype: DType, size: number): GpuBuffer {
    const b = this.pool.acquire(dtype, size);
    b.needsZero = false; // scratch is always written in full before it is read
    return b;
  }

  releaseTemp(b: GpuBuffer): void {
    this.queue.release(b.gpu);
  }
}

/** Whether a view covers every element of its buffer (contiguous from 0 over the whole storage). */
export function coversBuffer(view: GpuView): boolean {
  return view.offset === 0 && numel(view.shape) === view.buffer.size && isContiguous(view.shape, view.strides);
}

/** A contiguous view of a whole buffer with the given shape. */
export function wholeView(buffer: GpuBuffer, shape: readonly number[]): GpuView {
  const strides: number[] = [];
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return { buffer, dtype: buffer.dtype, shape, strides, offset: 0 };
}
