/// <reference types="@webgpu/types" />
import type { ArgReduceOp, AttentionViews, Backend, ReduceOp, ScanOp } from '../../backend.js';
import type { AnyTypedArray, DType } from '../../dtype.js';
import type { ElementwiseOp } from '../../ops/elementwise-table.js';
import { BufferPool, GpuBuffer, USAGE_COPY_DST, USAGE_COPY_SRC, USAGE_STORAGE } from './buffer-pool.js';
import { CommandQueue } from './command-queue.js';
import { coversBuffer, KernelContext, type GpuView } from './context.js';
import { PipelineCache } from './pipelines.js';
import * as ew from './kernels/elementwise.js';
import { reduce } from './kernels/reduce.js';
import { argReduce } from './kernels/arg-reduce.js';
import { scan } from './kernels/scan.js';
import { matmul } from './kernels/matmul.js';
import { gather, INDEX_ERRORS, scatterAdd } from './kernels/indexing.js';
import { attention } from './kernels/attention.js';
import { checkWebGPUAllocation, tensorByteLimit, type TensorByteLimit } from './limits.js';

/** Tensors this small are filled from the host (one queue write) rather than by a kernel. */
const HOST_FILL_MAX = 4096;

/** Counters for benchmarks and tests. */
export interface WebGPUStats {
  /** Compute dispatches recorded so far. */
  dispatches: number;
  /** Command buffers submitted. */
  submits: number;
  /** Kernels compiled. */
  pipelines: number;
  /** GPU buffers created (the rest were reused from the pool). */
  buffersCreated: number;
  /** Bytes of free buffers the pool holds. */
  pooledBytes: number;
}

/**
 * The WebGPU backend: every kernel of the {@link Backend} interface as WGSL compute shaders on one `GPUDevice`.
 * Kernels are recorded into batched command buffers and never wait; `read` is the only point where the host
 * waits for the GPU. Dtypes: float32 (f32), int32 (i32) and bool (u32, one word per element).
 */
export class WebGPUBackend implements Backend<GpuBuffer> {
  readonly name = 'webgpu';
  readonly syncRead = false;
  private readonly ctx: KernelContext;
  private readonly pool: BufferPool;
  private readonly queue: CommandQueue;
  private deviceError: string | null = null;
  private readonly live = { buffers: 0, bytes: 0 };
  private readonly limit: TensorByteLimit;

  constructor(
    readonly device: GPUDevice,
    /** A human-readable name of the adapter, e.g. 'SwiftShader Device (Subzero)'. */
    readonly adapterName: string,
    /**
     * The `GPU` object the device came from. Held so it lives as long as the backend: Dawn's Node bindings tear
     * the instance down when it is collected, and the device's queue with it.
     */
    readonly gpu?: GPU,
  ) {
    this.pool = new BufferPool(device, undefined, (message) => (this.deviceError ??= message));
    this.limit = tensorByteLimit(device.limits);
    this.queue = new CommandQueue(device, this.pool);
    const flags = device.createBuffer({ size: 16, usage: USAGE_STORAGE | USAGE_COPY_SRC | USAGE_COPY_DST });
    this.ctx = new KernelContext(device, new PipelineCache(device), this.queue, this.pool, flags);
    // Validation errors surface asynchronously; keep the first and report it at the next read.
    device.addEventListener('uncapturederror', (event) => {
      this.deviceError ??= (event as GPUUncapturedErrorEvent).error.message;
    });
  }

  checkDType(op: string, dtype: DType): void {
    if (dtype === 'float64') {
      throw new TypeError(`${op}: float64 is not supported on WebGPU (WGSL has no 64-bit floats); use float32, or keep float64 tensors on the CPU`);
    }
  }

  checkAllocation(op: string, dtype: DType, shape: readonly number[], size: number): void {
    checkWebGPUAllocation(this.limit, op, dtype, shape, size);
  }

  allocate(dtype: DType, size: number): GpuBuffer {
    this.checkDType('allocate', dtype);
    const b = this.pool.acquire(dtype, size);
    this.live.buffers++;
    this.live.bytes += b.gpu.size;
    return b;
  }

  upload(dtype: DType, data: AnyTypedArray): GpuBuffer {
    const b = this.allocate(dtype, data.length);
    if (data.length > 0) this.queue.write(b.gpu, toStorage(dtype, data));
    b.needsZero = false;
    return b;
  }

  async read(buffer: GpuBuffer, dtype: DType, size: number): Promise<AnyTypedArray> {
    const flagBytes = 16;
    const bytes = buffer.needsZero ? 0 : size * 4;
    const raw = await this.queue.readBack([
      { buffer: this.ctx.flags, bytes: flagBytes },
      { buffer: buffer.gpu, bytes },
    ]);
    this.throwDeviceErrors(new Uint32Array(raw, 0, 4));
    const words = bytes === 0 ? new ArrayBuffer(size * 4) : raw.slice(flagBytes, flagBytes + bytes);
    if (dtype === 'float32') return new Float32Array(words);
    if (dtype === 'int32') return new Int32Array(words);
    return Uint8Array.from(new Uint32Array(words));
  }

  readSync(): AnyTypedArray {
    throw new Error("webgpu: values on the GPU can only be read asynchronously; use await t.toArray() or await t.data()");
  }

  release(buffer: GpuBuffer): void {
    this.live.buffers--;
    this.live.bytes -= buffer.gpu.size;
    this.queue.release(buffer.gpu);
  }

  /** GPU buffers held by tensors now and their bytes, and the bytes of free buffers the pool keeps for reuse. */
  memory(): { buffers: number; bytes: number; pooledBytes: number } {
    return { ...this.live, pooledBytes: this.pool.pooledBytes };
  }

  fill(out: GpuView, value: number): void {
    const b = out.buffer;
    // a small new tensor (a scalar operand, zeros/ones) is written from the host: no kernel, no dispatch
    if (b.untouched && b.size <= HOST_FILL_MAX && coversBuffer(out)) {
      const host = toStorage(b.dtype, new Float64Array(b.size).fill(value));
      if (b.size > 0) this.queue.write(b.gpu, host);
      b.needsZero = false;
      return;
    }
    ew.fill(this.ctx, out, value);
  }

  copy(out: GpuView, x: GpuView): void {
    ew.copy(this.ctx, out, x);
  }

  map(op: ElementwiseOp, out: GpuView, inputs: readonly GpuView[], params: readonly number[]): void {
    ew.map(this.ctx, op, out, inputs, params);
  }

  reduce(op: ReduceOp, out: GpuView, x: GpuView, dims: readonly number[]): void {
    reduce(this.ctx, op, out, x, dims);
  }

  argReduce(op: ArgReduceOp, out: GpuView, x: GpuView, dim: number): void {
    argReduce(this.ctx, op, out, x, dim);
  }

  scan(op: ScanOp, out: GpuView, x: GpuView, dim: number): void {
    scan(this.ctx, op, out, x, dim);
  }

  matmul(out: GpuView, a: GpuView, b: GpuView): void {
    matmul(this.ctx, out, a, b);
  }

  gather(out: GpuView, x: GpuView, dim: number, index: GpuView): void {
    gather(this.ctx, out, x, dim, index);
  }

  scatterAdd(out: GpuView, dim: number, index: GpuView, src: GpuView): void {
    scatterAdd(this.ctx, out, dim, index, src);
  }

  attention(views: AttentionViews<GpuBuffer>): boolean {
    return attention(this.ctx, views);
  }

  /** Submits recorded work now instead of at the end of the current task. */
  flush(): void {
    this.queue.flush();
  }

  /** Counters: dispatches, submits, compiled kernels, buffers created and pooled. */
  stats(): WebGPUStats {
    return {
      dispatches: this.queue.stats.dispatches,
      submits: this.queue.stats.submits,
      pipelines: this.ctx.pipelines.size,
      buffersCreated: this.pool.created,
      pooledBytes: this.pool.pooledBytes,
    };
  }

  /** Frees the pool and the queue's buffers; tensors on this backend must not be used afterwards. */
  destroy(): void {
    this.queue.flush();
    this.pool.drain();
    this.queue.destroy();
    this.ctx.flags.destroy();
  }

  private throwDeviceErrors(flags: Uint32Array): void {
    if (this.deviceError) {
      const message = this.deviceError;
      this.deviceError = null;
      throw new Error(`webgpu: the device reported an error: ${message}`);
    }
    const code = flags[0];
    if (code === 0) return;
    const index = flags[1] | 0;
    const dim = flags[2];
    const size = flags[3];
    this.queue.write(this.ctx.flags, new Uint32Array(4));
    throw new RangeError(
      `${INDEX_ERRORS[code as keyof typeof INDEX_ERRORS] ?? 'index'}: index ${index} is out of bounds for dimension ${dim} with size ${size} ` +
        '(found on the GPU by an earlier kernel and reported at this read; the results of that kernel are not valid)',
    );
  }
}

/** Host values in the layout a dtype has on the GPU (bool as one u32 per element). */
function toStorage(dtype: DType, data: ArrayLike<number>): Float32Array | Int32Array | Uint32Array {
  if (dtype === 'float32') return data instanceof Float32Array ? data : Float32Array.from(data);
  if (dtype === 'int32') return data instanceof Int32Array ? data : Int32Array.from(data, (v) => (Number.isFinite(v) ? Math.trunc(v) : 0));
  return Uint32Array.from(data, (v) => (v !== 0 ? 1 : 0));
}
